/**
 * @fileoverview The one door from the rules into the engine. Rules import from here only:
 * which file of the engine knows what is the engine's own business.
 */
export type { AnalysisContext } from './context.js';
export type { DoubleRelease } from './double-release.js';
export type { AcquireSite, BeginSite } from './effects.js';
export { type Engine, getEngine } from './engine.js';
export type { AcquireFinding, BeginFinding, DoubleReleases, HeldCall } from './findings.js';
export type { NetworkOptions, NetworkStep } from './network.js';
export { isScopeEnd, type LeakPath, leakPosition, type LifetimeOptions, type LifetimeResult, type Obligation } from './obligation.js';
export { isTestFile, type ListenerVerdict, type PoolSite } from './pools.js';
export type { PoolSize } from './pool-sizes.js';
export { givesBack, isDestroyingArgument, viewOfCall } from './holder-calls.js';
export { awaitedCalls, isAwaited, skipOuterExpressions, valuePosition } from './syntax.js';
export type { ForeignQuery } from './transaction-context.js';
export type { HandedTransaction, Transaction, TransactionKind } from './transactions.js';
export { disposeKind } from './types.js';
