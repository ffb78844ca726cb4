/**
 * @fileoverview Transactions, found once for every rule that asks about them.
 *
 * A transaction starts five ways: `BEGIN` (or `beginTransaction()`) on a handle the function
 * holds, an unmanaged transaction acquired from the library (`await knex.transaction()`), one
 * returned by a project function and ended here (`const trx = await beginImport()`), a managed
 * transaction's callback (`knex.transaction(async (trx) => …)`), and a project wrapper's
 * callback (`withTransaction(async (client) => …)`). Each becomes one {@link Transaction} with
 * its facts computed lazily; the rules say what to report about it, never how to find it.
 */
import ts = require('typescript');

import type { LibraryModel, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import type { BeginSite } from './effects.js';
import type { AcquireFinding, BeginFinding, HeldCall } from './findings.js';
import type { LifetimeOptions, LifetimeResult, Obligation } from './obligation.js';
import type { WrapperSite } from './wrappers.js';

import { awaitedCalls, calleeName, calleeReceiver, isAwaited, PROMISE_CHAIN_METHODS } from './syntax.js';
import { handedTransactionParameter } from './helper-queries.js';
import { isCalledOn } from './receiver-chain.js';
import { type ForeignQuery, foreignQueriesInManaged } from './transaction-context.js';

export type TransactionKind = 'acquired' | 'begun' | 'managed' | 'owned' | 'wrapped';

export interface Transaction {
  readonly kind: TransactionKind;
  /** Where it starts: the `BEGIN`, the acquiring call, or the managed or wrapper call. */
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  readonly library: LibraryModel;
  /** The name of the transaction handle, for messages and fixes (`trx`, `client`). */
  readonly handle: string | undefined;
  /** A `BEGIN` sent through a pool: a finding of its own, with nothing held to follow. */
  readonly onPool?: BeginSite;
  /** For a transaction this function must end itself (begun, acquired, owned): the proof. */
  readonly tracked?: {
    readonly obligation: Obligation;
    readonly result: LifetimeResult;
    /** Whether the handle is declared in the function (not a parameter or an outer variable). */
    readonly ownsHandle: boolean;
    readonly model: TransactionModel | undefined;
  };
  /** The queries sent around the transaction while it is open. */
  foreignQueries(): readonly ForeignQuery[];
  /**
   * The calls the code waits for while the transaction is open, but the queries sent through
   * its own handle (`await tx.user.update(…)`), which are the transaction's work.
   */
  awaitedWhileOpen(): readonly (ts.CallExpression | ts.NewExpression)[];
}

/** What finding transactions asks of the engine. */
export interface TransactionSources extends AnalysisContext {
  transactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined;
  acquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined;
  ownedByDeclaration(declaration: ts.VariableDeclaration, options: LifetimeOptions): AcquireFinding | undefined;
  callsWhileHeld(obligation: Obligation, options: LifetimeOptions): ReadonlySet<HeldCall>;
  foreignQueriesWhileHeld(finding: Extract<AcquireFinding, { kind: 'tracked' }>, options: LifetimeOptions): ForeignQuery[];
  wrapperSite(call: ts.CallExpression): WrapperSite | undefined;
  isBeginName(name: string): boolean;
}

/**
 * The transaction that starts at `node` (a call, a tagged template, or the declaration of a
 * variable initialised by a project function's transaction), if one does.
 */
export function findTransaction(
  sources: TransactionSources,
  node: ts.CallExpression | ts.TaggedTemplateExpression | ts.VariableDeclaration,
  options: LifetimeOptions,
): Transaction | undefined {
  if (ts.isVariableDeclaration(node)) {
    const owned = sources.ownedByDeclaration(node, options);
    const call = owned?.site.call;
    return owned?.kind === 'tracked' && owned.site.resource.kind === 'transaction' && call && ts.isCallExpression(call) ? acquired('owned', sources, owned, call, options) : undefined;
  }
  if (ts.isCallExpression(node)) {
    const managed = sources.effects.isManagedName(nameOf(node)) ? sources.effects.managedSite(node) : undefined;
    if (managed) {
      return inCallback('managed', sources, node, managed.library, managed.callback, managed.model, 0, calleeReceiver(node));
    }
    const wrapped = sources.wrapperSite(node);
    const model = wrapped?.kind === 'transaction' ? wrapped.library.transactions : undefined;
    if (wrapped && model) {
      return inCallback('wrapped', sources, node, wrapped.library, wrapped.callback, model, wrapped.handleIndex, undefined);
    }
  }
  const name = ts.isCallExpression(node) ? nameOf(node) : undefined;
  if (ts.isTaggedTemplateExpression(node) || (name !== undefined && sources.isBeginName(name))) {
    const begin = sources.transactionBegin(node, options);
    if (begin?.kind === 'onPool') {
      return { kind: 'begun', node, library: begin.site.library, handle: undefined, onPool: begin.site, foreignQueries: () => [], awaitedWhileOpen: () => [] };
    }
    if (begin) {
      const { obligation, result, ownsHandle, site } = begin;
      return {
        kind: 'begun',
        node,
        library: site.library,
        handle: obligation.holders[0]?.name,
        tracked: { obligation, result, ownsHandle, model: site.model },
        foreignQueries: () => begin.foreignQueries,
        awaitedWhileOpen: () => awaitedAmong(sources.callsWhileHeld(obligation, options), holderNames(obligation)),
      };
    }
  }
  if (ts.isCallExpression(node) && name !== undefined && sources.effects.isAcquireName(name)) {
    const finding = sources.acquisition(node, options);
    if (finding?.kind === 'tracked' && finding.site.resource.kind === 'transaction') {
      return acquired('acquired', sources, finding, node, options);
    }
  }
  return undefined;
}

/**
 * A transaction a function is given by its caller (`trx: Knex.Transaction`): the whole body
 * runs inside it.
 */
export interface HandedTransaction {
  readonly library: LibraryModel;
  /** The parameter's name, for messages and fixes. */
  readonly handle: string;
  /** The queries in the body that go around it. */
  foreignQueries(): readonly ForeignQuery[];
}

export function handedTransaction(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration): HandedTransaction | undefined {
  const handed = handedTransactionParameter(cx, fn);
  if (!handed) {
    return undefined;
  }
  const { role, index, name } = handed;
  let queries: readonly ForeignQuery[] | undefined;
  return {
    library: role.library,
    handle: name,
    foreignQueries: () => (queries ??= foreignQueriesInManaged(cx, role.library, role.model, fn, { handleIndex: index, receiver: undefined })),
  };
}

function acquired(
  kind: 'acquired' | 'owned',
  sources: TransactionSources,
  finding: Extract<AcquireFinding, { kind: 'tracked' }>,
  node: ts.CallExpression,
  options: LifetimeOptions,
): Transaction {
  const { obligation, result } = finding;
  let queries: readonly ForeignQuery[] | undefined;
  return {
    kind,
    node,
    library: obligation.library,
    handle: obligation.holders[0]?.name,
    tracked: { obligation, result, ownsHandle: true, model: undefined },
    foreignQueries: () => (queries ??= sources.foreignQueriesWhileHeld(finding, options)),
    awaitedWhileOpen: () => awaitedAmong(sources.callsWhileHeld(obligation, options), holderNames(obligation)),
  };
}

function inCallback(
  kind: 'managed' | 'wrapped',
  cx: AnalysisContext,
  node: ts.CallExpression,
  library: LibraryModel,
  callback: ts.ArrowFunction | ts.FunctionExpression,
  model: TransactionModel,
  handleIndex: number | undefined,
  receiver: ts.Expression | undefined,
): Transaction {
  const parameter = handleIndex === undefined ? undefined : callback.parameters[handleIndex];
  let queries: readonly ForeignQuery[] | undefined;
  return {
    kind,
    node,
    library,
    handle: parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined,
    foreignQueries: () => (queries ??= foreignQueriesInManaged(cx, library, model, callback, { handleIndex, receiver })),
    // Everything the callback waits for runs inside the transaction, but what runs after it ends.
    awaitedWhileOpen: () => {
      const handle = parameter && ts.isIdentifier(parameter.name) ? new Set([parameter.name.text]) : new Set<string>();
      return awaitedCalls(callback, new Set(model.afterEnd)).filter((call) => !isCalledOn(call, handle));
    },
  };
}

function awaitedAmong(calls: Iterable<HeldCall>, handle: ReadonlySet<string>): (ts.CallExpression | ts.NewExpression)[] {
  // A `.then()` is not a wait of its own: the calls its callback awaits are among the held calls.
  return [...calls].filter(
    (call): call is ts.CallExpression | ts.NewExpression =>
      !ts.isTaggedTemplateExpression(call) &&
      isAwaited(call) &&
      !(ts.isCallExpression(call) && PROMISE_CHAIN_METHODS.has(nameOf(call))) &&
      !isCalledOn(call, handle),
  );
}

/** The names the function holds a transaction's handle under. */
function holderNames(obligation: Obligation): ReadonlySet<string> {
  return new Set(obligation.holders.map((holder) => holder.name));
}

function nameOf(call: ts.CallExpression): string {
  return calleeName(call)?.text ?? '';
}
