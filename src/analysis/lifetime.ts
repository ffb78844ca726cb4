import ts from 'typescript';

import type { LibraryModel, ResourceModel, TransactionModel } from '../models/model.js';
import type { Engine } from './engine.js';

import {
  UnsupportedFlowError,
  walkFunction,
  walkScope,
  type FlowDomain,
  type JumpKind,
  type LeaveKind,
} from './flow.js';
import { sqlTransactionEffect } from './effects.js';
import { findFlags, flaggedEntry, withFlags } from './flags.js';
import { calleeName, chainedCall, isDeclarationName, isHandedOn, isNothing, isOnlyFulfilledHandler, LISTENER_METHODS, PROMISE_CHAIN_METHODS, skipOuterExpressions, valuePosition } from './syntax.js';

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
}

export interface LifetimeOptions {
  /** What passing the resource to a function the engine cannot see into means. */
  readonly unknownCalls: 'transfer' | 'borrow';
}

/**
 * What a node does to the obligation: give it back, overwrite its holder, use it (a lazy
 * resource connects), or give the handle back with its transaction still open.
 */
type Effect = 'discharge' | 'assign' | 'use' | 'releaseWhileOpen';

interface Held {
  readonly cause: ts.Node | undefined;
  readonly exit: ts.Node | undefined;
  /** A lazy resource not used yet: nothing is really held, so no exit leaks. */
  readonly pending?: boolean;
}
/** Reachable, resource not held. */
const FREE = Object.freeze({ free: true as const });
type State = Held | typeof FREE;
const HELD: Held = Object.freeze({ cause: undefined, exit: undefined });
const PENDING: Held = Object.freeze({ cause: undefined, exit: undefined, pending: true });

const COLLECTION_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'concat']);

/**
 * Finds the paths on which an obligation is neither discharged nor transferred before its
 * holder goes out of scope.
 */
export function analyzeObligation(
  obligation: Obligation,
  engine: Engine,
  options: LifetimeOptions,
  /** Called for each call or tagged template evaluated while the obligation is held. */
  onHeldCall?: (node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression) => void,
): LifetimeResult {
  const scan = new ReferenceScan(obligation, engine, options);
  scan.run();
  const leaks = new Map<string, LeakPath>();
  const record = (leak: LeakPath): void => {
    const key = `${leak.kind}:${leak.at.pos}:${leak.cause?.pos ?? ''}:${leak.via?.pos ?? ''}`;
    if (!leaks.has(key)) {
      leaks.set(key, leak);
    }
  };
  const isHolder = holderTest(scan.holders, engine);

  const domain: FlowDomain<State> = {
    join: (a, b) => (a === FREE ? b : b === FREE ? a : earlier(a as Held, b as Held)),
    equals: (a, b) =>
      a === b ||
      (a !== FREE &&
        b !== FREE &&
        (a as Held).cause === (b as Held).cause &&
        (a as Held).exit === (b as Held).exit &&
        !(a as Held).pending === !(b as Held).pending),
    visit(node, state) {
      if (
        onHeldCall &&
        state !== FREE &&
        !(state as Held).pending &&
        (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isNewExpression(node))
      ) {
        onHeldCall(node);
      }
      if (node === obligation.creation) {
        if (state !== FREE && !(state as Held).pending) {
          record({ kind: 'overwritten', at: node });
        }
        return obligation.resource.lazy ? PENDING : HELD;
      }
      const effect = scan.effects.get(node);
      if (effect === 'discharge') {
        return FREE;
      }
      if (effect === 'releaseWhileOpen' && state !== FREE) {
        record({ kind: 'releasedWhileOpen', at: node, via: (state as Held).exit });
        return FREE;
      }
      if (effect === 'use' && state !== FREE && (state as Held).pending) {
        return { ...(state as Held), pending: false };
      }
      if (effect === 'assign' && state !== FREE) {
        record({ kind: 'overwritten', at: node });
        return FREE;
      }
      return state;
    },
    jump(kind: JumpKind, origin, state) {
      if (state === FREE || (kind === 'throw' && ((state as Held).pending || isHarmlessThrow(origin)))) {
        return FREE;
      }
      const held = state as Held;
      return { cause: kind === 'throw' ? (held.cause ?? origin) : held.cause, exit: origin, pending: held.pending };
    },
    resume(_kind, state) {
      return state === FREE ? state : { cause: (state as Held).cause, exit: undefined, pending: (state as Held).pending };
    },
    refine(test, whenTrue, state) {
      if (state === FREE) {
        return state;
      }
      // Where the resource is known to be absent, or read to its end (it closed itself), there
      // is nothing to give back on this branch.
      return resourceAbsent(obligation, engine, isHolder, test, whenTrue) || (scan.readCalls.size > 0 && truthWhenExhausted(test) === whenTrue) ? FREE : state;
    },
    isScope: (node) => node === obligation.scope,
    leave(_scope, kind: LeaveKind, state) {
      if (state === FREE || (state as Held).pending) {
        return FREE;
      }
      const held = state as Held;
      if (kind === 'normal') {
        record({ kind: 'exit', at: obligation.scope, cause: held.cause });
      } else if (kind === 'throw' && held.exit && !ts.isThrowStatement(held.exit)) {
        record({ kind: 'exception', at: held.exit });
      } else {
        record({ kind: 'exit', at: held.exit ?? obligation.scope, cause: held.cause });
      }
      return FREE;
    },
    mayThrow: (node) => engine.effects.mayThrow(node),
  };

  /**
   * What a test evaluates to when the last read found nothing left, or `undefined` when the
   * test does not depend on it: `rows.length === 0` is true, `await cursor.hasNext()` false.
   */
  function truthWhenExhausted(test: ts.Expression): boolean | undefined {
    const value = valueWhenExhausted(test);
    return value === UNKNOWN ? undefined : Boolean(value);
  }

  /**
   * The value of an expression when the read found nothing left: `[]` for a read of rows,
   * `false` for a boolean check, `null` for a read of one row; numbers and `null` literals
   * as written; `UNKNOWN` for anything else.
   */
  function valueWhenExhausted(expression: ts.Expression): unknown {
    let node = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(node)) {
      node = skipOuterExpressions(node.expression);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return valueWhenExhausted(node.right);
    }
    if (ts.isCallExpression(node) && scan.readCalls.has(node)) {
      const type = engine.checker.getTypeAtLocation(node);
      return emptyValueOf(engine.checker.getAwaitedType(type) ?? type);
    }
    if (ts.isIdentifier(node)) {
      const symbol = engine.symbolOf(node);
      if (symbol && scan.readResults.has(symbol)) {
        return emptyValueOf(engine.checker.getTypeAtLocation(node));
      }
      return node.text === 'undefined' ? undefined : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') {
      const array = valueWhenExhausted(node.expression);
      return Array.isArray(array) ? 0 : UNKNOWN;
    }
    if (ts.isNumericLiteral(node)) {
      return Number(node.text);
    }
    if (node.kind === ts.SyntaxKind.NullKeyword) {
      return null;
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      return node.kind === ts.SyntaxKind.TrueKeyword;
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const operand = valueWhenExhausted(node.operand);
      return operand === UNKNOWN ? UNKNOWN : !operand;
    }
    if (ts.isBinaryExpression(node)) {
      const compare = COMPARISONS[node.operatorToken.kind];
      const left = valueWhenExhausted(node.left);
      const right = valueWhenExhausted(node.right);
      return compare && left !== UNKNOWN && right !== UNKNOWN ? compare(left, right) : UNKNOWN;
    }
    return UNKNOWN;
  }

  function emptyValueOf(type: ts.Type): unknown {
    const nonNullable = engine.checker.getNonNullableType(type);
    if (engine.checker.isArrayType(nonNullable)) {
      return [];
    }
    return nonNullable.flags & ts.TypeFlags.BooleanLike ? false : null;
  }

  /**
   * An exception that leaks nothing: `await runner.connect()` failing means the lazy
   * acquisition never happened, a safe method of a fresh resource does not fail, and a failed
   * read ends the cursor's query.
   */
  function isHarmlessThrow(origin: ts.Node): boolean {
    // A read that fails has ended the cursor's query: nothing is left open.
    const { acquireSteps = [], safeMethods = [], exhaustedBy = [] } = obligation.resource;
    // A synchronous acquisition (`session.startTransaction()`) that throws acquired nothing. (An
    // awaited one fails before it takes effect, so what its state holds is still held.)
    if (origin === obligation.creation && !ts.isAwaitExpression(origin)) {
      return true;
    }
    const call = ts.isAwaitExpression(origin) ? skipOuterExpressions(origin.expression) : origin;
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) {
      return false;
    }
    const method = call.expression.name.text;
    return (
      (acquireSteps.includes(method) || safeMethods.includes(method) || exhaustedBy.includes(method)) &&
      isHolder(skipOuterExpressions(call.expression.expression))
    );
  }

  try {
    walkWithFlags(obligation, domain, FREE, scan.holders, engine);
  } catch (error) {
    if (error instanceof UnsupportedFlowError) {
      return { leaks: [], releasedOnlyOnFulfilled: [], touchesResource: true, dischargeNodes: [] };
    }
    throw error;
  }
  for (const leak of scan.callbackLeaks) {
    record(leak);
  }
  return {
    leaks: [...leaks.values()],
    releasedOnlyOnFulfilled: scan.releasedOnlyOnFulfilled,
    touchesResource: [...scan.effects.values()].some((effect) => effect !== 'use') || scan.releasedOnlyOnFulfilled.length > 0,
    dischargeNodes: [...scan.effects].filter(([, effect]) => effect === 'discharge').map(([node]) => node),
  };
}

/**
 * Walks the obligation's scope (the whole function, or the block its holder lives in), with the
 * local flags it tests carried along each path when there are any.
 */
function walkWithFlags<S>(obligation: Obligation, domain: FlowDomain<S>, entry: S, holders: readonly ts.Symbol[], engine: Engine): void {
  const symbolOf = (identifier: ts.Identifier): ts.Symbol | undefined => engine.symbolOf(identifier);
  const whole = ts.isFunctionLike(obligation.scope);
  const region = whole ? ((obligation.fn as ts.FunctionLikeDeclarationBase).body ?? obligation.fn) : obligation.scope;
  const flags = findFlags(obligation.fn, region, symbolOf).filter((flag) => !holders.includes(flag));
  const walk = <T>(walked: FlowDomain<T>, start: T): void =>
    whole ? walkFunction(obligation.fn, walked, start) : walkScope(obligation.scope as ts.Statement, walked, start);
  if (flags.length === 0) {
    walk(domain, entry);
  } else {
    walk(withFlags(domain, flags, symbolOf), flaggedEntry(flags, entry));
  }
}

/** A release on a path where an earlier release already gave the resource back. */
export interface DoubleRelease {
  readonly second: ts.CallExpression;
  /** The release that ran first on that path; `second` itself when a loop repeats it. */
  readonly first: ts.CallExpression;
  /**
   * Where the path jumped between the two: the call that threw, or the `throw`, `return`,
   * `break` or `continue` statement that led to a `catch`, a `finally` or past a loop.
   */
  readonly after?: ts.Node;
}

/** The resource has been given back by `first` on every path that reaches here with this state. */
interface Released {
  readonly first: ts.CallExpression;
  readonly after: ts.Node | undefined;
}
/** Not held (yet, or any more: handed on or known absent). */
const ABSENT = 'absent';
/** Held and not given back. */
const OWNED = 'owned';
type ReleaseState = typeof ABSENT | typeof OWNED | Released;

/**
 * Finds release calls that can run after the resource was already given back on the same
 * path: in a `catch` and again in `finally`, twice in sequence, or once in a loop the
 * acquisition is outside of. A test on a mutable flag (`if (!released)`) or on the
 * resource's own state stops the path being counted, since the analysis does not correlate
 * branches.
 */
export function findDoubleReleases(obligation: Obligation, engine: Engine): DoubleRelease[] {
  const scan = new ReferenceScan(obligation, engine, { unknownCalls: 'borrow' });
  scan.run();
  const releases = [...scan.releaseCalls];
  if (releases.length === 0 || (releases.length === 1 && !repeatedWithoutCreation(releases[0]!, obligation))) {
    return [];
  }
  const isHolder = holderTest(scan.holders, engine);
  const found = new Map<ts.CallExpression, DoubleRelease>();
  const isReleased = (state: ReleaseState): state is Released => typeof state === 'object';
  const domain: FlowDomain<ReleaseState> = {
    join: (a, b) => (isReleased(a) ? (isReleased(b) && b.first.pos < a.first.pos ? b : a) : isReleased(b) ? b : a === OWNED ? a : b),
    equals: (a, b) => a === b || (isReleased(a) && isReleased(b) && a.first === b.first && a.after === b.after),
    visit(node, state) {
      if (node === obligation.creation) {
        return OWNED;
      }
      if (scan.releaseCalls.has(node as ts.CallExpression)) {
        const call = node as ts.CallExpression;
        if (isReleased(state) && !found.has(call)) {
          found.set(call, { second: call, first: state.first, after: state.after });
        }
        return { first: call, after: undefined };
      }
      const effect = scan.effects.get(node);
      if (effect === 'discharge') {
        return ABSENT;
      }
      if (effect === 'assign') {
        return isNothing(skipOuterExpressions((node as ts.BinaryExpression).right)) ? ABSENT : OWNED;
      }
      return state;
    },
    jump(kind, origin, state) {
      if (!isReleased(state)) {
        return state;
      }
      // A release that fails (`await conn.end()` rejects) may not have given anything back.
      const failed =
        kind === 'throw' && ts.isAwaitExpression(origin) && scan.releaseCalls.has(skipOuterExpressions(origin.expression) as ts.CallExpression);
      return failed ? OWNED : { first: state.first, after: state.after ?? origin };
    },
    resume: (_kind, state) => state,
    refine(test, whenTrue, state) {
      if (state === ABSENT || resourceAbsent(obligation, engine, isHolder, test, whenTrue)) {
        return ABSENT;
      }
      return isReleased(state) && testsOtherState(test, isHolder, engine) ? OWNED : state;
    },
    isScope: () => false,
    leave: (_scope, _kind, state) => state,
    mayThrow: (node) => engine.effects.mayThrow(node),
  };
  try {
    // A block-scoped holder lives only in its scope: walking just that keeps it linear.
    if (ts.isFunctionLike(obligation.scope)) {
      walkFunction(obligation.fn, domain, ABSENT);
    } else {
      walkScope(obligation.scope as ts.Statement, domain, ABSENT);
    }
  } catch (error) {
    if (error instanceof UnsupportedFlowError) {
      return [];
    }
    throw error;
  }
  return [...found.values()];
}

/** Whether a release runs inside a loop of the function that does not also create the resource again. */
function repeatedWithoutCreation(release: ts.Node, obligation: Obligation): boolean {
  const { creation } = obligation;
  for (let current = release.parent; current && current !== obligation.fn; current = current.parent) {
    if (ts.isIterationStatement(current, false) && !(creation.pos >= current.pos && creation.end <= current.end)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a test reads state the walk does not follow: a `let` or `var` flag
 * (`if (!released)`), or a property of the resource (`if (!client.released)`).
 */
function testsOtherState(test: ts.Expression, isHolder: (node: ts.Expression) => boolean, engine: Engine): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isPropertyAccessExpression(node) && isHolder(skipOuterExpressions(node.expression))) {
      found = true;
      return;
    }
    if (ts.isIdentifier(node) && !isHolder(node)) {
      const declaration = engine.symbolOf(node)?.valueDeclaration;
      const list = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent : undefined;
      found = !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) === 0;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(test);
  return found;
}

/**
 * Whether the branch of `test` taken when it is `whenTrue` is one where the resource is known
 * to be absent: the holder is nullish, the callback's error is set, the released flag is true
 * or the transaction flag false.
 */
function resourceAbsent(
  obligation: Obligation,
  engine: Engine,
  isHolder: (node: ts.Expression) => boolean,
  test: ts.Expression,
  whenTrue: boolean,
): boolean {
  const node = skipOuterExpressions(test);
  if (isHolder(node)) {
    return !whenTrue;
  }
  if (ts.isIdentifier(node) && obligation.errorParameter && obligation.errorParameter === engine.symbolOf(node)) {
    return whenTrue;
  }
  if (ts.isPropertyAccessExpression(node) && obligation.resource.releasedFlag === node.name.text) {
    return whenTrue && isHolder(skipOuterExpressions(node.expression));
  }
  if (ts.isPropertyAccessExpression(node) && obligation.transaction?.activeFlag === node.name.text) {
    return !whenTrue && isHolder(skipOuterExpressions(node.expression));
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const equality =
      operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken
        ? true
        : operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken
          ? false
          : undefined;
    if (equality === undefined) {
      return false;
    }
    const left = skipOuterExpressions(node.left);
    const right = skipOuterExpressions(node.right);
    const isTypeofHolder = (operand: ts.Expression): boolean => ts.isTypeOfExpression(operand) && isHolder(skipOuterExpressions(operand.expression));
    const comparesHolderToNothing =
      (isHolder(left) && isNothing(right)) ||
      (isHolder(right) && isNothing(left)) ||
      (isTypeofHolder(left) && isUndefinedString(right)) ||
      (isTypeofHolder(right) && isUndefinedString(left));
    return comparesHolderToNothing && whenTrue === equality;
  }
  return false;
}

/**
 * Of two held states reaching one point, keep one that really holds (not pending), then the
 * one that names the simpler path.
 */
function earlier(a: Held, b: Held): Held {
  const rank = (held: Held): [number, number, number, number, number] => [
    held.pending ? 1 : 0,
    held.exit ? 1 : 0,
    held.exit?.pos ?? -1,
    held.cause ? 1 : 0,
    held.cause?.pos ?? -1,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let index = 0; index < ra.length; index++) {
    if (ra[index] !== rb[index]) {
      return ra[index]! < rb[index]! ? a : b;
    }
  }
  return a;
}

/** An expression whose value when exhausted cannot be told. */
const UNKNOWN = Symbol('unknown');

/** The comparison operators, evaluated on the values the code would compare. */
const COMPARISONS: Partial<Record<ts.SyntaxKind, (left: unknown, right: unknown) => boolean>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: (left, right) => left === right,
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: (left, right) => left !== right,
  [ts.SyntaxKind.EqualsEqualsToken]: (left, right) => left == right,
  [ts.SyntaxKind.ExclamationEqualsToken]: (left, right) => left != right,
  [ts.SyntaxKind.LessThanToken]: (left, right) => (left as number) < (right as number),
  [ts.SyntaxKind.LessThanEqualsToken]: (left, right) => (left as number) <= (right as number),
  [ts.SyntaxKind.GreaterThanToken]: (left, right) => (left as number) > (right as number),
  [ts.SyntaxKind.GreaterThanEqualsToken]: (left, right) => (left as number) >= (right as number),
};

/** Whether an expression is one of the variables that hold the resource. */
function holderTest(holders: readonly ts.Symbol[], engine: Engine): (node: ts.Expression) => boolean {
  const names = new Set(holders.map((symbol) => symbol.name));
  return (node) => ts.isIdentifier(node) && names.has(node.text) && holders.includes(engine.symbolOf(node)!);
}

/**
 * Whether a release's argument makes pg destroy the client rather than return it (`release(err)`,
 * `release(true)`): anything but nothing, `false` or `undefined`.
 */
export function isDestroyingArgument(argument: ts.Expression | undefined): boolean {
  return argument !== undefined && argument.kind !== ts.SyntaxKind.FalseKeyword && !(ts.isIdentifier(argument) && argument.text === 'undefined');
}

/** Whether calling `method` on the resource gives it back: a release, or a read to its end. */
export function givesBack(resource: ResourceModel, method: string): boolean {
  return resource.release.includes(method) || !!resource.consumedBy?.includes(method);
}

function stringArgument(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

function isUndefinedString(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) && node.text === 'undefined';
}

/**
 * Classifies every reference to the holders inside the analysed function, once, before the
 * flow walk: which nodes discharge the obligation (a release, a transfer of ownership, the
 * registration of a callback that releases) and which assign the holder. Aliases
 * (`const c = client`) and local release functions (`const done = () => client.release()`)
 * join the tracked symbols as they are found.
 */
class ReferenceScan {
  readonly effects = new Map<ts.Node, Effect>();
  readonly holders: ts.Symbol[];
  readonly releaseFunctions: ts.Symbol[];
  readonly releasedOnlyOnFulfilled: ts.CallExpression[] = [];
  /** Exits of registered callbacks that return without giving the resource back. */
  readonly callbackLeaks: LeakPath[] = [];
  /** Calls that read the next rows (`cursor.read(100)`), and the variables their results are kept in. */
  readonly readCalls = new Set<ts.CallExpression>();
  readonly readResults = new Set<ts.Symbol>();
  /**
   * Discharges that are the function's own release calls (`client.release()`,
   * `pool.releaseConnection(conn)`, pg's `done()`), not transfers or releasing callbacks.
   */
  readonly releaseCalls = new Set<ts.CallExpression>();
  private readonly closures = new Set<ts.Node>();

  constructor(
    private readonly obligation: Obligation,
    private readonly engine: Engine,
    private readonly options: LifetimeOptions,
  ) {
    this.holders = [...obligation.holders];
    this.releaseFunctions = [...(obligation.releaseFunctions ?? [])];
  }

  run(): void {
    // A block-scoped holder can only be referenced inside its scope.
    const body = ts.isFunctionLike(this.obligation.scope)
      ? (this.obligation.fn as ts.FunctionLikeDeclarationBase).body
      : this.obligation.scope;
    if (!body) {
      return;
    }
    // New aliases can make earlier references meaningful, so scan until nothing new appears.
    for (let known = -1; known !== this.holders.length + this.releaseFunctions.length; ) {
      known = this.holders.length + this.releaseFunctions.length;
      this.effects.clear();
      this.closures.clear();
      this.releasedOnlyOnFulfilled.length = 0;
      this.callbackLeaks.length = 0;
      this.readCalls.clear();
      this.readResults.clear();
      this.releaseCalls.clear();
      const names = new Set([...this.holders, ...this.releaseFunctions].map((symbol) => symbol.name));
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) {
          if (names.has(node.text)) {
            this.reference(node);
          }
          return;
        }
        if (ts.isShorthandPropertyAssignment(node) && names.has(node.name.text)) {
          const symbol = this.engine.checker.getShorthandAssignmentValueSymbol(node);
          if (symbol && this.holders.includes(symbol)) {
            this.inObjectLiteral(node, node);
          } else if (symbol && this.releaseFunctions.includes(symbol)) {
            this.discharge(node, node);
          }
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(body);
    }
  }

  private reference(identifier: ts.Identifier): void {
    if (isDeclarationName(identifier)) {
      return;
    }
    const symbol = this.engine.symbolOf(identifier);
    if (!symbol) {
      return;
    }
    if (this.holders.includes(symbol)) {
      this.holderReference(identifier);
    } else if (this.releaseFunctions.includes(symbol)) {
      this.releaseFunctionReference(identifier);
    }
  }

  private holderReference(identifier: ts.Identifier): void {
    const value = valuePosition(identifier);
    const parent = value.parent;
    const transaction = this.obligation.transaction;
    if (this.obligation.resource.closedByIteration && ts.isForOfStatement(parent) && parent.expression === value && parent.awaitModifier) {
      // Read to the end, or closed by the iterator's `return()` when the loop is left early.
      this.discharge(value, identifier);
      return;
    }
    if (transaction && ts.isTaggedTemplateExpression(parent) && parent.tag === value) {
      const text = this.engine.effects.sqlTextOf(parent);
      if (text !== undefined && sqlTransactionEffect(text) === 'end') {
        this.discharge(parent, identifier);
      }
      return;
    }
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === value) {
      const call = parent.parent;
      const member = ts.isPropertyAccessExpression(parent) ? parent.name.text : undefined;
      if (transaction && member && ts.isCallExpression(call) && call.expression === parent) {
        this.transactionCall(call, member, identifier, transaction);
        return;
      }
      const resource = this.obligation.resource;
      const isMethodCall = ts.isCallExpression(call) && call.expression === parent && member !== undefined;
      if (isMethodCall && resource.exhaustedBy?.includes(member)) {
        this.readCall(call);
      }
      if (isMethodCall && LISTENER_METHODS.has(member) && resource.consumedByListener?.includes(stringArgument(call) ?? '')) {
        // `stream.on('data', …)`: the stream flows to its end.
        this.discharge(call, identifier);
        return;
      }
      if (isMethodCall && resource.lazy && !givesBack(resource, member)) {
        // A method of a lazy resource makes it really hold something (any method, unless the
        // model names the ones that open it).
        if (this.enclosingFunction(identifier) === this.obligation.fn && (!resource.openedBy || resource.openedBy.includes(member))) {
          this.effects.set(call, 'use');
        }
        return;
      }
      if (isMethodCall && givesBack(resource, member)) {
        const completedBy = this.obligation.resource.releaseCompletedBy;
        const completion = completedBy ? chainedCall(call, completedBy) : call;
        // Without its completion (`trx.commit()` with no `.execute()`) nothing is given back.
        if (completion) {
          this.discharge(completion, identifier);
          if (resource.release.includes(member)) {
            this.releaseCall(completion, identifier);
          }
        }
      }
      return;
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value)) {
      this.passedAsArgument(parent, parent.arguments.indexOf(value), identifier);
      return;
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === value) {
      this.inObjectLiteral(parent, identifier);
      return;
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (parent.left === value) {
        if (this.enclosingFunction(identifier) === this.obligation.fn) {
          this.effects.set(parent, 'assign');
        }
        return;
      }
      const target = skipOuterExpressions(parent.left);
      if (ts.isIdentifier(target) && this.isLocal(target)) {
        this.addHolder(this.engine.symbolOf(target));
      } else {
        this.discharge(parent, identifier);
      }
      return;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === value) {
      if (ts.isIdentifier(parent.name) && this.isLocal(parent.name)) {
        this.addHolder(this.engine.symbolOf(parent.name));
      } else if (ts.isIdentifier(parent.name)) {
        this.discharge(parent, identifier);
      }
      // Destructuring (`const { query } = client`) only borrows.
      return;
    }
    if (
      ts.isReturnStatement(parent) ||
      ts.isYieldExpression(parent) ||
      (ts.isArrowFunction(parent) && parent.body === value) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isSpreadAssignment(parent)
    ) {
      // Returned, yielded or put in a container: ownership goes with the value.
      this.discharge(ts.isReturnStatement(parent) ? parent : value, identifier);
    }
  }

  /** A read of the next rows; its result, when kept in a variable, tells whether anything was left. */
  private readCall(call: ts.CallExpression): void {
    this.readCalls.add(call);
    let value: ts.Node = valuePosition(call);
    if (ts.isAwaitExpression(value)) {
      value = valuePosition(value);
    }
    const parent = value.parent;
    const target =
      ts.isVariableDeclaration(parent) && parent.initializer === value
        ? parent.name
        : ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value
          ? skipOuterExpressions(parent.left)
          : undefined;
    const symbol = target && ts.isIdentifier(target) ? this.engine.symbolOf(target) : undefined;
    if (symbol) {
      this.readResults.add(symbol);
    }
  }

  /** A call on the handle of a transaction: SQL or API that ends it, or a release that keeps it open. */
  private transactionCall(call: ts.CallExpression, member: string, identifier: ts.Identifier, transaction: TransactionModel): void {
    const text = transaction.sqlMethods?.includes(member) ? this.engine.effects.sqlTextOf(call) : undefined;
    if (transaction.end?.includes(member) || (text !== undefined && sqlTransactionEffect(text) === 'end')) {
      this.discharge(call, identifier);
      return;
    }
    if (transaction.releaseKeepsTransaction?.includes(member) && this.enclosingFunction(identifier) === this.obligation.fn) {
      const argument = call.arguments[0];
      // `client.release(err)` destroys the connection, and the server rolls back.
      const destroys = transaction.releaseArgumentDestroys && isDestroyingArgument(argument);
      this.effects.set(call, destroys ? 'discharge' : 'releaseWhileOpen');
    }
  }

  private releaseFunctionReference(identifier: ts.Identifier): void {
    const value = valuePosition(identifier);
    const parent = value.parent;
    if (ts.isCallExpression(parent) && parent.expression === value) {
      this.discharge(parent, identifier);
      // A release function of the library's own (pg's `done`), not one the code wrote.
      if (this.obligation.releaseFunctions?.includes(this.engine.symbolOf(identifier)!)) {
        this.releaseCall(parent, identifier);
      }
    } else if (isHandedOn(value)) {
      // Handed to someone who will call it (a callback, an event handler) or returned.
      this.discharge(value, identifier);
    }
  }

  /**
   * `{ session }` or `{ client: c }`: an options bag passed straight to a call is judged like
   * passing the resource itself; an object kept or returned carries ownership with it.
   */
  private inObjectLiteral(property: ts.ObjectLiteralElement, reference: ts.Node): void {
    const literal = valuePosition(property.parent as ts.ObjectLiteralExpression);
    const call = literal.parent;
    if ((ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments?.includes(literal)) {
      this.passedAsArgument(call, call.arguments.indexOf(literal), reference, true);
    } else {
      this.discharge(property, reference);
    }
  }

  private passedAsArgument(
    call: ts.CallExpression | ts.NewExpression,
    index: number,
    reference: ts.Node,
    inOptions = false,
  ): void {
    const { library, resource } = this.obligation;
    if (!inOptions && ts.isCallExpression(call) && this.engine.effects.releasesArgument(call, library, resource)) {
      this.discharge(call, reference);
      this.releaseCall(call, reference);
      return;
    }
    // The library's own operations (`collection.updateOne(…, { session })`) use the resource
    // without taking it over.
    if (this.engine.effects.isDeclaredBy(call, library)) {
      return;
    }
    const name = calleeName(call);
    if (ts.isCallExpression(call) && name && COLLECTION_METHODS.has(name.text)) {
      this.discharge(call, reference);
      return;
    }
    const fate = inOptions ? 'unknown' : this.engine.summaries.parameterFate(call, index, this.obligation);
    if (fate === 'borrows' || (fate === 'unknown' && this.options.unknownCalls === 'borrow')) {
      return;
    }
    this.discharge(call, reference);
  }

  private releaseCall(call: ts.CallExpression, reference: ts.Node): void {
    if (!this.outermostClosure(reference)) {
      this.releaseCalls.add(call);
    }
  }

  /**
   * `node` gives back or hands on the resource. Inside a nested function, that makes the
   * whole function a releasing callback, which discharges where it is registered.
   */
  private discharge(node: ts.Node, reference: ts.Node): void {
    const closure = this.outermostClosure(reference);
    if (!closure) {
      this.effects.set(node, 'discharge');
      return;
    }
    if (this.closures.has(closure)) {
      return;
    }
    this.closures.add(closure);
    this.registerClosure(closure);
  }

  private registerClosure(closure: ts.SignatureDeclaration): void {
    if (ts.isFunctionDeclaration(closure)) {
      this.addReleaseFunction(closure.name && this.engine.checker.getSymbolAtLocation(closure.name));
      return;
    }
    const value = valuePosition(closure as ts.Expression);
    const parent = value.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
      this.addReleaseFunction(this.engine.symbolOf(parent.name));
      return;
    }
    if (ts.isCallExpression(parent) && parent.expression === value) {
      this.effects.set(parent, 'discharge');
      return;
    }
    if (ts.isCallExpression(parent) && isOnlyFulfilledHandler(parent, value) && !this.chainReleasesOnRejection(parent)) {
      this.releasedOnlyOnFulfilled.push(parent);
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value)) {
      this.checkCallback(closure);
    }
    this.effects.set(value, 'discharge');
  }

  /**
   * A callback that releases counts where it is registered, but it must release on each of
   * its own exits. An exception inside a callback is not followed: it is the caller's
   * uncaught error, not a path this code chose.
   */
  private checkCallback(closure: ts.SignatureDeclaration): void {
    const result = analyzeObligation(
      { ...this.obligation, fn: closure, creation: closure, scope: closure, holders: this.holders, releaseFunctions: this.releaseFunctions },
      this.engine,
      this.options,
    );
    this.callbackLeaks.push(...result.leaks.filter((leak) => leak.kind === 'exit' && !leak.cause));
  }

  /** Whether a `.catch()`, `.finally()` or second `.then()` argument later in the chain also releases. */
  private chainReleasesOnRejection(thenCall: ts.CallExpression): boolean {
    for (let call: ts.Node = thenCall; ; ) {
      const access = call.parent;
      if (!ts.isPropertyAccessExpression(access) || !PROMISE_CHAIN_METHODS.has(access.name.text)) {
        return false;
      }
      const next = access.parent;
      if (!ts.isCallExpression(next) || next.expression !== access) {
        return false;
      }
      const handlers = access.name.text === 'then' ? next.arguments.slice(1, 2) : next.arguments.slice(0, 1);
      if (handlers.some((handler) => this.closures.has(skipOuterExpressions(handler)) || this.mentionsTracked(handler))) {
        return true;
      }
      call = next;
    }
  }

  private mentionsTracked(node: ts.Node): boolean {
    const names = new Set([...this.holders, ...this.releaseFunctions].map((symbol) => symbol.name));
    let found = false;
    const visit = (child: ts.Node): void => {
      if (found) {
        return;
      }
      if (ts.isIdentifier(child) && names.has(child.text)) {
        const symbol = this.engine.symbolOf(child);
        found = !!symbol && (this.holders.includes(symbol) || this.releaseFunctions.includes(symbol));
        return;
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  }

  private addHolder(symbol: ts.Symbol | undefined): void {
    if (symbol && !this.holders.includes(symbol)) {
      this.holders.push(symbol);
    }
  }

  private addReleaseFunction(symbol: ts.Symbol | undefined): void {
    if (symbol && !this.releaseFunctions.includes(symbol)) {
      this.releaseFunctions.push(symbol);
    }
  }

  /** The nested function, directly inside the analysed one, that contains `node`. */
  private outermostClosure(node: ts.Node): ts.SignatureDeclaration | undefined {
    let closure: ts.SignatureDeclaration | undefined;
    for (let current = node.parent; current && current !== this.obligation.fn; current = current.parent) {
      if (ts.isFunctionLike(current)) {
        closure = current;
      }
    }
    return closure;
  }

  private enclosingFunction(node: ts.Node): ts.Node | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (ts.isFunctionLike(current)) {
        return current;
      }
    }
    return undefined;
  }

  /** Whether the variable this identifier names is declared in the analysed function itself. */
  private isLocal(identifier: ts.Identifier): boolean {
    const declaration = this.engine.symbolOf(identifier)?.valueDeclaration;
    return !!declaration && this.enclosingFunction(declaration) === this.obligation.fn && !ts.isParameter(declaration);
  }
}

