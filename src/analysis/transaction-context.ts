import ts = require('typescript');

import type { LibraryModel, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { type HelperQuery, helperQueryOutside } from './helper-queries.js';
import { joiningMethods, joinsByOptionOnly, missingOptionQuery, type MissingOption, optionJoiners, sessionOwner } from './option-queries.js';
import { isExecuted, isJoined, poolPrefix, prefixesOf, queryHandleIn, rootSymbol, sendsQuery } from './queries.js';
import { isCalledOn, namesMadeFrom } from './receiver-chain.js';
import { ValueTrail } from './values.js';
import { calleeName, isDeferred, skipOuterExpressions } from './syntax.js';

/** A query that runs outside the transaction that is open where it is sent. */
export interface ForeignQuery {
  /** The call (or tagged template) that sends it. */
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  /**
   * - `outerHandle`: sent through the very handle the transaction was started from;
   * - `pool`: sent through a pool or root handle of the same library;
   * - `missingOption`: a library query without the option that joins the transaction;
   * - `helper`: a call of a project function that sends a query through a pool or root handle.
   */
  readonly reason: 'helper' | 'missingOption' | 'outerHandle' | 'pool';
  /** The expression the query is sent through (`db`, `dataSource.manager`, `knex`). */
  readonly handle: ts.Expression;
  /** Whether replacing `handle` with the transaction handle sends the same query inside the transaction. */
  readonly fixable: boolean;
  /** For `missingOption`: the option that joins the transaction (`transaction`, `session`). */
  readonly option?: string;
  /** For `missingOption`, when the transaction is handed as an argument rather than an option: its position (`Person.query(trx)`). */
  readonly argumentIndex?: number;
  /** For `missingOption` (and a helper's query without its option): the rule option under which such queries join by async context instead. */
  readonly joinedByContextWhen?: string;
  /** For `helper`: the query the helper sends, and the calls that lead to it. */
  readonly helper?: HelperQuery;
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
  callback: ts.FunctionLikeDeclaration,
  /** Which callback parameter is the transaction handle; what the transaction was started on. */
  { handleIndex, receiver }: { handleIndex: number | undefined; receiver: ts.Expression | undefined },
): ForeignQuery[] {
  // Objection's transactions are knex's: knex's pools and handles are what goes around them.
  const owner = sessionOwner(cx, library);
  const ownerModel = owner === library ? model : owner.transactions!;
  // A transaction started from a transaction handle (`trx.transaction(…)`) is a savepoint on
  // the same connection: the outer handle is still inside the transaction.
  const nested = !!receiver && cx.roles.isTransactionHandleOf(cx.checker.getTypeAtLocation(receiver), owner);
  // Started from another library's object (Objection's `Person.transaction(…)`), not from a handle that queries.
  const outer = nested || owner !== library ? undefined : rootSymbol(cx, receiver);
  const handle = handleIndex === undefined ? undefined : callback.parameters[handleIndex];
  const handleSymbol = handle && ts.isIdentifier(handle.name) ? cx.symbolOf(handle.name) : undefined;
  // Queries through the transaction's own handle (`tx.user.update(…)`), or through what the
  // callback makes from it (`createUserQueries(tx).findById(…)`), are its work: told by their
  // syntax, before the checker is asked to type their chains.
  const handleName = new Set(handle && ts.isIdentifier(handle.name) ? [handle.name.text] : []);
  const madeFromHandle = callback.body && handleName.size > 0 ? namesMadeFrom(callback.body, handleName) : handleName;
  const joiners = optionJoiners(cx, library);
  const optionOnly = joinsByOptionOnly(owner);
  const joinedBy = joiningMethods(model, ownerModel);
  const found: ForeignQuery[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && isDeferred(node)) {
      return;
    }
    if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && !isCalledOn(node, madeFromHandle)) {
      const query =
        classify(node) ??
        (ts.isCallExpression(node) && !ownerModel.contextBypassedBy && isExecuted(node)
          ? helperCallOutside(cx, node, owner, (argument) => !!handleSymbol && rootSymbol(cx, argument) === handleSymbol, { within: callback })
          : undefined);
      if (query) {
        found.push(query);
      }
    }
    ts.forEachChild(node, visit);
  };
  const classify = (node: ts.CallExpression | ts.TaggedTemplateExpression): ForeignQuery | undefined => {
    if (!isExecuted(node) || isJoined(node, joinedBy)) {
      return undefined;
    }
    const missing = joiners.length > 0 ? missingOptionQuery(cx, node, joiners) : undefined;
    if (missing || optionOnly) {
      return missing && foreignQueryOf(missing);
    }
    const through = queryHandleIn(cx, node);
    if (!through) {
      return undefined;
    }
    const root = rootSymbol(cx, through);
    if ((root && root === handleSymbol) || (ts.isCallExpression(node) && !sendsQuery(cx, node))) {
      return undefined;
    }
    const bypassedBy = ownerModel.contextBypassedBy;
    if (bypassedBy) {
      if (!ts.isCallExpression(node) || !cx.roles.isDeclaredBy(node, owner) || !madeBy(cx, node, bypassedBy)) {
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
    const found = poolPrefix(cx, through, owner, () => outerTypes()[1]);
    const pool = found && { ...found, fixable: found.fixable && !ownMethod };
    if (!pool) {
      return undefined;
    }
    // Another root handle typed differently from the outer one (another generated Prisma
    // client, a `Kysely<OtherDatabase>`) is another database.
    const outerType = outerTypes()[0];
    const poolType = cx.checker.getTypeAtLocation(pool.handle);
    if (pool.fixable && outerType && poolType !== outerType && cx.roles.poolRole(outerType, owner) === 'pool') {
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
  // Typed only when a query may go around the transaction: typing a Prisma client is costly.
  let types: (ts.Type | undefined)[] | undefined;
  const outerTypes = (): (ts.Type | undefined)[] => (types ??= [outerHandle, handle].map((node) => node && cx.checker.getTypeAtLocation(node)));
  const outerPrefix = (through: ts.Expression): ts.Expression | undefined =>
    prefixesOf(through).find((prefix) => outerTypes().includes(cx.checker.getTypeAtLocation(prefix)));
  if (callback.body) {
    ts.forEachChild(callback.body, visit);
    if (!ts.isBlock(callback.body)) {
      visit(callback.body);
    }
  }
  return found;
}

/**
 * A call of a project function that queries a pool or root handle of the library (its own, or
 * the one this call hands it) while the transaction is open: the query runs on another
 * connection. Reported at the call, which is what the transaction's code can change.
 */
export function helperCallOutside(
  cx: AnalysisContext,
  call: ts.CallExpression,
  library: LibraryModel,
  isTransactionHandle: (argument: ts.Expression) => boolean,
  /**
   * `origin`: the pool the transaction came from, when known; only it is the same database.
   * `within`: code already searched for queries; helpers defined there were seen in place.
   */
  { origin, within }: { origin?: ts.Symbol; within?: ts.Node } = {},
): ForeignQuery | undefined {
  const helper = helperQueryOutside(cx, call, library, isTransactionHandle);
  const definedWithin = !!helper && !!within && isInside(cx.roles.projectCallee(call)!, within);
  // A query without its option runs on whatever pool its model is bound to: no origin tells it apart.
  if (!helper || definedWithin || (origin && !helper.lacksOptionOf && rootSymbol(cx, helper.through) !== origin)) {
    return undefined;
  }
  const joinedByContextWhen = helper.lacksOptionOf?.transactions?.transactionOption?.joinedByContextWhen;
  return { node: call, reason: 'helper', handle: helper.through, fixable: false, helper, ...(joinedByContextWhen && { joinedByContextWhen }) };
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

/** A query without the option that joins the transaction, as the rules report it. */
export function foreignQueryOf(missing: MissingOption): ForeignQuery {
  const { node, receiver, option, argumentIndex, joinedByContextWhen } = missing;
  return { node, reason: 'missingOption', handle: receiver, option, argumentIndex, joinedByContextWhen, fixable: false };
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}
