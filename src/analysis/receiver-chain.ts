import ts = require('typescript');

import { calleeName, skipOuterExpressions } from './syntax.js';

/**
 * Whether a method call's receiver may come from one of `builders`: it is not built by a chain
 * of calls (`builder.execute()`, `this.tx.execute()`), or the chain has one of them
 * (`db.startTransaction().setIsolationLevel('serializable').execute()`).
 */
export function mayBeBuiltBy(call: ts.CallExpression, builders: readonly string[]): boolean {
  let receiver: ts.Expression | undefined = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
  let built = false;
  while (receiver) {
    receiver = skipOuterExpressions(receiver);
    if (ts.isIdentifier(receiver) && !built) {
      // `const query = db.selectFrom('user')…; await query.execute()`: the chain it was built by.
      receiver = constInitializer(receiver);
    } else if (ts.isCallExpression(receiver)) {
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
 * The value a `const` of this name in an enclosing block was declared with, read without the
 * checker; undefined when a nearer parameter, loop or `catch` variable of the name may shadow it.
 */
function constInitializer(name: ts.Identifier): ts.Expression | undefined {
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
      if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
        const declaration = statement.declarationList.declarations.find((candidate) => declares(candidate.name));
        if (declaration) {
          return declaration.initializer;
        }
      }
    }
  }
  return undefined;
}

/** Whether a `for` statement declares a variable of this name (`for (const row of rows)`). */
function loopDeclares(node: ts.Node, name: string): boolean {
  const initializer = ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) ? node.initializer : undefined;
  return !!initializer && ts.isVariableDeclarationList(initializer) && initializer.declarations.some((declaration) => !ts.isIdentifier(declaration.name) || declaration.name.text === name);
}
