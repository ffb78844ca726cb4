/**
 * @fileoverview The reference scan: what each reference to a resource's holder does, found
 * once per obligation before the walk — a release, a transfer of ownership, a callback that
 * releases, an overwrite, a use of a lazy resource, a release with the transaction open.
 */
import ts = require('typescript');

import type { TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import type { HeldCall, LeakPath, LifetimeOptions, LifetimeResult, Obligation } from './obligation.js';

import { sqlTransactionEffect } from './effects.js';
import { endsTransaction, givesBack, holderTest, isDestroyingArgument, viewCallOf } from './holder-calls.js';
import { boundMethodName, isBoundTo } from './promisified.js';
import {
  calleeName,
  chainedCall,
  enclosingFunction,
  isCallbackArgument,
  isDeclarationName,
  isDeferred,
  isHandedOn,
  isListenerFor,
  isOnlyFulfilledHandler,
  isThisMember,
  LISTENER_METHODS,
  nameIndex,
  occurrencesWithin,
  PROMISE_CHAIN_METHODS,
  skipOuterExpressions,
  valuePosition,
} from './syntax.js';

/**
 * Events that every stream or connection emits in the end, one way or another: a release
 * registered on one of them runs. Others (`abort`, `timeout`, `message`) may never fire.
 */
const ENDING_EVENTS = new Set(['end', 'close', 'finish', 'error', 'done', 'exit']);

/**
 * What a node does to the obligation: give it back, overwrite its holder, use it (a lazy
 * resource connects), or give the handle back with its transaction still open.
 */
export type Effect = 'discharge' | 'assign' | 'use' | 'releaseWhileOpen';

const COLLECTION_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'concat']);

function stringArgument(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/**
 * Classifies every reference to the holders inside the analysed function, once, before the
 * flow walk: which nodes discharge the obligation (a release, a transfer of ownership, the
 * registration of a callback that releases) and which assign the holder. Aliases
 * (`const c = client`) and local release functions (`const done = () => client.release()`)
 * join the tracked symbols as they are found.
 */
export class ReferenceScan {
  readonly effects = new Map<ts.Node, Effect>();
  readonly holders: ts.Symbol[];
  readonly releaseFunctions: ts.Symbol[];
  readonly releasedOnlyOnFulfilled: ts.CallExpression[] = [];
  /** Exits of registered callbacks that return without giving the resource back. */
  readonly callbackLeaks: LeakPath[] = [];
  /**
   * For each registered callback that gives the resource back, the calls it makes before it does
   * (`conn.query(sql, (err) => { pool.query(…); conn.commit(…) })`): held if it is registered held.
   */
  readonly callbackHeldCalls = new Map<ts.Node, HeldCall[]>();
  /** Calls that read the next rows (`cursor.read(100)`), and the variables their results are kept in. */
  readonly readCalls = new Set<ts.CallExpression>();
  readonly readResults = new Set<ts.Symbol>();
  /**
   * Discharges that are the function's own release calls (`client.release()`,
   * `pool.releaseConnection(conn)`, pg's `done()`), not transfers or releasing callbacks.
   */
  readonly releaseCalls = new Set<ts.CallExpression>();
  /** Releases without the call that completes them (`trx.commit()` with no `.execute()`). */
  readonly releasesNotRun: ts.CallExpression[] = [];
  private readonly closures = new Set<ts.Node>();
  /** Calls the resource is handed to whose fate the engine cannot see, decided once the scan is done. */
  private readonly handOffs: { call: ts.CallExpression | ts.NewExpression; reference: ts.Node }[] = [];

  constructor(
    private readonly obligation: Obligation,
    private readonly cx: AnalysisContext,
    private readonly options: LifetimeOptions,
    /** The lifetime walk, for callbacks that release: each must release on its own exits. */
    private readonly analyzeCallback: (obligation: Obligation, onHeldCall: (call: HeldCall) => void) => LifetimeResult,
  ) {
    this.holders = [...obligation.holders];
    this.releaseFunctions = [...(obligation.releaseFunctions ?? [])];
  }

  run(): void {
    const body = (this.obligation.fn as ts.FunctionLikeDeclarationBase).body;
    if (!body) {
      return;
    }
    // A block-scoped holder can only be referenced inside its scope.
    const scope = ts.isFunctionLike(this.obligation.scope) ? body : this.obligation.scope;
    const index = nameIndex(body);
    // New aliases can make earlier references meaningful, so scan until nothing new appears.
    for (let known = -1; known !== this.holders.length + this.releaseFunctions.length; ) {
      known = this.holders.length + this.releaseFunctions.length;
      this.effects.clear();
      this.closures.clear();
      this.releasedOnlyOnFulfilled.length = 0;
      this.callbackLeaks.length = 0;
      this.callbackHeldCalls.clear();
      this.readCalls.clear();
      this.readResults.clear();
      this.releaseCalls.clear();
      this.releasesNotRun.length = 0;
      this.handOffs.length = 0;
      const names = new Set([...this.holders, ...this.releaseFunctions].map((symbol) => symbol.name));
      // In source order, as a walk of the scope would meet them; a shorthand before its own name.
      const named = [...names].flatMap((name) => occurrencesWithin(index, name, scope)).sort((a, b) => a.pos - b.pos);
      let shorthandEnd = -1;
      for (const node of named) {
        if (node.pos < shorthandEnd) {
          // The name (or default) of a shorthand property already taken as a whole.
          continue;
        }
        if (ts.isIdentifier(node)) {
          this.reference(node);
          continue;
        }
        shorthandEnd = node.end;
        const symbol = this.cx.checker.getShorthandAssignmentValueSymbol(node);
        if (symbol && this.holders.includes(symbol)) {
          this.inObjectLiteral(node, node);
        } else if (symbol && this.releaseFunctions.includes(symbol)) {
          this.discharge(node, node);
        }
      }
      this.decideHandOffs();
    }
  }

  /**
   * Ownership by evidence: a call the engine cannot see into takes the resource only when
   * nothing shows the caller kept it. A release (or another hand-on) later in the function is
   * that evidence: the call only borrowed it. Without any, the `unknownCalls` option decides.
   */
  private decideHandOffs(): void {
    const kept = [...this.effects].filter(([, effect]) => effect === 'discharge').map(([node]) => node);
    for (const { call, reference } of this.handOffs) {
      const releasedLater = kept.some((node) => node.pos >= call.end && node.getSourceFile() === call.getSourceFile());
      if (!releasedLater && this.options.unknownCalls === 'transfer') {
        this.discharge(call, reference);
      }
    }
  }

  private reference(identifier: ts.Identifier): void {
    // A handle kept on the instance is referenced as `this.db`, never as another object's `db`.
    const member = ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier ? identifier.parent : undefined;
    if (member ? !isThisMember(member) : isDeclarationName(identifier)) {
      return;
    }
    const symbol = this.cx.symbolOf(identifier);
    if (!symbol) {
      return;
    }
    if (this.holders.includes(symbol)) {
      this.holderReference(identifier, member ?? identifier);
    } else if (this.releaseFunctions.includes(symbol)) {
      this.releaseFunctionReference(identifier);
    }
  }

  private holderReference(identifier: ts.Identifier, reference: ts.Expression): void {
    const value = valuePosition(reference);
    // `conn.promise().commit()`: the same connection under the promise API.
    const view = viewCallOf(value, this.obligation.library);
    if (view) {
      return this.holderReference(identifier, view);
    }
    const parent = value.parent;
    const transaction = this.obligation.transaction;
    if (this.obligation.resource.closedByIteration && ts.isForOfStatement(parent) && parent.expression === value) {
      // Read to the end, or closed by the iterator's `return()` when the loop is left early.
      this.discharge(value, identifier);
      return;
    }
    if (transaction && ts.isTaggedTemplateExpression(parent) && parent.tag === value) {
      const text = this.cx.effects.sqlTextOf(parent);
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
      const event = isMethodCall && LISTENER_METHODS.has(member) ? stringArgument(call) ?? '' : undefined;
      if (event !== undefined && (resource.consumedByListener?.includes(event) || resource.keptOpenForEvents?.includes(event))) {
        // `stream.on('data', …)`: the stream flows to its end; `client.on('notification', …)`: it is kept for LISTEN.
        this.discharge(call, identifier);
        return;
      }
      if (!isMethodCall && resource.lazy && !resource.openedBy && member && !resource.idleReads?.includes(member)) {
        // `runner.manager.save(…)`: reading anything but what is idle connects it.
        this.use(parent, identifier);
        return;
      }
      if (isMethodCall && resource.lazy && !givesBack(resource, member)) {
        // A method of a lazy resource makes it really hold something (any method, unless the
        // model names the ones that open it).
        if (!resource.openedBy || resource.openedBy.includes(member)) {
          this.use(call, identifier);
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
        } else {
          this.releasesNotRun.push(call);
        }
      }
      return;
    }
    if (isBoundTo(parent, value) && !givesBack(this.obligation.resource, boundMethodName(parent) ?? '')) {
      // `util.promisify(conn.query).bind(conn)`: a function bound to the resource holds it as another name would.
      return this.holderReference(identifier, parent);
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
        if (enclosingFunction(identifier) === this.obligation.fn) {
          this.effects.set(parent, 'assign');
        }
        return;
      }
      const target = skipOuterExpressions(parent.left);
      if (ts.isIdentifier(target) && this.isLocal(target)) {
        this.addHolder(this.cx.symbolOf(target));
      } else {
        this.discharge(parent, identifier);
      }
      return;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === value) {
      if (ts.isIdentifier(parent.name) && this.isLocal(parent.name)) {
        this.addHolder(this.cx.symbolOf(parent.name));
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
    const symbol = target && ts.isIdentifier(target) ? this.cx.symbolOf(target) : undefined;
    if (symbol) {
      this.readResults.add(symbol);
    }
  }

  /** A call on the handle of a transaction: SQL or API that ends it, or a release that keeps it open. */
  private transactionCall(call: ts.CallExpression, member: string, identifier: ts.Identifier, transaction: TransactionModel): void {
    if (endsTransaction(call, member, transaction, this.cx)) {
      this.discharge(call, identifier);
      return;
    }
    if (transaction.releaseKeepsTransaction?.includes(member) && enclosingFunction(identifier) === this.obligation.fn) {
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
      if (this.obligation.releaseFunctions?.includes(this.cx.symbolOf(identifier)!)) {
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
    if (!inOptions && ts.isCallExpression(call) && this.cx.effects.releasesArgument(call, library, resource)) {
      this.discharge(call, reference);
      this.releaseCall(call, reference);
      return;
    }
    // The library's own operations (`collection.updateOne(…, { session })`) use the resource
    // without taking it over.
    if (this.cx.roles.isDeclaredBy(call, library)) {
      return;
    }
    const name = calleeName(call);
    if (ts.isCallExpression(call) && name && COLLECTION_METHODS.has(name.text)) {
      this.discharge(call, reference);
      return;
    }
    // Handed to a call, a lazy resource is used: whatever borrows it queries it.
    if (resource.lazy && !resource.openedBy && enclosingFunction(reference) === this.obligation.fn) {
      this.effects.set(call, 'use');
    }
    const fate = inOptions ? 'unknown' : this.cx.parameterFate(call, index, this.obligation);
    if (fate === 'borrows') {
      return;
    }
    if (fate === 'releases' && ts.isCallExpression(call)) {
      // A helper that releases what it is given (`finish(runner)`) is a release here.
      this.discharge(call, reference);
      this.releaseCall(call, reference);
      return;
    }
    if (fate === 'unknown') {
      // Inside `session.withTransaction(() => work(session))` the session commits after `work`
      // settles, so `work` can only borrow it.
      if (!this.runsInOwnTransaction(reference)) {
        this.handOffs.push({ call, reference });
      }
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
   * `node` makes a lazy resource really hold a connection. Inside a callback that runs at once
   * (`keys.map((key) => runner.manager.delete(…))`), the callback does, where it is passed.
   */
  private use(node: ts.Node, reference: ts.Node): void {
    const closure = this.outermostClosure(reference);
    if (!closure) {
      this.effects.set(node, 'use');
      return;
    }
    const value = ts.isFunctionDeclaration(closure) ? undefined : valuePosition(closure as ts.Expression);
    if (value && isCallbackArgument(value) && !isDeferred(value) && !this.effects.has(value)) {
      this.effects.set(value, 'use');
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
      this.addReleaseFunction(closure.name && this.cx.checker.getSymbolAtLocation(closure.name));
      return;
    }
    const value = valuePosition(closure as ts.Expression);
    const parent = value.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
      this.addReleaseFunction(this.cx.symbolOf(parent.name));
      return;
    }
    if (ts.isCallExpression(parent) && parent.expression === value) {
      this.effects.set(parent, 'discharge');
      return;
    }
    if (this.effects.get(parent) === 'discharge') {
      // `connection.commit((err) => { if (err) return connection.rollback(…); })`: the call
      // already gave the resource back; its callback runs after that.
      return;
    }
    if (ts.isCallExpression(parent) && isOnlyFulfilledHandler(parent, value) && !this.chainReleasesOnRejection(parent)) {
      this.releasedOnlyOnFulfilled.push(parent);
    }
    if (ts.isCallExpression(parent) && isListenerFor(parent, value) && !ENDING_EVENTS.has(stringArgument(parent) ?? '')) {
      // `signal.addEventListener('abort', () => client.release())` releases only if that
      // event fires: the normal path still holds the client.
      return;
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
    const heldCalls: HeldCall[] = [];
    const result = this.analyzeCallback(
      {
        ...this.obligation,
        fn: closure,
        creation: closure,
        scope: closure,
        holders: this.holders,
        releaseFunctions: this.releaseFunctions,
      },
      (call) => heldCalls.push(call),
    );
    this.callbackHeldCalls.set(closure, heldCalls);
    this.callbackLeaks.push(...result.leaks.filter((leak) => (leak.kind === 'exit' || leak.kind === 'releasedWhileOpen') && !leak.cause));
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
        const symbol = this.cx.symbolOf(child);
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

  /** Whether `reference` is inside a callback that a managed transaction of the resource itself runs. */
  private runsInOwnTransaction(reference: ts.Node): boolean {
    const closure = this.outermostClosure(reference);
    if (!closure || ts.isFunctionDeclaration(closure)) {
      return false;
    }
    const value = valuePosition(closure as ts.Expression);
    const call = value.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(value)) {
      return false;
    }
    const callee = skipOuterExpressions(call.expression);
    return (
      ts.isPropertyAccessExpression(callee) &&
      holderTest(this.holders, this.cx)(skipOuterExpressions(callee.expression)) &&
      this.cx.effects.managedCallee(call) !== undefined
    );
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

  /** Whether the variable this identifier names is declared in the analysed function itself. */
  private isLocal(identifier: ts.Identifier): boolean {
    const declaration = this.cx.symbolOf(identifier)?.valueDeclaration;
    return !!declaration && enclosingFunction(declaration) === this.obligation.fn && !ts.isParameter(declaration);
  }
}

