/**
 * @fileoverview What a query is and what it goes through: the handle a call chain starts from,
 * whether the chain is run, the pool or root handle at its root. Shared by the questions about
 * transactions (transaction-context.ts) and about helpers (helper-queries.ts).
 */
import ts = require('typescript');

import type { LibraryModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { ValueTrail } from './values.js';
import { skipOuterExpressions } from './syntax.js';

/**
 * Whether a call on a handle sends a query through that handle: a library method, or a method
 * of the project (a client subclass's `lockRows(tx, …)`) that itself queries through its own
 * receiver. A project method that queries the transaction it is given keeps the query inside.
 */
export function sendsQuery(cx: AnalysisContext, call: ts.CallExpression, depth = 0): boolean {
  const fn = cx.roles.projectCallee(call);
  return !fn || queriesOwnReceiver(cx, fn, depth);
}

const receiverQueries = new WeakMap<ts.Node, boolean>();

/** Whether a project method queries through `this` (directly, or through another such method). */
function queriesOwnReceiver(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration, depth: number): boolean {
  const known = receiverQueries.get(fn);
  if (known !== undefined) {
    return known;
  }
  if (depth > 4) {
    return true;
  }
  // A method calling itself adds nothing while its answer is computed.
  receiverQueries.set(fn, false);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const through = queryHandle(node);
      let root = through && skipOuterExpressions(through);
      while (root && ts.isPropertyAccessExpression(root)) {
        root = skipOuterExpressions(root.expression);
      }
      found = root?.kind === ts.SyntaxKind.ThisKeyword && (!ts.isCallExpression(node) || sendsQuery(cx, node, depth + 1));
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) {
    visit(fn.body);
  }
  receiverQueries.set(fn, found);
  return found;
}

/**
 * The handle a query starts from, for the first call of a chain only: `knex` in
 * `knex('users').where(…)`, `db` in `db.select().from(…)`, `dataSource.manager` in
 * `dataSource.manager.save(…)`. Later links of the chain are not queries of their own.
 */
export function queryHandle(node: ts.CallExpression | ts.TaggedTemplateExpression): ts.Expression | undefined {
  const callee = skipOuterExpressions(ts.isCallExpression(node) ? node.expression : node.tag);
  if (ts.isIdentifier(callee)) {
    return callee;
  }
  if (ts.isPropertyAccessExpression(callee) && isNameChain(callee.expression)) {
    return callee.expression;
  }
  return undefined;
}

/**
 * The handle a query starts from, as {@link queryHandle}, but a handle that is itself called
 * (`db.knex('users')`, `this.sql\`…\``) is the whole callee, not its receiver.
 */
export function queryHandleIn(cx: AnalysisContext, node: ts.CallExpression | ts.TaggedTemplateExpression): ts.Expression | undefined {
  const callee = skipOuterExpressions(ts.isCallExpression(node) ? node.expression : node.tag);
  if (ts.isPropertyAccessExpression(callee) && isNameChain(callee) && cx.roles.transactionRole(cx.checker.getTypeAtLocation(callee))) {
    return callee;
  }
  return queryHandle(node);
}

/** Whether a later link of the chain that starts at `node` runs it in a transaction (`.transacting(trx)`). */
export function isJoined(node: ts.CallExpression | ts.TaggedTemplateExpression, joinedBy: readonly string[] | undefined): boolean {
  if (!joinedBy) {
    return false;
  }
  for (let top: ts.Node = node; ; ) {
    const parent = top.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
      top = parent;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === top && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      if (joinedBy.includes(parent.name.text)) {
        return true;
      }
      top = parent.parent;
    } else {
      return false;
    }
  }
}

/**
 * Whether the chain that starts at `node` is run here: its final value is awaited, returned,
 * chained with `.then()`, yielded, collected in an array (for `Promise.all`) or a statement of
 * its own. A value built for another query (`knex.fn.now()`, `knex.raw('n + 1')` inside an
 * update) or a handle passed on (`getRepository(User)`) is not a query.
 */
export function isExecuted(node: ts.CallExpression | ts.TaggedTemplateExpression): boolean {
  let top: ts.Node = node;
  for (;;) {
    const parent = top.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
      top = parent;
    } else if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === top &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent &&
      !['then', 'catch', 'finally'].includes(parent.name.text)
    ) {
      top = parent.parent;
    } else {
      break;
    }
  }
  const parent = top.parent;
  return (
    ts.isAwaitExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isYieldExpression(parent) ||
    ts.isExpressionStatement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    (ts.isArrowFunction(parent) && parent.body === top) ||
    (ts.isPropertyAccessExpression(parent) && ['then', 'catch', 'finally'].includes(parent.name.text))
  );
}

/**
 * The longest prefix of a query's handle that is a pool or root handle of the library: `db` in
 * `db.select()`, `prisma` in `prisma.user.create()`. Swapping it for the transaction's handle
 * fixes the query only when that handle has what the query uses next: mssql's `Transaction`
 * has no `query()` or `input()` of its pool's and requests'.
 */
export function poolPrefix(
  cx: AnalysisContext,
  through: ts.Expression,
  library: LibraryModel,
  transactionType: () => ts.Type | undefined,
): { readonly handle: ts.Expression; readonly fixable: boolean } | undefined {
  for (const prefix of prefixesOf(through)) {
    const role = cx.roles.poolRole(cx.checker.getTypeAtLocation(prefix), library);
    if (role) {
      // A repository's API is not the transaction handle's: no fix swaps one for the other.
      return { handle: prefix, fixable: role === 'pool' && hasWhatFollows(prefix, transactionType()) };
    }
  }
  return undefined;
}

/** Whether a value of `type` has the member read after `handle` (`.user`, `.query`), or can be called or tagged as it is. */
function hasWhatFollows(handle: ts.Expression, type: ts.Type | undefined): boolean {
  if (!type) {
    return true;
  }
  const parent = handle.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === handle) {
    return type.getProperty(parent.name.text) !== undefined;
  }
  return type.getCallSignatures().length > 0;
}

/** `a.b.c`, `a.b`, `a`: the property-access prefixes of an expression, longest first. */
export function prefixesOf(expression: ts.Expression): ts.Expression[] {
  const prefixes: ts.Expression[] = [];
  for (let current = expression; ; current = skipOuterExpressions(current.expression)) {
    prefixes.push(current);
    if (!ts.isPropertyAccessExpression(current)) {
      return prefixes;
    }
  }
}

function isNameChain(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword || (ts.isPropertyAccessExpression(inner) && isNameChain(inner.expression));
}

/**
 * The variable at the root of `a.b().c`, or of `this.a` (the property's symbol). A constant
 * initialised from a handle's member (`const users = prisma.user`), or from a method that
 * returns a handle (`const repo = manager.getRepository(User)`), has that handle's root:
 * queries through it go where the handle's do. A query builder kept in a constant does not.
 */
export function rootSymbol(cx: AnalysisContext, expression: ts.Expression | undefined, trail = new ValueTrail(cx.checker)): ts.Symbol | undefined {
  let current = expression && skipOuterExpressions(expression);
  while (current) {
    if (ts.isIdentifier(current)) {
      const symbol = cx.symbolOf(current);
      const initializer = derivedHandleInitializer(cx, current, symbol, trail);
      return (initializer && rootSymbol(cx, initializer, trail)) ?? symbol;
    }
    if (ts.isPropertyAccessExpression(current)) {
      if (current.expression.kind === ts.SyntaxKind.ThisKeyword) {
        return ts.isIdentifier(current.name) ? cx.symbolOf(current.name) : undefined;
      }
      current = skipOuterExpressions(current.expression);
    } else if (ts.isCallExpression(current)) {
      current = skipOuterExpressions(current.expression);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The initializer of a `const` that is a member of another value, or a method call returning a
 * pool-bound handle (`getRepository()`), if it is one, or the transaction handle a handle was
 * constructed for (`new sql.Request(transaction)`). A method returning a dedicated handle
 * (`createQueryRunner()`) starts a new root.
 */
function derivedHandleInitializer(cx: AnalysisContext, name: ts.Identifier, symbol: ts.Symbol | undefined, trail: ValueTrail): ts.Expression | undefined {
  const initializer = symbol?.valueDeclaration && ts.isVariableDeclaration(symbol.valueDeclaration) ? trail.initializerOf(name) : undefined;
  if (!initializer || ts.isPropertyAccessExpression(initializer)) {
    return initializer;
  }
  if (ts.isNewExpression(initializer)) {
    // `new sql.Request(transaction)`: a handle made for a transaction's handle runs in it.
    return initializer.arguments?.find((argument) => isNameChain(argument) && cx.roles.transactionRole(cx.checker.getTypeAtLocation(argument))?.onPool === false);
  }
  const isMethodCall = ts.isCallExpression(initializer) && ts.isPropertyAccessExpression(skipOuterExpressions(initializer.expression));
  return isMethodCall && cx.roles.isPoolLike(cx.checker.getTypeAtLocation(symbol!.valueDeclaration!)) ? initializer : undefined;
}
