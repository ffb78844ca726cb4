/**
 * What a project function hands its caller: a resource it has just acquired (a factory), one it
 * makes unless given one, or one it keeps. The caller owns only the first two.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { Effects } from './effects.js';

import { calleeName, enclosingFunction, functionsFoundInRounds, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';
import { returnedValues } from './values.js';

/**
 * Whether a project function returns a resource it acquired (or got from another function that
 * does), rather than one it keeps: `return pool.connect()`, `const trx = await knex.transaction();
 * return trx;` — not `return this.transactions.get(id)`.
 */
export function returnsFresh(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration, depth = 0): boolean {
  const fresh = (expression: ts.Expression): boolean => {
    const value = skipAwait(expression);
    if (ts.isIdentifier(value)) {
      const declaration = cx.symbolOf(value)?.valueDeclaration;
      return !!declaration && ts.isVariableDeclaration(declaration) && !!declaration.initializer && fresh(declaration.initializer);
    }
    if (ts.isNewExpression(value)) {
      return true;
    }
    if (!ts.isCallExpression(value)) {
      return false;
    }
    if (cx.effects.acquireSite(value)) {
      return true;
    }
    const callee = cx.roles.projectCallee(value);
    // A library call that is no acquisition (`map.get(id)`) reads back; a project one is followed.
    return !!callee && depth < 3 && returnsFresh(cx, callee, depth + 1);
  };
  return returnedValues(fn).some((value) => value !== undefined && fresh(value));
}

/**
 * Whether everything a project function returns is a resource it has just acquired and keeps
 * no hold of (`getClient() { return pool.connect(); }`): a factory, whose caller owns the
 * result and must give it back even where it releases nothing.
 */
export function returnsOnlyFresh(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration, depth = 0): boolean {
  const fresh = (expression: ts.Expression): boolean => {
    const value = skipAwait(expression);
    if (ts.isIdentifier(value)) {
      const declaration = cx.symbolOf(value)?.valueDeclaration;
      return (
        !!declaration &&
        ts.isVariableDeclaration(declaration) &&
        enclosingFunction(declaration) === fn &&
        !!declaration.initializer &&
        fresh(declaration.initializer) &&
        ts.isIdentifier(declaration.name) &&
        onlyUsedAs(cx, declaration.name, fn, (use) => ts.isReturnStatement(use.parent) || use === fn.body || isReceiver(use))
      );
    }
    if (!ts.isCallExpression(value)) {
      return false;
    }
    if (cx.effects.acquireSite(value)) {
      return true;
    }
    const callee = cx.roles.projectCallee(value);
    return !!callee && depth < 3 && returnsOnlyFresh(cx, callee, depth + 1);
  };
  const returned = returnedValues(fn);
  return returned.length > 0 && returned.every((value) => value !== undefined && fresh(value));
}

/**
 * Whether every use of a function's local variable passes `accepted`, and none is in a closure
 * (which may outlive the call) or a shorthand property (`{ client }` hands it on). Parentheses,
 * `await` and `!` around a use are looked through.
 */
export function onlyUsedAs(
  cx: AnalysisContext,
  name: ts.Identifier,
  fn: ts.SignatureDeclaration,
  accepted: (use: ts.Expression) => boolean,
): boolean {
  const symbol = cx.symbolOf(name);
  let kept = false;
  const visit = (node: ts.Node): void => {
    if (kept) {
      return;
    }
    // The checker names the property in `{ client }`, not the variable.
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === name.text) {
      kept = true;
      return;
    }
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && cx.symbolOf(node) === symbol) {
      let use: ts.Expression = node;
      while (ts.isParenthesizedExpression(use.parent) || ts.isAwaitExpression(use.parent) || ts.isNonNullExpression(use.parent)) {
        use = use.parent;
      }
      kept = !accepted(use) || ts.findAncestor(node.parent, ts.isFunctionLike) !== fn;
      return;
    }
    ts.forEachChild(node, visit);
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) {
    visit(body);
  }
  return !kept;
}

/**
 * The names of the project's functions that may be factories: what one returns (or returns
 * unless its caller gave one) is a call that may acquire (by its name and the shape of its
 * arguments: `pool.connect()`, not `knex.transaction(async (trx) => …)`), or a call of another
 * such function, directly or through a variable. A syntactic pre-filter, read once per program
 * and only in the files that call such a name, before {@link returnsOnlyFresh} asks the checker.
 */
export function factoryNames(program: ts.Program, effects: Effects): ReadonlySet<string> {
  // A factory of a factory is found in the round after it; deeper chains are not followed.
  return functionsFoundInRounds(program.getSourceFiles().filter(isProjectFile), new Set(effects.acquireNames), 3, (fn, called, round) => {
    const isMade = round === 0 ? (call: ts.CallExpression) => effects.mayAcquire(call) : (call: ts.CallExpression) => called.has(calleeName(call)?.text ?? '');
    return returnedValues(fn).some((value) => value !== undefined && returnsCallOf(value, isMade));
  });
}

/**
 * Whether a returned value is a call that passes `test`, a local variable initialised with one,
 * or one made unless the caller gave one (`given ?? pool.connect()`).
 */
function returnsCallOf(returned: ts.Expression, test: (call: ts.CallExpression) => boolean): boolean {
  let value = skipAwait(returned);
  if (isEitherOr(value)) {
    value = skipAwait(value.right);
  }
  if (ts.isIdentifier(value)) {
    const declaration = localDeclaration(value);
    value = declaration?.initializer ? skipAwait(declaration.initializer) : value;
  }
  return ts.isCallExpression(value) && test(value);
}

/** The `const x = …` of a name declared in the same function, found without the checker. */
function localDeclaration(identifier: ts.Identifier): ts.VariableDeclaration | undefined {
  const fn = enclosingFunction(identifier);
  let found: ts.VariableDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (ts.isFunctionLike(node) && node !== fn)) {
      return;
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === identifier.text) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn) {
    visit(fn);
  }
  return found;
}

/** `client` in `client.query(…)`: the object a member is read from. */
function isReceiver(use: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use;
}

/** `a ?? b` or `a || b`. */
function isEitherOr(value: ts.Expression): value is ts.BinaryExpression {
  return (
    ts.isBinaryExpression(value) &&
    (value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || value.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  );
}

function skipAwait(expression: ts.Expression): ts.Expression {
  const value = skipOuterExpressions(expression);
  return ts.isAwaitExpression(value) ? skipOuterExpressions(value.expression) : value;
}

/**
 * For a helper that returns what its caller gave it, or else a resource it makes
 * (`return queryRunner ?? this.dataSource.createQueryRunner()`): the index of that parameter.
 */
export function freshUnlessGiven(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration): number | undefined {
  const body = fn.body;
  const only = body && ts.isBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
  const returned = body && !ts.isBlock(body) ? body : only && ts.isReturnStatement(only) ? only.expression : undefined;
  const value = returned && skipOuterExpressions(returned);
  if (!value || !isEitherOr(value)) {
    return undefined;
  }
  const given = skipOuterExpressions(value.left);
  const made = skipOuterExpressions(value.right);
  if (!ts.isIdentifier(given) || !ts.isCallExpression(made) || !cx.effects.acquireSite(made)) {
    return undefined;
  }
  const symbol = cx.symbolOf(given);
  const index = fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && cx.symbolOf(parameter.name) === symbol);
  return index === -1 ? undefined : index;
}
