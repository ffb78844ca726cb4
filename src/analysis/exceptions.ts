/**
 * @fileoverview Exception edges: which evaluations can throw to the nearest handler.
 *
 * The flow walker asks this for every call, `new`, `await`, `yield` and tagged template; a
 * leak on an exception path is only as real as the edge it takes. Any call can throw in
 * JavaScript, but a leak report on one that realistically never does is noise. So, by default
 * (`likely`), the edges are the ones that matter: awaits of promises (I/O rejects), calls of
 * project functions whose body may throw (a `throw`, or a call
 * that may throw, transitively), and the built-ins that throw on bad input. `all` keeps every
 * call an edge, for those who want it.
 */
import ts = require('typescript');

import type { Roles } from './roles.js';

import { cachedFn } from './memo.js';
import { calleeName, isAwaitedOrChained, skipOuterExpressions } from './syntax.js';

/** Which evaluations are exception edges: the ones that realistically throw, or all of them. */
export type ExceptionPolicy = 'all' | 'likely';

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

/** Built-ins that throw on bad input: the ones worth an exception edge under the `likely` policy. */
const THROWING_BUILTINS = new Set(['JSON.parse', 'BigInt', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent', 'encodeURI', 'structuredClone', 'URL']);

/** The exception edges of one program, cached per node and policy. */
export class Exceptions {
  constructor(
    private readonly roles: Roles,
    /** Names of the methods that give a modelled resource back, or only report its state. */
    private readonly quietNames: ReadonlySet<string>,
  ) {}

  /**
   * Whether evaluating this node can throw. A call that returns a promise reports failure by
   * rejecting, so its exception edge is at the `await`, not at the call; and awaiting
   * `p.catch(handler)` throws only if the handler does.
   */
  mayThrow(node: ts.Node, policy: ExceptionPolicy = 'likely'): boolean {
    return policy === 'all' ? this.anyThrow(node) : this.likelyThrow(node);
  }

  private readonly anyThrow = cachedFn((node: ts.Node) => this.edge(node, 'all'));
  private readonly likelyThrow = cachedFn((node: ts.Node) => this.edge(node, 'likely'));

  private edge(node: ts.Node, policy: ExceptionPolicy): boolean {
    if (ts.isAwaitExpression(node)) {
      const operand = skipOuterExpressions(node.expression);
      if (ts.isCallExpression(operand) && calleeName(operand)?.text === 'catch') {
        const handler = operand.arguments[0];
        return !handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) || containsThrow(handler.body);
      }
      return true;
    }
    if (ts.isYieldExpression(node)) {
      return true;
    }
    if (ts.isForOfStatement(node)) {
      // `for await` waits on I/O; other iterators (not arrays or strings) can throw only under `all`.
      const iterated = this.roles.checker.getTypeAtLocation(node.expression);
      return !!node.awaitModifier || (policy === 'all' && !(this.roles.checker.isArrayLikeType(iterated) || !!(iterated.flags & ts.TypeFlags.StringLike)));
    }
    if (ts.isTaggedTemplateExpression(node)) {
      // A query written as a tagged template (postgres.js) is a promise like a call's result.
      return !isAwaitedOrChained(node) && !isThenable(this.roles.checker.getTypeAtLocation(node));
    }
    if (ts.isNewExpression(node)) {
      // Constructing the error about to be thrown is not a second way to fail.
      if (ts.isIdentifier(node.expression) && node.expression.text.endsWith('Error')) {
        return false;
      }
      return policy === 'all' || this.callThrows(node);
    }
    if (!ts.isCallExpression(node)) {
      return policy === 'all';
    }
    // Whether an awaited call throws or rejects, the `await` raises to the same handler with
    // the same state; a call chained with `.then()` is a promise. Neither needs the checker.
    if (isAwaitedOrChained(node) || this.neverThrows(node)) {
      return false;
    }
    // A call that returns a promise rejects instead of throwing. Typing a call resolves its
    // overload and checks its arguments (callbacks included), so under `likely` it is asked only
    // of the few calls that would throw.
    if (policy === 'likely' && !this.callThrows(node)) {
      return false;
    }
    return !isThenable(this.roles.checker.getTypeAtLocation(node));
  }

  /** Calls that do not fail in practice whatever the policy: listeners, logging, collecting, giving back. */
  private neverThrows(node: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(node.expression);
    if (ts.isIdentifier(callee) && NON_THROWING_CALLS.has(callee.text)) {
      return true;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (NON_THROWING_METHODS.has(method) || (LOGGING_METHODS.has(method) && ts.isExpressionStatement(node.parent))) {
        return true;
      }
      if (ARRAY_METHODS.has(method) && this.roles.checker.isArrayType(this.roles.checker.getTypeAtLocation(callee.expression))) {
        return true;
      }
      if (ts.isIdentifier(callee.expression) && (NON_THROWING_RECEIVERS.has(callee.expression.text) || NON_THROWING_CALLS.has(`${callee.expression.text}.${method}`))) {
        return true;
      }
    }
    // Giving a modelled resource back (`client.release()`), or asking its state, is no way to fail.
    const name = calleeName(node);
    return !!name && this.quietNames.has(name.text) && this.roles.isModelled(name);
  }

  /**
   * Under the `likely` policy, whether a synchronous call or construction realistically
   * throws: a built-in that throws on bad input (`JSON.parse`,
   * `new URL`, `assert`), or a project function whose body may throw.
   */
  private callThrows(node: ts.CallExpression | ts.NewExpression): boolean {
    const callee = skipOuterExpressions(node.expression);
    const written = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : ts.isIdentifier(callee) ? callee.text : undefined;
    if (written && THROWING_BUILTINS.has(written)) {
      return true;
    }
    const name = calleeName(node);
    if (!name) {
      return false;
    }
    // `assert(x)`, `assert.equal(…)`, `assertValid(…)`: made to throw.
    if (name.text.startsWith("assert") || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'assert')) {
      return true;
    }
    // A synchronous call into a database library (`tx.request()`, `client.query(new Cursor(…))`,
    // `connection.queryStream()`) reports its failures through the promise or the stream it
    // returns: the await of that promise is the edge, not the call. A library that runs its
    // queries synchronously (better-sqlite3's `stmt.run()`) throws from the call itself.
    const library = this.roles.libraryDeclaring(name);
    if (library) {
      return !!library.throwsSynchronously;
    }
    const fn = ts.isNewExpression(node) ? this.projectConstructor(name) : this.roles.projectCallee(node);
    return !!fn && this.bodyMayThrow(fn);
  }

  /** The constructor of a project class `new` names, when it has a body. */
  private projectConstructor(name: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    const declaration = this.roles.symbolAt(name)?.valueDeclaration;
    if (!declaration || !ts.isClassLike(declaration) || declaration.getSourceFile().isDeclarationFile) {
      return undefined;
    }
    return declaration.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
  }

  /** Whether a project function's body may throw: a `throw` or a throwing call that no `catch` around it handles. */
  private readonly bodyMayThrow = cachedFn((fn: ts.FunctionLikeDeclaration): boolean => {
    // A function calling itself adds nothing while its answer is computed.
    this.inProgress.add(fn);
    let found = false;
    const visit = (node: ts.Node, caught: boolean): void => {
      if (found || (ts.isFunctionLike(node) && node !== fn)) {
        return;
      }
      if (ts.isTryStatement(node) && node.catchClause) {
        visit(node.tryBlock, true);
        visit(node.catchClause, caught);
        if (node.finallyBlock) {
          visit(node.finallyBlock, caught);
        }
        return;
      }
      if (!caught && (ts.isThrowStatement(node) || ((ts.isCallExpression(node) || ts.isNewExpression(node)) && this.throwsInside(node)))) {
        found = true;
        return;
      }
      ts.forEachChild(node, (child) => visit(child, caught));
    };
    if (fn.body) {
      visit(fn.body, false);
    }
    this.inProgress.delete(fn);
    return found;
  });

  private readonly inProgress = new Set<ts.Node>();

  private throwsInside(node: ts.CallExpression | ts.NewExpression): boolean {
    const fn = this.roles.projectCallee(node);
    return !(fn && this.inProgress.has(fn)) && this.edge(node, 'likely');
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
