/**
 * @fileoverview Exception edges: which evaluations can throw to the nearest handler.
 *
 * The flow walker asks this for every call, `new`, `await`, `yield` and tagged template; a
 * leak on an exception path is only as real as the edge it takes.
 */
import ts from 'typescript';

import type { Roles } from './roles.js';

import { cachedFn } from './memo.js';
import { calleeName, isAwaitedOrChained, skipOuterExpressions } from './syntax.js';

/**
 * Methods that do not throw in practice, on any receiver: registering event listeners, and
 * logging when the call is a statement of its own. Treating them as throw points would report
 * `client.on('error', …)` or `logger.info('connected')` before a `try` as leaks.
 */
const NON_THROWING_METHODS = new Set(['on', 'once', 'off', 'addListener', 'removeListener', 'prependListener', 'prependOnceListener', 'removeAllListeners', 'setMaxListeners']);
const LOGGING_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace', 'fatal', 'verbose']);

/** Array methods that take no callback: collecting rows (`found.push(row)`) does not fail. */
const ARRAY_METHODS = new Set(['push', 'unshift', 'pop', 'shift', 'slice', 'concat', 'includes', 'indexOf', 'join', 'at']);

/** Calls that cannot throw in practice; treating them as throwing would only produce noise. */
const NON_THROWING_RECEIVERS = new Set(['console', 'Math']);
const NON_THROWING_CALLS = new Set(['Date.now', 'performance.now', 'Array.isArray', 'Object.keys', 'Object.values', 'Object.entries', 'Number.isInteger', 'Number.isFinite', 'String', 'Number', 'Boolean']);

/** The exception edges of one program, cached per node. */
export class Exceptions {

  constructor(
    private readonly roles: Roles,
    /** Names of the methods that give a modelled resource back. */
    private readonly releaseNames: ReadonlySet<string>,
  ) {}

  /**
   * Whether evaluating this node can throw. A call that returns a promise reports failure by
   * rejecting, so its exception edge is at the `await`, not at the call; and awaiting
   * `p.catch(handler)` throws only if the handler does.
   */
  mayThrow(node: ts.Node): boolean {
    return this.mayThrowCached(node);
  }

  private readonly mayThrowCached = cachedFn((node: ts.Node) => this.computeMayThrow(node));

  private computeMayThrow(node: ts.Node): boolean {
    if (ts.isAwaitExpression(node)) {
      const operand = skipOuterExpressions(node.expression);
      if (ts.isCallExpression(operand) && calleeName(operand)?.text === 'catch') {
        const handler = operand.arguments[0];
        return !handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) || containsThrow(handler.body);
      }
      return true;
    }
    if (ts.isForOfStatement(node)) {
      // Iterating an array or a string cannot throw; other iterators (and `for await`) can.
      const iterated = this.roles.checker.getTypeAtLocation(node.expression);
      return !!node.awaitModifier || !(this.roles.checker.isArrayLikeType(iterated) || !!(iterated.flags & ts.TypeFlags.StringLike));
    }
    if (ts.isNewExpression(node)) {
      // Constructing the error about to be thrown is not a second way to fail.
      return !(ts.isIdentifier(node.expression) && node.expression.text.endsWith('Error'));
    }
    if (ts.isTaggedTemplateExpression(node)) {
      // A query written as a tagged template (postgres.js) is a promise like a call's result.
      return !isAwaitedOrChained(node) && !isThenable(this.roles.checker.getTypeAtLocation(node));
    }
    if (!ts.isCallExpression(node)) {
      return true;
    }
    // Whether an awaited call throws or rejects, the `await` raises to the same handler with
    // the same state; a call chained with `.then()` is a promise. Neither needs the checker.
    if (isAwaitedOrChained(node)) {
      return false;
    }
    const callee = node.expression;
    if (ts.isIdentifier(callee) && NON_THROWING_CALLS.has(callee.text)) {
      return false;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (NON_THROWING_METHODS.has(method) || (LOGGING_METHODS.has(method) && ts.isExpressionStatement(node.parent))) {
        return false;
      }
    }
    if (ts.isPropertyAccessExpression(callee) && ARRAY_METHODS.has(callee.name.text) && this.roles.checker.isArrayType(this.roles.checker.getTypeAtLocation(callee.expression))) {
      return false;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const receiver = callee.expression.text;
      if (NON_THROWING_RECEIVERS.has(receiver) || NON_THROWING_CALLS.has(`${receiver}.${callee.name.text}`)) {
        return false;
      }
    }
    // Giving a modelled resource back (`client.release()`) is not a way for the holder to fail.
    const name = calleeName(node);
    if (name && this.releaseNames.has(name.text) && this.roles.isModelled(name)) {
      return false;
    }
    return !isThenable(this.roles.checker.getTypeAtLocation(node));
  }
}

function isThenable(type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
    return false;
  }
  return type.isUnion() ? type.types.every((member) => isThenable(member)) : type.getProperty('then') !== undefined;
}

/** Whether a function body contains a `throw` of its own (not in a nested function). */
function containsThrow(body: ts.Node): boolean {
  if (!ts.isBlock(body)) {
    return false;
  }
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) {
      return;
    }
    found = ts.isThrowStatement(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}
