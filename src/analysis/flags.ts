/**
 * @fileoverview Conditions that travel together: local boolean flags carried along each path.
 *
 * Wraps any {@link FlowDomain} so that each abstract state is paired with the values the walk
 * knows for a few local variables that the code tests (`released`, `committed`, a `const
 * needTransaction` tested twice). A test whose outcome contradicts a known value is a path that
 * does not exist, and is dropped; a test that passes teaches the value to the rest of the path.
 * It knows nothing of resources: the wrapped domain does.
 */
import ts = require('typescript');

import type { StateQuery } from '../models/model.js';
import type { FlowDomain } from './flow.js';
import { enclosingFunction, identifiersWithin, isNothing, isTransparent, nameIndex, skipOuterExpressions } from './syntax.js';

/**
 * The value of each tracked flag on one path, one character per flag: `t`, `f`, or `?` when
 * not known. A string, so that it is its own key when paths with the same values merge.
 */
type Values = string;

/** One path class: the flags' values and the wrapped domain's state on it. */
interface Disjunct<S> {
  readonly values: Values;
  readonly state: S;
}

/** The states of all path classes that reach one point, at most one per set of values. */
export type Flagged<S> = readonly Disjunct<S>[];

const NO_UPDATES: readonly { index: number; value: boolean | undefined }[] = [];

/** At most this many flags per function are followed: 3^n value sets is the worst case. */
const MAX_FLAGS = 6;

/**
 * A value the walk follows: a variable of the function (`committed`, a parameter
 * `useTransaction`, a destructured `{ transactional }`), or a property of one of its parameters
 * or variables (`options.transactional`) or of `this` (`this.client`), keyed by the property's
 * symbol and its `receiver`'s.
 */
export interface Flag {
  readonly symbol: ts.Symbol;
  readonly receiver?: Receiver;
  /**
   * Whether its type may hold `false`, `0` or `''`: then a value that is not nullish may still
   * be falsy, and a comparison with `null` or `undefined` says nothing about its truth.
   */
  readonly mayBeFalsy: boolean;
}

/**
 * The values of `fn` worth following in `region` (its body or a block of it): variables declared
 * in `fn` (not in a nested function), and properties of them, tested somewhere in `region` and
 * assigned only in `fn`'s own body, so every change is seen by the walk.
 */
export function findFlags(
  fn: ts.SignatureDeclaration,
  region: ts.Node,
  symbolOf: (identifier: ts.Identifier) => ts.Symbol | undefined,
  checker: ts.TypeChecker,
): Flag[] {
  const body = (fn as ts.FunctionLikeDeclarationBase).body;
  if (!body) {
    return [];
  }
  const index = nameIndex(body);
  const isOwn = (symbol: ts.Symbol): boolean => {
    const declaration = symbol.valueDeclaration;
    return (
      !!declaration &&
      (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration)) &&
      ts.isIdentifier(declaration.name) &&
      enclosingFunction(declaration) === fn
    );
  };
  const found = new Map<ts.Symbol, FlagName>();
  for (const identifier of region === body ? index.identifiers : identifiersWithin(index, region)) {
    const access = propertyNamed(identifier);
    if (!isTested(access ?? identifier)) {
      continue;
    }
    const symbol = symbolOf(identifier);
    const receiver = access && receiverOf(access, symbolOf);
    // One receiver per property: `a.enabled` and `b.enabled` share the property's symbol.
    if (symbol && !found.has(symbol) && (access ? !!receiver && (receiver === 'this' ? isFnThis(access, fn) : isOwn(receiver)) : isOwn(symbol))) {
      found.set(symbol, { symbol, receiver });
    }
  }
  // A flag assigned inside a nested function changes behind the walk's back.
  const isFollowable = (flag: FlagName): boolean =>
    !(index.byName.get(flag.symbol.name) ?? []).some((node) => {
      if (!ts.isIdentifier(node)) {
        return false;
      }
      const assignment = assignmentOf(flag.receiver ? (propertyNamed(node) ?? node) : node);
      return !!assignment && enclosingFunction(assignment) !== fn && symbolOf(node) === flag.symbol;
    });
  return [...found.values()]
    .filter(isFollowable)
    .slice(0, MAX_FLAGS)
    .map((flag) => ({ ...flag, mayBeFalsy: mayBeFalsy(checker.getTypeOfSymbol(flag.symbol)) }));
}

/** Whether a value of this type may be `false`, `0`, `''` or `0n`; a type the checker does not know (JavaScript's `any`) is taken not to. */
function mayBeFalsy(type: ts.Type): boolean {
  const falsy = ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike;
  return (type.isUnion() ? type.types : [type]).some((member) => (member.flags & falsy) !== 0);
}

/** What a property flag is read from: a variable of the function, or the object whose method runs. */
type Receiver = ts.Symbol | 'this';

/** A flag as the code names it, before its type is asked. */
type FlagName = Pick<Flag, 'receiver' | 'symbol'>;

/** `options.transactional` (`this.client`) when `name` is its `transactional` and `options` a plain name (or `this`). */
function propertyNamed(name: ts.Identifier): ts.PropertyAccessExpression | undefined {
  const access = name.parent;
  return ts.isPropertyAccessExpression(access) && access.name === name && isPlainReceiver(access.expression) ? access : undefined;
}

/** Whether `this` in `access` is `fn`'s own: no `function` between them has one of its own. */
function isFnThis(access: ts.Node, fn: ts.Node): boolean {
  for (let node = access.parent; node !== fn; node = node.parent) {
    if (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) {
      return false;
    }
  }
  return true;
}

function isPlainReceiver(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) || expression.kind === ts.SyntaxKind.ThisKeyword;
}

function receiverOf(access: ts.PropertyAccessExpression, symbolOf: (identifier: ts.Identifier) => ts.Symbol | undefined): Receiver | undefined {
  return access.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this' : symbolOf(access.expression as ts.Identifier);
}

/**
 * The states a library reports about a resource (`runner.isTransactionActive`,
 * `trx.isCompleted()`), followed like flags: known from the acquisition, set by the resource's
 * own methods, forgotten when the resource is handed to a function that might change them.
 */
export interface ResourceStates {
  readonly states: readonly StateQuery[];
  /** Whether an expression is a variable holding the resource. */
  readonly isHolder: (node: ts.Expression) => boolean;
  /** The node whose evaluation acquires it. */
  readonly creation: ts.Node;
}

/**
 * `inner` with the values of `flags` (and of the resource's states) carried along each path.
 * Paths whose tests contradict what they already know are dropped; an assignment sets the
 * value it assigns (`true`, `false`) or forgets it (anything else).
 */
export function withFlags<S>(
  inner: FlowDomain<S>,
  flags: readonly Flag[],
  symbolOf: (identifier: ts.Identifier) => ts.Symbol | undefined,
  resource?: ResourceStates,
): FlowDomain<Flagged<S>> {
  const names = new Set(flags.map((flag) => flag.symbol.name));
  const states = resource?.states ?? [];
  const flagIndex = (node: ts.Expression): number => {
    const inner = skipOuterExpressions(node);
    if (resource) {
      // `runner.isTransactionActive`, `trx.isCompleted()`
      const query = ts.isCallExpression(inner) && inner.arguments.length === 0 ? skipOuterExpressions(inner.expression) : inner;
      if (ts.isPropertyAccessExpression(query) && resource.isHolder(skipOuterExpressions(query.expression))) {
        const index = states.findIndex((state) => state.query === query.name.text && !!state.call === (query !== inner));
        if (index !== -1) {
          return flags.length + index;
        }
      }
    }
    const access = ts.isPropertyAccessExpression(inner) && isPlainReceiver(inner.expression) ? inner : undefined;
    const name = access ? access.name : inner;
    if (!ts.isIdentifier(name) || !names.has(name.text)) {
      return -1;
    }
    const symbol = symbolOf(name);
    const receiver = access && receiverOf(access, symbolOf);
    return symbol ? flags.findIndex((flag) => flag.symbol === symbol && flag.receiver === receiver) : -1;
  };
  const fieldFlags = flags.flatMap((flag, index) => (flag.receiver === 'this' ? [{ index, value: undefined }] : []));
  /** A method of the object called (`await this.connect()`) may set its fields: what was known of them is forgotten. */
  const fieldUpdates = (node: ts.Node): readonly { index: number; value: boolean | undefined }[] => {
    if (fieldFlags.length === 0 || !ts.isCallExpression(node)) {
      return NO_UPDATES;
    }
    const callee = skipOuterExpressions(node.expression);
    return ts.isPropertyAccessExpression(callee) && skipOuterExpressions(callee.expression).kind === ts.SyntaxKind.ThisKeyword ? fieldFlags : NO_UPDATES;
  };
  /** What evaluating `node` does to the resource's states: acquiring it, a method that sets one, handing it on. */
  const stateUpdates = (node: ts.Node): readonly { index: number; value: boolean | undefined }[] => {
    if (!resource || states.length === 0) {
      return NO_UPDATES;
    }
    if (node === resource.creation) {
      return states.map((state, index) => ({ index: flags.length + index, value: state.initially }));
    }
    if (!ts.isCallExpression(node)) {
      return NO_UPDATES;
    }
    const callee = skipOuterExpressions(node.expression);
    if (ts.isPropertyAccessExpression(callee) && resource.isHolder(skipOuterExpressions(callee.expression))) {
      const method = callee.name.text;
      return states.flatMap((state, index) => (method in state.setBy ? [{ index: flags.length + index, value: state.setBy[method] }] : []));
    }
    // Handed to another function, which may call those methods itself.
    return node.arguments.some((argument) => resource.isHolder(skipOuterExpressions(argument)))
      ? states.map((_, index) => ({ index: flags.length + index, value: undefined }))
      : NO_UPDATES;
  };
  /** `flagged` with `step` applied to each state: the same array when no state changes, `undefined` when no path is left. */
  const map = (flagged: Flagged<S>, step: (state: S) => S | undefined): Flagged<S> | undefined => {
    let result: Disjunct<S>[] | undefined;
    for (let index = 0; index < flagged.length; index++) {
      const disjunct = flagged[index]!;
      const state = step(disjunct.state);
      if (state === disjunct.state && result === undefined) {
        continue;
      }
      result ??= flagged.slice(0, index);
      if (state !== undefined) {
        result.push(state === disjunct.state ? disjunct : { values: disjunct.values, state });
      }
    }
    if (result === undefined) {
      return flagged;
    }
    return result.length > 0 ? result : undefined;
  };
  const join = (a: Flagged<S>, b: Flagged<S>): Flagged<S> => {
    if (a === b) {
      return a;
    }
    const byValues = new Map<Values, Disjunct<S>>();
    for (const disjunct of [...a, ...b]) {
      const existing = byValues.get(disjunct.values);
      byValues.set(disjunct.values, existing ? { values: existing.values, state: inner.join(existing.state, disjunct.state) } : disjunct);
    }
    return [...byValues.values()];
  };
  /** `values` with the value at each index of `updates` replaced, the last update of an index winning. */
  const updated = (values: Values, updates: readonly { index: number; value: boolean | undefined }[]): Values => {
    const characters = [...values];
    for (const { index, value } of updates) {
      characters[index] = valueCharacter(value);
    }
    return characters.join('');
  };
  /** The flag a node sets, and to what: `released = true`, `let committed = false`. */
  const assignment = (node: ts.Node): { index: number; value: boolean | undefined } | undefined => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const index = flagIndex(node.left);
      return index === -1 ? undefined : { index, value: booleanLiteral(node.right) };
    }
    if (ts.isBinaryExpression(node) && isCompoundAssignment(node.operatorToken.kind)) {
      const index = flagIndex(node.left);
      return index === -1 ? undefined : { index, value: undefined };
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrement(node.operator)) {
      const index = flagIndex(node.operand);
      return index === -1 ? undefined : { index, value: undefined };
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const index = flagIndex(node.name);
      return index === -1 ? undefined : { index, value: booleanLiteral(node.initializer) };
    }
    return undefined;
  };
  /**
   * A flag set to a test of another (`const ownsClient = !given`, `= options.client === undefined`):
   * each path splits into the one where the test holds, the flag true, and the one where it
   * does not, so the two travel together from here on. Undefined when the value is no such test.
   */
  const derivedFrom = (node: ts.Node, index: number, flagged: Flagged<S>): Flagged<S> | undefined => {
    const value = ts.isVariableDeclaration(node) ? node.initializer : ts.isBinaryExpression(node) ? node.right : undefined;
    let test = value && skipOuterExpressions(value);
    let negated = false;
    while (test && ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
      negated = !negated;
      test = skipOuterExpressions(test.operand);
    }
    if (!test || !implied(test, true)) {
      return undefined;
    }
    const result: Disjunct<S>[] = [];
    for (const holds of [true, false]) {
      const fact = implied(test, holds)!;
      const character = valueCharacter(fact.value);
      for (const disjunct of flagged) {
        const known = disjunct.values[fact.index];
        if (known === '?' || known === character) {
          result.push({ values: updated(disjunct.values, [fact, { index, value: holds !== negated }]), state: disjunct.state });
        }
      }
    }
    return join([], result);
  };
  /** What `test` says about a flag when it is `whenTrue`: `!released`, `committed === false`. */
  const implied = (test: ts.Expression, whenTrue: boolean): { index: number; value: boolean } | undefined => {
    const index = flagIndex(test);
    if (index !== -1) {
      return { index, value: whenTrue };
    }
    const node = skipOuterExpressions(test);
    if (!ts.isBinaryExpression(node)) {
      return undefined;
    }
    const operator = node.operatorToken.kind;
    const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
    const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) {
      return undefined;
    }
    for (const [side, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      const sideIndex = flagIndex(side);
      if (sideIndex === -1) {
        continue;
      }
      const literal = booleanLiteral(other);
      if (literal !== undefined) {
        // `flag === literal` is true exactly when flag is literal.
        return { index: sideIndex, value: equal === whenTrue ? literal : !literal };
      }
      if (isNothing(skipOuterExpressions(other)) && !flags[sideIndex]?.mayBeFalsy) {
        // `given === null`: a nullish value is falsy. Where the test fails the value is taken to
        // be there, as code that names one nullish value expects the other never to occur
        // (`trx === null || trx === undefined` then tells the two paths of `trx ?? begin()` apart).
        return { index: sideIndex, value: equal !== whenTrue };
      }
    }
    return undefined;
  };

  return {
    join,
    equals: (a, b) =>
      a === b ||
      (a.length === b.length &&
        a.every((disjunct) => {
          const other = b.find((candidate) => candidate.values === disjunct.values);
          return !!other && inner.equals(disjunct.state, other.state);
        })),
    visit(node, flagged) {
      const set = assignment(node);
      const derived = set && set.value === undefined ? derivedFrom(node, set.index, flagged) : undefined;
      const updates = [...(set && !derived ? [set] : []), ...stateUpdates(node), ...fieldUpdates(node)];
      const start = derived ?? flagged;
      const next =
        updates.length > 0 ? join([], start.map((disjunct) => ({ values: updated(disjunct.values, updates), state: disjunct.state }))) : start;
      return map(next, (state) => inner.visit(node, state)) ?? next;
    },
    jump: (kind, origin, flagged) => map(flagged, (state) => inner.jump(kind, origin, state)) ?? flagged,
    resume: (kind, flagged) => map(flagged, (state) => inner.resume(kind, state)) ?? flagged,
    refine(test, whenTrue, flagged) {
      const fact = implied(test, whenTrue);
      if (!fact) {
        return map(flagged, (state) => inner.refine(test, whenTrue, state));
      }
      const result: Disjunct<S>[] = [];
      const character = valueCharacter(fact.value);
      for (const disjunct of flagged) {
        const known = disjunct.values[fact.index];
        if (known !== '?' && known !== character) {
          continue;
        }
        const state = inner.refine(test, whenTrue, disjunct.state);
        if (state !== undefined) {
          result.push({ values: updated(disjunct.values, [fact]), state });
        }
      }
      return result.length > 0 ? join([], result) : undefined;
    },
    isScope: (node) => inner.isScope(node),
    leave: (scope, kind, flagged) => map(flagged, (state) => inner.leave(scope, kind, state)),
    mayThrow: (node) => inner.mayThrow(node),
  };
}

/** The entry state of a flagged walk: every flag (and resource state) unknown. */
export function flaggedEntry<S>(count: number, state: S): Flagged<S> {
  return [{ values: '?'.repeat(count), state }];
}

function valueCharacter(value: boolean | undefined): string {
  return value === undefined ? '?' : value ? 't' : 'f';
}

/** Whether a condition tests this name directly: `x` in `if (x)`, `!x`, `x && …`, `x ?? …`, `x === false`. */
function isTested(name: ts.Identifier | ts.PropertyAccessExpression): boolean {
  let position: ts.Node = name;
  while (ts.isParenthesizedExpression(position.parent) || ts.isNonNullExpression(position.parent)) {
    position = position.parent;
  }
  const holder = position.parent;
  return (
    ((ts.isIfStatement(holder) || ts.isWhileStatement(holder) || ts.isDoStatement(holder)) && holder.expression === position) ||
    (ts.isConditionalExpression(holder) && holder.condition === position) ||
    (ts.isForStatement(holder) && holder.condition === position) ||
    (ts.isPrefixUnaryExpression(holder) && holder.operator === ts.SyntaxKind.ExclamationToken) ||
    (ts.isBinaryExpression(holder) &&
      (holder.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
        holder.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        (holder.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && holder.left === position) ||
        (isEquality(holder.operatorToken.kind) && isLiteralCompared(holder.left === position ? holder.right : holder.left))))
  );
}

/** The assignment that writes this name (`x = …`, `(x as T) += …`, `x++`, `o.x = …`), if it is the target of one. */
function assignmentOf(name: ts.Identifier | ts.PropertyAccessExpression): ts.Expression | undefined {
  const parent = name.parent;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && isIncrement(parent.operator)) {
    return parent;
  }
  let target: ts.Node = name;
  while (isTransparent(target.parent)) {
    target = target.parent;
  }
  const assignment = target.parent;
  return ts.isBinaryExpression(assignment) &&
    assignment.left === target &&
    (assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken || isCompoundAssignment(assignment.operatorToken.kind))
    ? assignment
    : undefined;
}

/** `true`, `false`, `null` or `undefined`: what a tested flag is compared with. */
function isLiteralCompared(node: ts.Expression): boolean {
  return booleanLiteral(node) !== undefined || isNothing(skipOuterExpressions(node));
}

function booleanLiteral(node: ts.Expression): boolean | undefined {
  const inner = skipOuterExpressions(node);
  return inner.kind === ts.SyntaxKind.TrueKeyword ? true : inner.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
}

function isIncrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

function isCompoundAssignment(kind: ts.SyntaxKind): boolean {
  return kind > ts.SyntaxKind.EqualsToken && kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
