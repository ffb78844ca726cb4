/**
 * @fileoverview Double releases: release calls that can run after the resource was already
 * given back on the same path, from the same reference scan and walker as the lifetime walk.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { LifetimeResult, Obligation } from './obligation.js';

import { type FlowDomain, UnsupportedFlowError, walkFunction, walkScope } from './flow.js';
import { resourceAbsent } from './lifetime.js';
import { holderTest } from './holder-calls.js';
import { ReferenceScan } from './reference-scan.js';
import { isNothing, skipOuterExpressions } from './syntax.js';

/** The scan needs no callback verdicts here: only the function's own release calls count. */
const NOTHING_LEAKS: LifetimeResult = { leaks: [], releasedOnlyOnFulfilled: [], touchesResource: true, dischargeNodes: [] };

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
export function findDoubleReleases(obligation: Obligation, cx: AnalysisContext): DoubleRelease[] {
  const scan = new ReferenceScan(obligation, cx, { unknownCalls: 'borrow' }, () => NOTHING_LEAKS);
  scan.run();
  const releases = [...scan.releaseCalls];
  if (releases.length === 0 || (releases.length === 1 && !repeatedWithoutCreation(releases[0]!, obligation))) {
    return [];
  }
  const isHolder = holderTest(scan.holders, cx);
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
      if (state === ABSENT || resourceAbsent(obligation, cx, isHolder, test, whenTrue)) {
        return ABSENT;
      }
      return isReleased(state) && testsOtherState(test, isHolder, cx) ? OWNED : state;
    },
    isScope: () => false,
    leave: (_scope, _kind, state) => state,
    mayThrow: (node) => cx.exceptions.mayThrow(node),
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
 * (`if (!released)`), a property of the resource (`if (!client.released)`), or a call given it
 * (`if (pool.isBorrowedResource(client))`).
 */
function testsOtherState(test: ts.Expression, isHolder: (node: ts.Expression) => boolean, cx: AnalysisContext): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) {
      return;
    }
    // `client.released`, or `pool.isBorrowedResource(client)`: what the resource's owner knows of it.
    if (
      (ts.isPropertyAccessExpression(node) && isHolder(skipOuterExpressions(node.expression))) ||
      (ts.isCallExpression(node) && node.arguments.some((argument) => isHolder(skipOuterExpressions(argument))))
    ) {
      found = true;
      return;
    }
    if (ts.isIdentifier(node) && !isHolder(node)) {
      const declaration = cx.symbolOf(node)?.valueDeclaration;
      const list = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent : undefined;
      found = !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) === 0;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(test);
  return found;
}

