/**
 * @fileoverview What the engine proves about a resource: the obligation to give it back, and
 * the paths on which that obligation is not met. Types only, shared by the parts that build,
 * walk and report obligations.
 */
import ts = require('typescript');

import type { LibraryModel, ResourceModel, TransactionModel } from '../models/model.js';

/** A call, construction or tagged template evaluated while an obligation is held. */
export type HeldCall = ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;

/**
 * An obligation: a resource that some function must give back (release, end, close) or hand
 * on to someone else before the variable that holds it goes out of scope.
 */
export interface Obligation {
  readonly library: LibraryModel;
  readonly resource: ResourceModel;
  /** The function whose body is analysed. */
  readonly fn: ts.SignatureDeclaration;
  /** The node whose evaluation creates the obligation; `fn` itself for a parameter. */
  readonly creation: ts.Node;
  /** Where the holding variable goes out of scope: a block, loop, switch or `fn`. */
  readonly scope: ts.Node;
  /** Variables that hold the resource. */
  readonly holders: readonly ts.Symbol[];
  /** Variables that are functions giving the resource back (pg's `done`). */
  readonly releaseFunctions?: readonly ts.Symbol[];
  /** A parameter that, when truthy, means nothing was acquired (the callback's `err`). */
  readonly errorParameter?: ts.Symbol;
  /**
   * What the holder is instead on the paths where nothing was made: the caller's own runner,
   * which a helper returns when given one (`runnerFor(queryRunner)` returning
   * `queryRunner ?? this.dataSource.createQueryRunner()`).
   */
  readonly alternative?: ts.Expression;
  /**
   * For a transaction opened on a handle: how SQL ends it (`client.query('COMMIT')`) and which
   * calls give the handle back with the transaction still open.
   */
  readonly transaction?: TransactionModel;
}

/** One way the resource escapes its scope without being given back. */
export interface LeakPath {
  /**
   * - `exit`: control leaves the scope at `at` (a return, throw, break or continue statement,
   *   the expression body of an arrow, or the scope node itself for falling off its end).
   * - `exception`: the call or await `at` throws and no handler gives the resource back (also
   *   when it throws inside a `catch` that was handling an earlier exception).
   * - `overwritten`: the holding variable is assigned at `at` (or the acquisition runs again).
   * - `releasedWhileOpen`: `at` gives a handle back to its pool with the transaction open.
   */
  readonly kind: 'exit' | 'exception' | 'overwritten' | 'releasedWhileOpen';
  readonly at: ts.Node;
  /** For `exit` after a caught exception: the call that threw first. */
  readonly cause?: ts.Node;
  /**
   * For `releasedWhileOpen` inside a `finally` block: the jump that brought control there
   * (the early `return`, or the call that threw).
   */
  readonly via?: ts.Node;
}

/** Whether a leak is control falling off the end of its scope (rather than a statement or call). */
export function isScopeEnd(leak: LeakPath): boolean {
  const { at } = leak;
  return leak.kind === 'exit' && (ts.isFunctionLike(at) || ts.isBlock(at) || ts.isIterationStatement(at, false) || ts.isSwitchStatement(at));
}

/** Where a leak is, for ordering reports: a scope's own end counts at its closing brace. */
export function leakPosition(leak: LeakPath): number {
  return isScopeEnd(leak) ? leak.at.getEnd() : leak.at.getStart();
}

export interface LifetimeResult {
  readonly leaks: readonly LeakPath[];
  /** `.then(onFulfilled)` calls that release only when the promise resolves. */
  readonly releasedOnlyOnFulfilled: readonly ts.CallExpression[];
  /** Whether the function gives back or hands on the resource anywhere at all. */
  readonly touchesResource: boolean;
  /** The nodes that give back or hand on the resource. */
  readonly dischargeNodes: readonly ts.Node[];
  /** Of those, the ones that give it back: the resource's release methods, or a function that calls one. */
  readonly releaseNodes?: readonly ts.Node[];
  /** Releases that are never run: Kysely's `trx.commit()` without the `.execute()` that sends it. */
  readonly releasesNotRun?: readonly ts.CallExpression[];
}

export interface LifetimeOptions {
  /** What passing the resource to a function the engine cannot see into means. */
  readonly unknownCalls: 'transfer' | 'borrow';
  /** Which evaluations are exception edges: the ones that realistically throw (default), or every call. */
  readonly exceptions?: 'all' | 'likely';
}

/**
 * What a function does with a resource passed to it:
 * - `releases`: gives it back on every path (`finish(runner)` calls `runner.release()`);
 * - `consumes`: gives it back or hands it on on every path;
 * - `borrows`: only uses it, so the caller keeps the obligation;
 * - `unknown`: the engine cannot tell (no body, a library function, a partial release, too deep).
 */
export type ParameterFate = 'releases' | 'consumes' | 'borrows' | 'unknown';
