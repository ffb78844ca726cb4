import ts from 'typescript';

import type { LibraryModel, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { ValueTrail } from './values.js';
import { calleeName, calleeReceiver, isDeferred, skipOuterExpressions } from './syntax.js';

/** A query that runs outside the transaction that is open where it is sent. */
export interface ForeignQuery {
  /** The call (or tagged template) that sends it. */
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  /**
   * - `outerHandle`: sent through the very handle the transaction was started from;
   * - `pool`: sent through a pool or root handle of the same library;
   * - `missingOption`: a library query without the option that joins the transaction.
   */
  readonly reason: 'missingOption' | 'outerHandle' | 'pool';
  /** The expression the query is sent through (`db`, `dataSource.manager`, `knex`). */
  readonly handle: ts.Expression;
  /** Whether replacing `handle` with the transaction handle sends the same query inside the transaction. */
  readonly fixable: boolean;
  /** For `missingOption`: the option that joins the transaction (`transaction`, `session`). */
  readonly option?: string;
  /** For `missingOption`: the rule option under which such queries join by async context instead. */
  readonly joinedByContextWhen?: string;
}

/**
 * The queries in a managed transaction's callback that go around the transaction: through the
 * handle the transaction was started from (decided by identity, since TypeORM's and MongoDB's
 * inner and outer handles share a type), through another pool or root handle of the library
 * (decided by type), or, for libraries that join by option, without that option. Nested
 * functions called inside the callback count; callbacks deferred to timers and events do not.
 */
export function foreignQueriesInManaged(
  cx: AnalysisContext,
  library: LibraryModel,
  model: TransactionModel,
  callback: ts.ArrowFunction | ts.FunctionExpression,
  /** Which callback parameter is the transaction handle; what the transaction was started on. */
  { handleIndex, receiver }: { handleIndex: number | undefined; receiver: ts.Expression | undefined },
): ForeignQuery[] {
  // A transaction started from a transaction handle (`trx.transaction(…)`) is a savepoint on
  // the same connection: the outer handle is still inside the transaction.
  const nested = !!receiver && cx.roles.isTransactionHandleOf(cx.checker.getTypeAtLocation(receiver), library);
  const outer = nested ? undefined : rootSymbol(cx, receiver);
  const handle = handleIndex === undefined ? undefined : callback.parameters[handleIndex];
  const handleSymbol = handle && ts.isIdentifier(handle.name) ? cx.symbolOf(handle.name) : undefined;
  const found: ForeignQuery[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && isDeferred(node)) {
      return;
    }
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const query = classify(node);
      if (query) {
        found.push(query);
      }
    }
    ts.forEachChild(node, visit);
  };
  const classify = (node: ts.CallExpression | ts.TaggedTemplateExpression): ForeignQuery | undefined => {
    if (!isExecuted(node)) {
      return undefined;
    }
    if (model.transactionOption) {
      return missingOptionQuery(cx, node, library, model.transactionOption);
    }
    const through = queryHandle(node);
    if (!through) {
      return undefined;
    }
    const root = rootSymbol(cx, through);
    if ((root && root === handleSymbol) || (ts.isCallExpression(node) && !sendsQuery(cx, node))) {
      return undefined;
    }
    const bypassedBy = model.contextBypassedBy;
    if (bypassedBy) {
      if (!ts.isCallExpression(node) || !cx.roles.isDeclaredBy(node, library) || !madeBy(cx, node, bypassedBy)) {
        return undefined;
      }
      // `em.fork()` itself is what the fix replaces; otherwise the variable holding the fork.
      const name = calleeName(node);
      return { node, reason: 'pool', handle: name && bypassedBy.includes(name.text) ? node : through, fixable: true };
    }
    // The transaction handle has the library's methods, not the project's: no swap fixes those.
    const ownMethod = ts.isCallExpression(node) && !!cx.roles.projectCallee(node);
    if (root && root === outer) {
      const prefix = outerPrefix(through);
      return { node, reason: 'outerHandle', handle: prefix ?? through, fixable: !!prefix && !ownMethod };
    }
    const found = poolPrefix(cx, through, library);
    const pool = found && { ...found, fixable: found.fixable && !ownMethod };
    if (!pool) {
      return undefined;
    }
    // Another root handle typed differently from the outer one (another generated Prisma
    // client, a `Kysely<OtherDatabase>`) is another database.
    const outerType = outerTypes[0];
    const poolType = cx.checker.getTypeAtLocation(pool.handle);
    if (pool.fixable && outerType && poolType !== outerType && cx.roles.poolRole(outerType, library) === 'pool') {
      return undefined;
    }
    return { node, reason: 'pool', ...pool };
  };
  // The part of the query's handle that stands for the outer handle, which the fix replaces
  // with the transaction's: `prisma` in `prisma.user`, but all of `dataSource.manager`. The
  // outer handle is the receiver, or what built it (`db` in `db.transaction().execute(…)`).
  let outerHandle = receiver && skipOuterExpressions(receiver);
  while (outerHandle && ts.isCallExpression(outerHandle) && ts.isPropertyAccessExpression(outerHandle.expression)) {
    outerHandle = skipOuterExpressions(outerHandle.expression.expression);
  }
  const outerTypes = [outerHandle, handle].map((node) => node && cx.checker.getTypeAtLocation(node));
  const outerPrefix = (through: ts.Expression): ts.Expression | undefined =>
    prefixesOf(through).find((prefix) => outerTypes.includes(cx.checker.getTypeAtLocation(prefix)));
  if (callback.body) {
    ts.forEachChild(callback.body, visit);
    if (!ts.isBlock(callback.body)) {
      visit(callback.body);
    }
  }
  return found;
}

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
 * For libraries that join a transaction by option: a query method of the library, however its
 * receiver was reached, called without the option (`{ transaction: t }`, `{ session }`).
 */
export function missingOptionQuery(
  cx: AnalysisContext,
  node: ts.CallExpression | ts.TaggedTemplateExpression,
  library: LibraryModel,
  option: NonNullable<TransactionModel['transactionOption']>,
): ForeignQuery | undefined {
  const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
  const receiver = ts.isCallExpression(node) ? calleeReceiver(node) : undefined;
  const isQuery = !!name && !!receiver && option.queryMethods.includes(name.text) && cx.roles.isDeclaredBy(node as ts.CallExpression, library);
  return isQuery && !passesOption(cx, node as ts.CallExpression, option.name)
    ? { node, reason: 'missingOption', handle: receiver, option: option.name, joinedByContextWhen: option.joinedByContextWhen, fixable: false }
    : undefined;
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
 * `db.select()`, `prisma` in `prisma.user.create()`.
 */
export function poolPrefix(cx: AnalysisContext, through: ts.Expression, library: LibraryModel): Pick<ForeignQuery, 'fixable' | 'handle'> | undefined {
  for (const prefix of prefixesOf(through)) {
    const role = cx.roles.poolRole(cx.checker.getTypeAtLocation(prefix), library);
    if (role) {
      // A repository's API is not the transaction handle's: no fix swaps one for the other.
      return { handle: prefix, fixable: role === 'pool' };
    }
  }
  return undefined;
}

/** `a.b.c`, `a.b`, `a`: the property-access prefixes of an expression, longest first. */
function prefixesOf(expression: ts.Expression): ts.Expression[] {
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
 * pool-bound handle (`getRepository()`), if it is one. A method returning a dedicated handle
 * (`createQueryRunner()`) starts a new root.
 */
function derivedHandleInitializer(cx: AnalysisContext, name: ts.Identifier, symbol: ts.Symbol | undefined, trail: ValueTrail): ts.Expression | undefined {
  const initializer = symbol?.valueDeclaration && ts.isVariableDeclaration(symbol.valueDeclaration) ? trail.initializerOf(name) : undefined;
  if (!initializer || ts.isPropertyAccessExpression(initializer)) {
    return initializer;
  }
  const isMethodCall = ts.isCallExpression(initializer) && ts.isPropertyAccessExpression(skipOuterExpressions(initializer.expression));
  return isMethodCall && cx.roles.isPoolLike(cx.checker.getTypeAtLocation(symbol!.valueDeclaration!)) ? initializer : undefined;
}

/** Whether a query's handle was made by one of `methods` (`em.fork()`), directly or through constants. */
function madeBy(cx: AnalysisContext, expression: ts.Expression, methods: readonly string[]): boolean {
  let current = skipOuterExpressions(expression);
  const trail = new ValueTrail(cx.checker);
  for (;;) {
    while (ts.isPropertyAccessExpression(current)) {
      current = skipOuterExpressions(current.expression);
    }
    if (ts.isCallExpression(current)) {
      const name = calleeName(current);
      if (name && methods.includes(name.text)) {
        return true;
      }
      current = skipOuterExpressions(current.expression);
      continue;
    }
    const initializer = ts.isIdentifier(current) ? trail.initializerOf(current) : undefined;
    if (!initializer) {
      return false;
    }
    current = initializer;
  }
}

/**
 * Whether a call passes the option that joins the transaction: written in an options literal, in
 * a spread of the caller's options, or in an options object whose type has it (`findAll(options)`).
 */
function passesOption(cx: AnalysisContext, call: ts.CallExpression, option: string): boolean {
  return call.arguments.some((argument) => {
    const value = skipOuterExpressions(argument);
    if (ts.isObjectLiteralExpression(value)) {
      return value.properties.some(
        (property) => ts.isSpreadAssignment(property) || (property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === option),
      );
    }
    return (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) && !!cx.checker.getTypeAtLocation(value).getProperty(option);
  });
}
