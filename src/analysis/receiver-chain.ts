import ts = require('typescript');

import { calleeName, skipOuterExpressions } from './syntax.js';

/**
 * Whether a method call's receiver may come from one of `builders`: it is not built by a chain
 * of calls (`builder.execute()` on a parameter, `this.tx.execute()`), or the chain has one of
 * them (`db.startTransaction().setIsolationLevel('serializable').execute()`). A local variable
 * stands for the values the code gives it (`let query = db.selectFrom('user'); if (id) query =
 * query.where('id', '=', id); await query.execute()`, Kysely's conditional query).
 */
export function mayBeBuiltBy(call: ts.CallExpression, builders: readonly string[]): boolean {
  return ts.isPropertyAccessExpression(call.expression) ? mayComeFrom(call.expression.expression, builders, new Set()) : true;
}

function mayComeFrom(expression: ts.Expression, builders: readonly string[], visiting: Set<string>): boolean {
  let receiver: ts.Expression | undefined = expression;
  let built = false;
  while (receiver) {
    receiver = skipOuterExpressions(receiver);
    if (ts.isIdentifier(receiver) && !built) {
      if (visiting.has(receiver.text)) {
        return false;
      }
      const values = localValues(receiver);
      visiting.add(receiver.text);
      return !values || values.some((value) => mayComeFrom(value, builders, visiting));
    }
    if (ts.isCallExpression(receiver)) {
      const name = calleeName(receiver)?.text;
      if (name && builders.includes(name)) {
        return true;
      }
      built = true;
      receiver = receiver.expression;
    } else {
      receiver = ts.isPropertyAccessExpression(receiver) || ts.isElementAccessExpression(receiver) ? receiver.expression : undefined;
    }
  }
  return !built;
}

/**
 * The values the code gives a `const` or `let` of this name declared in an enclosing block: its
 * initializer and, for a `let`, what that block assigns it. Read without the checker; undefined
 * when a nearer parameter, loop or `catch` variable of the name may shadow it, or it is no such
 * local.
 */
function localValues(name: ts.Identifier): ts.Expression[] | undefined {
  const declares = (binding: ts.BindingName | undefined): boolean => binding !== undefined && ts.isIdentifier(binding) && binding.text === name.text;
  for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((parameter) => !ts.isIdentifier(parameter.name) || declares(parameter.name))) {
      return undefined;
    }
    if (ts.isCatchClause(scope) ? declares(scope.variableDeclaration?.name) : loopDeclares(scope, name.text)) {
      return undefined;
    }
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) {
      continue;
    }
    for (const statement of scope.statements) {
      const list = ts.isVariableStatement(statement) ? statement.declarationList : undefined;
      const declaration = list && list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let) ? list.declarations.find((candidate) => declares(candidate.name)) : undefined;
      if (declaration) {
        // `declare const builder: ControlledTransactionBuilder` has no value to read.
        const values = declaration.initializer ? [declaration.initializer] : [];
        return list!.flags & ts.NodeFlags.Let ? [...values, ...assignedIn(scope, name.text)] : declaration.initializer && values;
      }
    }
  }
  return undefined;
}

/** What `scope` assigns to the name (`query = query.where(…)`, `query ??= …`), nested functions included. */
function assignedIn(scope: ts.Node, name: string): ts.Expression[] {
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) && node.left.text === name) {
      values.push(node.right);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return values;
}

/** Whether a `for` statement declares a variable of this name (`for (const row of rows)`). */
function loopDeclares(node: ts.Node, name: string): boolean {
  const initializer = ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) ? node.initializer : undefined;
  return !!initializer && ts.isVariableDeclarationList(initializer) && initializer.declarations.some((declaration) => !ts.isIdentifier(declaration.name) || declaration.name.text === name);
}

/**
 * Whether a call is a method of one of these names or of something reached from it
 * (`tx.recipient.update(…)`, `trx('users').where(…)`, `client.query(…)`, `` sql`…` ``), read
 * from the syntax.
 */
export function isCalledOn(call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression, names: ReadonlySet<string>): boolean {
  return isRootedIn(ts.isTaggedTemplateExpression(call) ? call.tag : call.expression, names);
}

/** Whether the chain of member reads and calls `expression` starts at one of these names. */
function isRootedIn(expression: ts.Expression, names: ReadonlySet<string>): boolean {
  let node = expression;
  for (;;) {
    node = skipOuterExpressions(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) {
      node = node.expression;
    } else {
      return ts.isIdentifier(node) && names.has(node.text);
    }
  }
}

/**
 * `handles` and the locals the code makes from them: a value read from one
 * (`const users = tx.user`) or made by a call given one (`const queries = createUserQueries(tx)`,
 * `const find = buildFind(tx)(Users)`, `new OrganizationQueries(tx)`). Read in source order
 * from the syntax, so a local made from such a local counts too.
 */
export function namesMadeFrom(body: ts.Node, handles: ReadonlySet<string>): ReadonlySet<string> {
  const names = new Set(handles);
  const isHandle = (node: ts.Expression): boolean => {
    const inner = skipOuterExpressions(node);
    return ts.isIdentifier(inner) && names.has(inner.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let value = skipOuterExpressions(node.initializer);
      value = ts.isAwaitExpression(value) ? skipOuterExpressions(value.expression) : value;
      if (isRootedIn(value, names) || givenTo(value, isHandle)) {
        names.add(node.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

/** Whether a call or `new` along the chain of `value` is given a handle as an argument. */
function givenTo(value: ts.Expression, isHandle: (node: ts.Expression) => boolean): boolean {
  for (let node: ts.Expression = value; ; ) {
    node = skipOuterExpressions(node);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(isHandle)) {
      return true;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isNewExpression(node)) {
      node = node.expression;
    } else {
      return false;
    }
  }
}
