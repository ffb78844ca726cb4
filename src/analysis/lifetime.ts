/**
 * @fileoverview The lifetime walk: follows one obligation through its function, with the
 * exception edges and the flags that travel together, and names the paths that leave without
 * giving the resource back. What each reference does comes from the reference scan; the
 * walker is flow.ts.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { LeakPath, LifetimeOptions, LifetimeResult, Obligation } from './obligation.js';

import { findFlags, flaggedEntry, withFlags } from './flags.js';
import { type FlowDomain, type JumpKind, type LeaveKind, UnsupportedFlowError, walkFunction, walkScope } from './flow.js';
import { holderTest } from './holder-calls.js';
import { ReferenceScan } from './reference-scan.js';
import { isNothing, nameIndex, occurrencesWithin, skipOuterExpressions, valuePosition } from './syntax.js';
import { traced, tracing } from './trace.js';

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

/**
 * Finds the paths on which an obligation is neither discharged nor transferred before its
 * holder goes out of scope.
 */
export function analyzeObligation(
  obligation: Obligation,
  cx: AnalysisContext,
  options: LifetimeOptions,
  /** Called for each call or tagged template evaluated while the obligation is held. */
  onHeldCall?: (node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression) => void,
): LifetimeResult {
  const scan = new ReferenceScan(obligation, cx, options, (inner, onInnerCall) => analyzeObligation(inner, cx, options, onInnerCall));
  scan.run();
  const leaks = new Map<string, LeakPath>();
  const record = (leak: LeakPath): void => {
    const key = `${leak.kind}:${leak.at.pos}:${leak.cause?.pos ?? ''}:${leak.via?.pos ?? ''}`;
    if (!leaks.has(key)) {
      leaks.set(key, leak);
    }
  };
  const isHolder = holderTest(scan.holders, cx);

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
        // A callback that gives the resource back runs while it is held (`query.then(async (rows)
        // => { …; await trx.commit() })`): so does the call it is handed to.
        const registeredOn = ts.isFunctionLike(node) ? valuePosition(node as ts.Expression).parent : undefined;
        if (onHeldCall && state !== FREE && !(state as Held).pending && registeredOn && ts.isCallExpression(registeredOn)) {
          onHeldCall(registeredOn);
          scan.callbackHeldCalls.get(node)?.forEach(onHeldCall);
        }
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
      return resourceAbsent(obligation, cx, isHolder, test, whenTrue) || (scan.readCalls.size > 0 && truthWhenExhausted(test) === whenTrue) ? FREE : state;
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
    // What gives the resource back has done so before its exception edge: no path from it holds anything.
    mayThrow: (node) => scan.effects.get(node) !== 'discharge' && cx.exceptions.mayThrow(node, options.exceptions),
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
      const type = cx.checker.getTypeAtLocation(node);
      return emptyValueOf(cx.checker.getAwaitedType(type) ?? type);
    }
    if (ts.isIdentifier(node)) {
      const symbol = cx.symbolOf(node);
      if (symbol && scan.readResults.has(symbol)) {
        return emptyValueOf(cx.checker.getTypeAtLocation(node));
      }
      return node.text === 'undefined' ? undefined : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') {
      const array = valueWhenExhausted(node.expression);
      return Array.isArray(array) ? 0 : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(node) && (node.name.text === 'done' || node.name.text === 'value')) {
      const result = valueWhenExhausted(node.expression);
      return result === ITERATOR_DONE ? ITERATOR_DONE[node.name.text] : UNKNOWN;
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
    const nonNullable = cx.checker.getNonNullableType(type);
    if (cx.checker.isArrayType(nonNullable)) {
      return [];
    }
    // An iterator's `next()`: `{ done: true }`. (A document with a `done` field is no such result.)
    if (isIteratorResult(nonNullable)) {
      return ITERATOR_DONE;
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
    const walked = tracing
      ? traced(domain, `obligation: ${obligation.resource.noun} created at ${obligation.creation.getText().replace(/\s+/g, ' ').slice(0, 60)}`, describeState)
      : domain;
    walkWithFlags(obligation, walked, FREE, scan.holders, cx);
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
    releasesNotRun: scan.releasesNotRun,
    touchesResource: [...scan.effects.values()].some((effect) => effect !== 'use') || scan.releasedOnlyOnFulfilled.length > 0,
    dischargeNodes: [...scan.effects].filter(([, effect]) => effect === 'discharge').map(([node]) => node),
    releaseNodes: [...scan.releaseCalls],
  };
}

/**
 * Walks the obligation's scope (the whole function, or the block its holder lives in), with the
 * local flags it tests carried along each path when there are any.
 */
export function walkWithFlags<S>(obligation: Obligation, domain: FlowDomain<S>, entry: S, holders: readonly ts.Symbol[], cx: AnalysisContext): void {
  const symbolOf = (identifier: ts.Identifier): ts.Symbol | undefined => cx.symbolOf(identifier);
  const whole = ts.isFunctionLike(obligation.scope);
  const body = (obligation.fn as ts.FunctionLikeDeclarationBase).body;
  const region = whole ? (body ?? obligation.fn) : obligation.scope;
  const flags = findFlags(obligation.fn, region, symbolOf, cx.checker).filter((flag) => !holders.includes(flag.symbol));
  // A state that nothing in the region reads (`runner.isTransactionActive`) prunes no path.
  const index = body && nameIndex(body);
  const states = (obligation.transaction?.states ?? obligation.resource.states ?? []).filter(
    (state) => !!index && occurrencesWithin(index, state.query, region).length > 0,
  );
  const walk = <T>(walked: FlowDomain<T>, start: T): void =>
    whole ? walkFunction(obligation.fn, walked, start) : walkScope(obligation.scope as ts.Statement, walked, start);
  if (flags.length === 0 && states.length === 0) {
    walk(domain, entry);
  } else {
    const resource = { states, isHolder: holderTest(holders, cx), creation: obligation.creation };
    walk(withFlags(domain, flags, symbolOf, resource), flaggedEntry(flags.length + states.length, entry));
  }
}

/**
 * Whether the branch of `test` taken when it is `whenTrue` is one where the resource is known
 * to be absent: the holder is nullish, the callback's error is set, the released flag is true
 * or the transaction flag false.
 */
export function resourceAbsent(
  obligation: Obligation,
  cx: AnalysisContext,
  isHolder: (node: ts.Expression) => boolean,
  test: ts.Expression,
  whenTrue: boolean,
): boolean {
  const node = skipOuterExpressions(test);
  if (isHolder(node)) {
    return !whenTrue;
  }
  // `const runner = this.queryRunner || createQueryRunner()`: the resource exists only where
  // `this.queryRunner` was not set, so `if (!this.queryRunner)` is where it must be released.
  const alternative = obligation.alternative ?? alternativeTo(obligation.creation);
  if (alternative && sameReference(node, alternative, cx)) {
    return whenTrue;
  }
  if (ts.isIdentifier(node) && obligation.errorParameter && obligation.errorParameter === cx.symbolOf(node)) {
    return whenTrue;
  }
  if (ts.isCallExpression(node) && node.arguments[0] && isHolder(skipOuterExpressions(node.arguments[0])) && cx.effects.testsHeld(node, obligation.library, obligation.resource)) {
    return !whenTrue;
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
    // `runner.isReleased === false`: the flag's own test, with the literal deciding its polarity.
    const literal = right.kind === ts.SyntaxKind.TrueKeyword || right.kind === ts.SyntaxKind.FalseKeyword ? right : undefined;
    if (literal && ts.isPropertyAccessExpression(left)) {
      const isTrue = (literal.kind === ts.SyntaxKind.TrueKeyword) === equality;
      return resourceAbsent(obligation, cx, isHolder, left, isTrue ? whenTrue : !whenTrue);
    }
    const isTypeofHolder = (operand: ts.Expression): boolean => ts.isTypeOfExpression(operand) && isHolder(skipOuterExpressions(operand.expression));
    // `runner !== this.queryRunner`: the runner is the one made here.
    const isAlternative = (operand: ts.Expression): boolean => !!alternative && sameReference(operand, alternative, cx);
    const comparesHolderToNothing =
      (isHolder(left) && (isNothing(right) || isAlternative(right))) ||
      (isHolder(right) && (isNothing(left) || isAlternative(left))) ||
      (isTypeofHolder(left) && isUndefinedString(right)) ||
      (isTypeofHolder(right) && isUndefinedString(left));
    return comparesHolderToNothing && whenTrue === equality;
  }
  return false;
}

/** `a` in `a || acquire()` or `a ?? acquire()`, when the resource is created in the right operand. */
function alternativeTo(creation: ts.Node): ts.Expression | undefined {
  const parent = creation.parent;
  return ts.isBinaryExpression(parent) &&
    parent.right === creation &&
    (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    ? skipOuterExpressions(parent.left)
    : undefined;
}

/**
 * Whether two expressions read the same value that the function does not change: `this.runner`
 * and `this.runner`, `options?.runner` and `options.runner`, a parameter or a `const`. A `let`
 * is left to the flags, which follow its assignments.
 */
function sameReference(a: ts.Expression, b: ts.Expression, cx: AnalysisContext): boolean {
  const left = skipOuterExpressions(a);
  const right = skipOuterExpressions(b);
  if (left.kind === ts.SyntaxKind.ThisKeyword) {
    return right.kind === ts.SyntaxKind.ThisKeyword;
  }
  if (ts.isIdentifier(left)) {
    if (!ts.isIdentifier(right) || left.text !== right.text) {
      return false;
    }
    const symbol = cx.symbolOf(left);
    const declaration = symbol?.valueDeclaration;
    const unchanging =
      !!declaration &&
      (ts.isParameter(declaration) || (ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0));
    return unchanging && symbol === cx.symbolOf(right);
  }
  return (
    ts.isPropertyAccessExpression(left) &&
    ts.isPropertyAccessExpression(right) &&
    left.name.text === right.name.text &&
    sameReference(left.expression, right.expression, cx)
  );
}

/** A state in a few words, for the trace. */
function describeState(state: State): string {
  if (state === FREE) {
    return 'free';
  }
  const held = state as Held;
  return `${held.pending ? 'pending' : 'held'}${held.exit ? ` (leaving from ${held.exit.getText().replace(/\s+/g, ' ').slice(0, 30)})` : ''}`;
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

/** `IteratorResult<T>`: the union of `IteratorYieldResult` and `IteratorReturnResult`. */
function isIteratorResult(type: ts.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return type.aliasSymbol?.name === 'IteratorResult' || members.every((member) => /^Iterator(Yield|Return)Result$/.test(member.getSymbol()?.name ?? ''));
}

/** What an iterator's `next()` resolves to once it has nothing left. */
const ITERATOR_DONE = Object.freeze({ done: true, value: undefined });

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

function isUndefinedString(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) && node.text === 'undefined';
}

