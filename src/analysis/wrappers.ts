import ts = require('typescript');

import type { LibraryModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import type { Effects } from './effects.js';
import type { AcquireFinding, BeginFinding, HeldCall } from './findings.js';
import type { LifetimeOptions, Obligation } from './obligation.js';

import { cachedFn } from './memo.js';
import { calleeName, functionsFoundInRounds, isAwaited, isBuiltinCallbackCall, isDeferred, parameterNames, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/**
 * A project function that runs a callback while it holds a connection or a transaction:
 * `withTransaction(fn)` acquires a client, sends `BEGIN`, awaits `fn(client)`, commits or rolls
 * back and releases in `finally`. Inferred from the function's body, with no setting.
 */
export interface WrapperSummary {
  /** Which parameter of the wrapper is the callback. */
  readonly callbackIndex: number;
  /** `transaction` when the callback runs inside a transaction, `connection` when only a client is held. */
  readonly kind: 'transaction' | 'connection';
  readonly library: LibraryModel;
  /** What the wrapper holds, for messages ("client", "transaction"). */
  readonly noun: string;
  /** Which parameter of the callback receives the handle, when the wrapper passes it. */
  readonly handleIndex: number | undefined;
}

/** A call of a wrapper with an inline callback. */
export interface WrapperSite extends WrapperSummary {
  readonly callback: ts.ArrowFunction | ts.FunctionExpression;
}

/** What a wrapper's summary asks of the engine: the obligations its own body opens, and what runs while they are held. */
export interface HeldFacts extends AnalysisContext {
  transactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined;
  acquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined;
  callsWhileHeld(obligation: Obligation, options: LifetimeOptions): ReadonlySet<HeldCall>;
}

/** Summaries look at the wrapper's own acquisitions and begins as the wrapper's author wrote them. */
const WRAPPER_ANALYSIS: LifetimeOptions = { unknownCalls: 'borrow' };

export class WrapperSummaries {
  private readonly summaries = new Map<ts.Node, readonly WrapperSummary[]>();

  constructor(private readonly engine: HeldFacts) {}

  /** The wrapper this call runs its inline callback through, if the callee is one. */
  siteOf(call: ts.CallExpression): WrapperSite | undefined {
    return this.mayWrap(call) ? this.sites(call) : undefined;
  }

  /**
   * Whether this call may run a function written in place through a wrapper: it passes one that
   * runs at once (most calls pass none; a callback handed to a timer or a listener,
   * `pool.on('error', …)`, runs later), and its callee's name is a library wrapper's or in the
   * program's index of project functions that may be wrappers.
   */
  mayWrap(call: ts.CallExpression): boolean {
    const name = calleeName(call)?.text;
    return (
      name !== undefined &&
      call.arguments.some((argument) => isInlineFunction(argument) && !isDeferred(argument)) &&
      (this.engine.effects.isWrapperName(name) || this.projectWrapperNames().has(name))
    );
  }

  private wrapperNameSet: ReadonlySet<string> | undefined;

  private projectWrapperNames(): ReadonlySet<string> {
    this.wrapperNameSet ??= wrapperNames(this.engine.program, this.engine.effects);
    return this.wrapperNameSet;
  }

  private readonly sites = cachedFn((call: ts.CallExpression) => this.findSite(call));

  private findSite(call: ts.CallExpression): WrapperSite | undefined {
    // Calls of a library are told by their declaration, the rest by their callee's summary.
    const declared = this.engine.effects.declaredWrapper(call);
    if (declared) {
      const { model, library } = declared;
      const callback = call.arguments[model.callbackIndex];
      return callback && isInlineFunction(callback)
        ? { callbackIndex: model.callbackIndex, kind: model.kind, library, noun: model.noun ?? model.kind, handleIndex: model.handleIndex, callback }
        : undefined;
    }
    // Asking the checker for the callee of `rows.map(…)` would type its receiver: the name says enough.
    const wrapper = isBuiltinCallbackCall(call) ? undefined : this.engine.roles.projectCallee(call);
    if (!wrapper) {
      return undefined;
    }
    for (const summary of this.summariesOf(wrapper)) {
      const callback = call.arguments[summary.callbackIndex];
      if (callback && isInlineFunction(callback)) {
        return { ...summary, callback };
      }
    }
    return undefined;
  }

  private summariesOf(fn: ts.FunctionLikeDeclaration): readonly WrapperSummary[] {
    const cached = this.summaries.get(fn);
    if (cached) {
      return cached;
    }
    // A wrapper calling itself is not followed while its own summary is being computed.
    this.summaries.set(fn, []);
    const found: WrapperSummary[] = [];
    const parameters = fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? this.engine.symbolOf(parameter.name) : undefined));
    const parameterCalls: { call: ts.CallExpression; index: number }[] = [];
    const candidates: (ts.CallExpression | ts.TaggedTemplateExpression)[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = skipOuterExpressions(node.expression);
        const index = ts.isIdentifier(callee) ? parameters.indexOf(this.engine.symbolOf(callee)) : -1;
        // Only a callback the wrapper waits for runs while it holds what it holds.
        if (index !== -1 && parameters[index] && isAwaited(node)) {
          parameterCalls.push({ call: node, index });
        } else {
          candidates.push(node);
        }
      } else if (ts.isTaggedTemplateExpression(node)) {
        candidates.push(node);
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) {
      visit(fn.body);
    }
    // `return knex.transaction(fn)`: the wrapper hands its callback to a managed transaction.
    for (const node of candidates) {
      const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
      const managed = name && this.engine.effects.isManagedName(name.text) ? this.engine.effects.managedCallee(node as ts.CallExpression) : undefined;
      for (const argument of managed ? (node as ts.CallExpression).arguments : []) {
        const value = skipOuterExpressions(argument);
        const index = ts.isIdentifier(value) ? parameters.indexOf(this.engine.symbolOf(value)) : -1;
        if (managed && index !== -1 && !found.some((summary) => summary.callbackIndex === index)) {
          found.push({ callbackIndex: index, kind: 'transaction', library: managed.library, noun: 'transaction', handleIndex: 0 });
        }
      }
    }
    for (const { call, index } of parameterCalls) {
      if (found.some((summary) => summary.callbackIndex === index)) {
        continue;
      }
      const held = this.heldAround(call, candidates);
      if (held) {
        const handleIndex = call.arguments.findIndex((argument) => {
          const value = skipOuterExpressions(argument);
          return ts.isIdentifier(value) && held.holders.includes(this.engine.symbolOf(value)!);
        });
        found.push({ callbackIndex: index, kind: held.kind, library: held.library, noun: held.noun, handleIndex: handleIndex === -1 ? undefined : handleIndex });
      }
    }
    this.summaries.set(fn, found);
    return found;
  }

  /**
   * What the wrapper holds while it calls its callback: a transaction it began or a managed
   * transaction it runs the call in (preferred), else a connection it acquired.
   */
  private heldAround(
    parameterCall: ts.CallExpression,
    candidates: readonly (ts.CallExpression | ts.TaggedTemplateExpression)[],
  ): { kind: WrapperSummary['kind']; library: LibraryModel; noun: string; holders: readonly ts.Symbol[] } | undefined {
    const { effects } = this.engine;
    let connection: ReturnType<WrapperSummaries['heldAround']>;
    for (const node of candidates) {
      const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
      if (ts.isTaggedTemplateExpression(node) || (name && effects.isBeginName(name.text))) {
        const begin = this.engine.transactionBegin(node, WRAPPER_ANALYSIS);
        if (begin?.kind === 'tracked' && this.engine.callsWhileHeld(begin.obligation, WRAPPER_ANALYSIS).has(parameterCall)) {
          return { kind: 'transaction', library: begin.obligation.library, noun: 'transaction', holders: begin.obligation.holders };
        }
      }
      if (!ts.isCallExpression(node) || !name) {
        continue;
      }
      const inside = (callback: ts.Node): boolean => parameterCall.pos >= callback.pos && parameterCall.end <= callback.end;
      if (effects.isManagedName(name.text)) {
        const managed = effects.managedSite(node);
        if (managed && inside(managed.callback)) {
          return { kind: 'transaction', library: managed.library, noun: 'transaction', holders: this.parameterSymbols(managed.callback, 0) };
        }
      }
      const nested = this.siteOf(node);
      if (nested && inside(nested.callback)) {
        const holders = nested.handleIndex === undefined ? [] : this.parameterSymbols(nested.callback, nested.handleIndex);
        if (nested.kind === 'transaction') {
          return { kind: 'transaction', library: nested.library, noun: nested.noun, holders };
        }
        connection ??= { kind: 'connection', library: nested.library, noun: nested.noun, holders };
      }
      if (effects.isAcquireName(name.text)) {
        const acquired = this.engine.acquisition(node, WRAPPER_ANALYSIS);
        if (acquired?.kind === 'tracked' && this.engine.callsWhileHeld(acquired.obligation, WRAPPER_ANALYSIS).has(parameterCall)) {
          const { library, resource } = acquired.obligation;
          if (resource.kind === 'transaction') {
            return { kind: 'transaction', library, noun: resource.noun, holders: acquired.obligation.holders };
          }
          if (resource.kind === 'connection' || resource.kind === 'session') {
            connection ??= { kind: 'connection', library, noun: resource.noun, holders: acquired.obligation.holders };
          }
        }
      }
    }
    return connection;
  }

  private parameterSymbols(callback: ts.SignatureDeclaration, index: number): ts.Symbol[] {
    const parameter = callback.parameters[index];
    const symbol = parameter && ts.isIdentifier(parameter.name) ? this.engine.symbolOf(parameter.name) : undefined;
    return symbol ? [symbol] : [];
  }
}

/**
 * The names of the project's functions that may be wrappers: one calls a parameter, or hands it
 * to a managed transaction (`knex.transaction(fn)`), and makes a call that may begin (by its
 * name and written SQL), acquire, run a managed transaction or a declared wrapper, or a call of
 * another such function. A syntactic pre-filter, read once per program and only in the files
 * that make such calls, before {@link WrapperSummaries} asks the checker about a call: it admits
 * every function whose summary may find a wrapper, and no more, since a name found here makes
 * every call of that name in the program a question to the checker.
 */
export function wrapperNames(program: ts.Program, effects: Effects): ReadonlySet<string> {
  const seed = new Set([...effects.beginMethodNames, ...effects.acquireNames, ...effects.managedMethodNames, ...effects.declaredWrapperNames]);
  const opensInFirstRound = (node: ts.CallExpression | ts.TaggedTemplateExpression): boolean => {
    if (ts.isTaggedTemplateExpression(node)) {
      return effects.mayBeginTemplate(node);
    }
    const name = calleeName(node)?.text ?? '';
    return effects.isAcquireName(name) || effects.isManagedName(name) || effects.isWrapperName(name) || effects.mayBegin(node);
  };
  // A wrapper of a wrapper is found in the round after it; the first also reads the files with a
  // template that may send `BEGIN` (postgres.js: sql`BEGIN`).
  return functionsFoundInRounds(
    program.getSourceFiles().filter(isProjectFile),
    seed,
    4,
    (fn, called, round) =>
      holdsWhileCalling(fn, effects, round === 0 ? opensInFirstRound : (node) => ts.isCallExpression(node) && called.has(calleeName(node)?.text ?? '')),
    /\x60[^\x60]*\b(?:begin|start)\b/i,
  );
}

/**
 * Whether a function calls one of its parameters, or hands it to a managed transaction, and
 * makes a call (or a tagged template) that `opens` says may hold something.
 */
function holdsWhileCalling(
  fn: ts.FunctionLikeDeclaration,
  effects: Effects,
  opens: (node: ts.CallExpression | ts.TaggedTemplateExpression) => boolean,
): boolean {
  const parameters = parameterNames(fn);
  if (parameters.size === 0 || !fn.body) {
    return false;
  }
  let callsParameter = false;
  let holds = false;
  const isParameter = (node: ts.Expression): boolean => {
    const value = skipOuterExpressions(node);
    return ts.isIdentifier(value) && parameters.has(value.text);
  };
  const visit = (node: ts.Node): void => {
    if (callsParameter && holds) {
      return;
    }
    if (ts.isCallExpression(node)) {
      callsParameter ||= isParameter(node.expression) || (effects.isManagedName(calleeName(node)?.text ?? '') && node.arguments.some(isParameter));
      holds ||= opens(node);
    } else if (ts.isTaggedTemplateExpression(node)) {
      holds ||= opens(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return callsParameter && holds;
}

function isInlineFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}
