import ts from 'typescript';

import type { LibraryModel, ResourceModel } from '../models/model.js';

import { type AcquireSite, type BeginSite, Effects } from './effects.js';
import { type FlowDomain, UnsupportedFlowError, walkFunction } from './flow.js';
import { analyzeObligation, type DoubleRelease, findDoubleReleases, givesBack, type LifetimeOptions, type LifetimeResult, type Obligation } from './lifetime.js';
import { NetworkSummaries } from './network.js';
import { PoolSummaries } from './pools.js';
import { Summaries } from './summaries.js';
import { type ForeignQuery, foreignQueriesInManaged, isExecuted, missingOptionQuery, poolPrefix, queryHandle, rootSymbol } from './transaction-context.js';
import { type WrapperSite, WrapperSummaries } from './wrappers.js';
import { analysableFunction, calleeReceiver, declaringScope, skipOuterExpressions, valuePosition } from './syntax.js';

/** What the engine found about a transaction begun on a handle. */
export type BeginFinding =
  | { readonly kind: 'onPool'; readonly site: BeginSite }
  | {
      readonly kind: 'tracked';
      readonly site: BeginSite;
      readonly obligation: Obligation;
      readonly result: LifetimeResult;
      /** Whether the handle is declared in the function (not a parameter or an outer variable). */
      readonly ownsHandle: boolean;
      /** Queries through a pool of the same library while the transaction is open. */
      readonly foreignQueries: readonly ForeignQuery[];
    };

/** The releases of one resource that can run after it was already given back. */
export interface DoubleReleases {
  readonly obligation: Obligation;
  readonly releases: readonly DoubleRelease[];
}

/** A call, construction or tagged template evaluated while an obligation is held. */
type HeldCall = ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;

/** What the engine found about one acquisition. */
export type AcquireFinding =
  /** Never stored. */
  | { readonly kind: 'discarded'; readonly site: AcquireSite }
  /** Of a kind the code can never give back. */
  | { readonly kind: 'alwaysLeaks'; readonly site: AcquireSite }
  | {
      readonly kind: 'tracked';
      readonly site: AcquireSite;
      readonly obligation: Obligation;
      readonly result: LifetimeResult;
    };

/**
 * The engine for one TypeScript program: library knowledge bound to the program's checker,
 * with every derived fact cached for as long as the program lives. Rules get it from
 * {@link getEngine} and never walk the AST themselves.
 */
export class Engine {
  readonly effects: Effects;
  readonly summaries: Summaries;
  readonly network: NetworkSummaries;
  readonly wrappers: WrapperSummaries;
  readonly pools: PoolSummaries;

  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    models: readonly LibraryModel[],
  ) {
    this.effects = new Effects(checker, models);
    this.summaries = new Summaries(this);
    this.network = new NetworkSummaries(this);
    this.wrappers = new WrapperSummaries(this);
    this.pools = new PoolSummaries(this);
  }

  /**
   * The calls evaluated while an obligation is held, computed once per obligation and options:
   * several rules ask about the same transaction (its foreign queries, its network I/O).
   */
  callsWhileHeld(obligation: Obligation, options: LifetimeOptions): ReadonlySet<HeldCall> {
    let byOptions = this.heldCalls.get(obligation);
    if (!byOptions) {
      byOptions = new Map();
      this.heldCalls.set(obligation, byOptions);
    }
    let calls = byOptions.get(options.unknownCalls);
    if (!calls) {
      const found = new Set<HeldCall>();
      analyzeObligation(obligation, this, options, (call) => found.add(call));
      calls = found;
      byOptions.set(options.unknownCalls, calls);
    }
    return calls;
  }

  private readonly reachedNodes = new WeakMap<ts.Node, Set<ts.Node>>();
  private readonly heldCalls = new WeakMap<Obligation, Map<LifetimeOptions['unknownCalls'], ReadonlySet<HeldCall>>>();
  /** Findings by question, options and node: several rules ask about the same acquisition or begin. */
  private readonly findings = new Map<string, WeakMap<ts.Node, { value: AcquireFinding | BeginFinding | undefined }>>();

  private cached<T extends AcquireFinding | BeginFinding | undefined>(
    question: 'acquisition' | 'begin' | 'owned',
    node: ts.Node,
    options: LifetimeOptions,
    compute: () => T,
  ): T {
    const key = `${question}:${options.unknownCalls}`;
    let byNode = this.findings.get(key);
    if (!byNode) {
      byNode = new WeakMap();
      this.findings.set(key, byNode);
    }
    const hit = byNode.get(node);
    if (hit) {
      return hit.value as T;
    }
    const value = compute();
    byNode.set(node, { value });
    return value;
  }

  symbolOf(identifier: ts.Identifier): ts.Symbol | undefined {
    return this.checker.getSymbolAtLocation(identifier);
  }

  /**
   * Whether some path from the entry of `fn` evaluates `node`. Obligations are analysed only
   * within their scope, so code after a `return` must be ruled out here. One walk per
   * function, cached.
   */
  isReachable(node: ts.Node, fn: ts.SignatureDeclaration): boolean {
    let reached = this.reachedNodes.get(fn);
    if (!reached) {
      const visited = new Set<ts.Node>();
      reached = visited;
      const domain: FlowDomain<true> = {
        join: () => true,
        equals: () => true,
        visit: (visitedNode, state) => (visited.add(visitedNode), state),
        jump: (_kind, _origin, state) => state,
        resume: (_kind, state) => state,
        refine: (_test, _whenTrue, state) => state,
        isScope: () => false,
        leave: (_scope, _kind, state) => state,
        mayThrow: (throwing) => this.effects.mayThrow(throwing),
      };
      try {
        walkFunction(fn, domain, true);
      } catch (error) {
        if (!(error instanceof UnsupportedFlowError)) {
          throw error;
        }
        return true;
      }
      this.reachedNodes.set(fn, reached);
    }
    return reached.has(node);
  }

  /**
   * Follows the resource acquired by `call` (if it is an acquisition) through the function
   * that acquires it. Returns nothing for acquisitions whose resource leaves the function at
   * once (returned, stored, passed on) and for code the engine does not analyse (module top
   * level, generators).
   */
  acquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined {
    return this.cached('acquisition', call, options, () => this.findAcquisition(call, options));
  }

  private findAcquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined {
    const site = this.effects.acquireSite(call);
    if (!site) {
      return undefined;
    }
    if (site.model?.alwaysLeaks) {
      return analysableFunction(call) && !this.isReachable(call, analysableFunction(call)!) ? undefined : { kind: 'alwaysLeaks', site };
    }
    const obligation = this.obligationAt(site);
    if (obligation === 'discarded') {
      return { kind: 'discarded', site };
    }
    return obligation ? this.analyzed(site, obligation, options) : undefined;
  }

  /**
   * A variable initialised by a call that is not a library acquisition (a project wrapper such
   * as `db.getClient()`) but holds a modelled resource that this function itself gives back
   * somewhere: the function owns it, so it must give it back on every path. The caller has
   * already seen a release of the variable, so only the type is checked here.
   */
  ownedByDeclaration(declaration: ts.VariableDeclaration, options: LifetimeOptions): AcquireFinding | undefined {
    return this.cached('owned', declaration, options, () => this.findOwnedByDeclaration(declaration, options));
  }

  private findOwnedByDeclaration(declaration: ts.VariableDeclaration, options: LifetimeOptions): AcquireFinding | undefined {
    const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
    const call = initializer && ts.isAwaitExpression(initializer) ? skipOuterExpressions(initializer.expression) : initializer;
    if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(declaration.name) || this.effects.acquireSite(call)) {
      return undefined;
    }
    if ((declaration.parent.flags & ts.NodeFlags.Using) !== 0) {
      return undefined;
    }
    const match = this.effects.resourceOfType(this.checker.getTypeAtLocation(declaration.name));
    const fn = analysableFunction(declaration);
    const symbol = this.symbolOf(declaration.name);
    const scope = fn && declaringScope(declaration, fn);
    if (!match || !fn || !symbol || !scope) {
      return undefined;
    }
    const site: AcquireSite = { call, ...match, model: undefined, form: initializer === call ? 'value' : 'promise' };
    const obligation: Obligation = { ...match, fn, creation: declaration, scope, holders: [symbol] };
    return this.analyzed(site, obligation, options);
  }

  /**
   * Releases of the resource `reference` names that can run after it was already given back on
   * the same path. The resource is the one its variable was acquired into, or received as a
   * parameter (an acquisition's callback, or a function given a client); computed once per
   * variable.
   */
  doubleReleases(reference: ts.Identifier): DoubleReleases | undefined {
    const symbol = this.symbolOf(reference);
    if (!symbol) {
      return undefined;
    }
    let found = this.doubleReleasesBySymbol.get(symbol);
    if (found === undefined) {
      const obligation = this.holderObligation(symbol);
      found = obligation ? { obligation, releases: findDoubleReleases(obligation, this) } : null;
      this.doubleReleasesBySymbol.set(symbol, found);
    }
    return found ?? undefined;
  }

  private readonly doubleReleasesBySymbol = new WeakMap<ts.Symbol, DoubleReleases | null>();

  /**
   * The obligation of the variable or parameter `reference` names, if it holds a modelled
   * resource: acquired into it, passed to an acquisition's callback, or of a modelled type.
   */
  obligationOf(reference: ts.Identifier): Obligation | undefined {
    const symbol = this.symbolOf(reference);
    return symbol && this.holderObligation(symbol);
  }

  private holderObligation(symbol: ts.Symbol): Obligation | undefined {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) || !ts.isIdentifier(declaration.name)) {
      return undefined;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuterExpressions(declaration.initializer);
      const call = ts.isAwaitExpression(initializer) ? skipOuterExpressions(initializer.expression) : initializer;
      const site = ts.isCallExpression(call) ? this.effects.acquireSite(call) : undefined;
      if (site) {
        const obligation = this.obligationAt(site);
        return obligation === 'discarded' ? undefined : obligation;
      }
    }
    const fn = ts.isParameter(declaration) ? declaration.parent : analysableFunction(declaration);
    if (!fn || !ts.isFunctionLike(fn)) {
      return undefined;
    }
    // A parameter of an acquisition's callback (`pool.connect((err, client, done) => …)`).
    const call = ts.isParameter(declaration) ? valuePosition(fn as ts.Expression).parent : undefined;
    const site = call && ts.isCallExpression(call) ? this.effects.acquireSite(call) : undefined;
    if (site?.form === 'callback') {
      const obligation = this.obligationAt(site);
      return obligation === 'discarded' ? undefined : obligation;
    }
    const match = this.effects.resourceOfType(this.checker.getTypeAtLocation(declaration.name));
    if (!match) {
      return undefined;
    }
    const creation = ts.isParameter(declaration) ? fn : declaration;
    return { ...match, fn, creation, scope: fn, holders: [symbol] };
  }

  /**
   * Follows the transaction this call begins (raw `BEGIN` on a dedicated client, or an API
   * such as `beginTransaction()`) until it is committed or rolled back, through the function
   * that begins it. A `BEGIN` sent through a pool is a finding of its own.
   */
  transactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined {
    return this.cached('begin', node, options, () => this.findTransactionBegin(node, options));
  }

  private findTransactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined {
    const site = this.effects.beginSite(node);
    if (!site) {
      return undefined;
    }
    if (site.onPool) {
      return { kind: 'onPool', site };
    }
    const handle = skipOuterExpressions(site.handle);
    const fn = analysableFunction(node);
    const symbol = ts.isIdentifier(handle) ? this.symbolOf(handle) : undefined;
    if (!fn || !symbol) {
      return undefined;
    }
    // A handle declared in this function goes out of scope with its block; any other
    // (a parameter, an outer variable) must have its transaction ended before the function exits.
    const declaration = symbol.valueDeclaration;
    const local = !!declaration && ts.isVariableDeclaration(declaration) && analysableFunction(declaration) === fn;
    const scope = (local ? declaringScope(declaration, fn) : undefined) ?? fn;
    const resource: ResourceModel = {
      id: `${site.library.name}.transaction`,
      kind: 'transaction',
      noun: 'transaction',
      acquire: [],
      release: site.model.end ?? [],
    };
    const obligation: Obligation = {
      library: site.library,
      resource,
      fn,
      creation: valuePosition(node),
      scope,
      holders: [symbol],
      transaction: site.model,
    };
    const whileOpen = new Set<HeldCall>();
    const result = analyzeObligation(obligation, this, options, (call) => whileOpen.add(call));
    this.heldCalls.set(obligation, new Map([[options.unknownCalls, whileOpen]]));
    // When the client's pool is known (`const client = await pool.connect()`), only that pool
    // is the same database; otherwise any pool of the library may be.
    const origin = local ? poolOf(this, declaration) : undefined;
    const foreignQueries = this.foreignQueriesAmong(whileOpen, site.library, obligation.holders, origin);
    const reportable = result.leaks.length > 0 || foreignQueries.length > 0;
    return reportable && this.inDeadCode(obligation)
      ? undefined
      : { kind: 'tracked', site, obligation, result, ownsHandle: local, foreignQueries };
  }

  /**
   * The queries that go around an unmanaged transaction (`await knex.transaction()`,
   * `await sequelize.transaction()`) while it is open.
   */
  foreignQueriesWhileHeld(finding: Extract<AcquireFinding, { kind: 'tracked' }>, options: LifetimeOptions): ForeignQuery[] {
    const { obligation, site } = finding;
    const origin = ts.isVariableDeclaration(obligation.creation) ? poolOf(this, obligation.creation) : undefined;
    return this.foreignQueriesAmong(this.callsWhileHeld(obligation, options), site.library, obligation.holders, origin);
  }

  /**
   * Of the calls evaluated while a transaction is open, the queries that run outside it: through
   * a pool of the library (the one the transaction came from, when that is known), or, for
   * libraries that join by option, without the option.
   */
  private foreignQueriesAmong(
    calls: Iterable<HeldCall>,
    library: LibraryModel,
    holders: readonly ts.Symbol[],
    origin: ts.Symbol | undefined,
  ): ForeignQuery[] {
    const option = library.transactions?.transactionOption;
    const found: ForeignQuery[] = [];
    for (const call of calls) {
      if (ts.isNewExpression(call) || !isExecuted(call)) {
        continue;
      }
      if (option) {
        const missing = missingOptionQuery(this, call, library, option);
        if (missing) {
          found.push(missing);
        }
        continue;
      }
      const through = queryHandle(call);
      const root = through && rootSymbol(this, through);
      // A handle derived from the transaction's own (`queryRunner.manager.getRepository(User)`) is inside it.
      if (!through || (root && holders.includes(root)) || (origin && root !== origin)) {
        continue;
      }
      const pool = poolPrefix(this, through, library);
      if (pool) {
        found.push({ node: call, reason: 'pool', ...pool });
      }
    }
    return found;
  }

  /** The queries inside a managed transaction's callback that go around the transaction. */
  managedTransaction(call: ts.CallExpression): ForeignQuery[] | undefined {
    const site = this.effects.managedSite(call);
    return site && foreignQueriesInManaged(this, site.library, site.model, site.callback, { handleIndex: 0, receiver: calleeReceiver(call) });
  }

  /**
   * The queries inside a callback run by a project's transaction wrapper (`withTransaction(async
   * (client) => …)`) that go around the transaction, with the wrapper.
   */
  wrappedTransaction(call: ts.CallExpression): { site: WrapperSite; queries: ForeignQuery[] } | undefined {
    const site = this.wrappers.siteOf(call);
    const model = site?.kind === 'transaction' ? site.library.transactions : undefined;
    if (!site || !model) {
      return undefined;
    }
    return { site, queries: foreignQueriesInManaged(this, site.library, model, site.callback, { handleIndex: site.handleIndex, receiver: undefined }) };
  }

  private analyzed(site: AcquireSite, obligation: Obligation, options: LifetimeOptions): AcquireFinding | undefined {
    const result = releasedByNextFinally(obligation) ? NO_LEAKS : analyzeObligation(obligation, this, options);
    const reportable = result.leaks.length > 0 || result.releasedOnlyOnFulfilled.length > 0;
    return reportable && this.inDeadCode(obligation) ? undefined : { kind: 'tracked', site, obligation, result };
  }

  /**
   * Whether an obligation analysed only within its scope was created in code no path reaches.
   * A scope's own walk assumes it is entered; callers ask only when there is something to
   * report, since most obligations have no leak and this walks the whole function.
   */
  private inDeadCode(obligation: Obligation): boolean {
    return !ts.isFunctionLike(obligation.scope) && !this.isReachable(obligation.creation, obligation.fn);
  }

  private obligationAt(site: AcquireSite): Obligation | 'discarded' | undefined {
    const { call, library, resource } = site;
    if (site.form === 'callback' && site.model?.callback) {
      const callback = call.arguments.at(-1) as ts.ArrowFunction | ts.FunctionExpression;
      const form = site.model.callback;
      return this.callbackObligation(site, callback, form.resourceParam, form.releaseParam, form.errorParam);
    }
    const fn = analysableFunction(call);
    if (!fn) {
      return undefined;
    }
    let value = valuePosition(call);
    const awaited = value !== call;
    // Builder methods that return the resource itself (`collection.find(q).sort(s).limit(n)`)
    // carry it on to the end of the chain.
    for (let link: ts.Expression | undefined = call; site.form === 'value' && value === link; ) {
      link = chainedResourceCall(this, value, resource);
      value = link ? valuePosition(link) : value;
    }
    const parent = value.parent;

    const property = site.model?.inProperty?.name;
    if (property) {
      return awaited ? this.propertyObligation(site, fn, value, property) : undefined;
    }

    if (site.form === 'receiver') {
      const receiver = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
      const symbol = receiver && ts.isIdentifier(receiver) ? this.symbolOf(receiver) : undefined;
      const declaration = symbol?.valueDeclaration;
      // Only an object created here (`new Client()`, `pool.transaction()`) is owned here; a
      // parameter or a field is someone else's.
      const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
      if (
        !declaration ||
        !ts.isVariableDeclaration(declaration) ||
        !initializer ||
        !(ts.isNewExpression(initializer) || ts.isCallExpression(initializer)) ||
        analysableFunction(declaration) !== fn
      ) {
        return undefined;
      }
      const scope = declaringScope(declaration, fn);
      return scope && { library, resource, fn, creation: value, scope, holders: [symbol] };
    }

    if (ts.isExpressionStatement(parent)) {
      return 'discarded';
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
      const list = parent.parent;
      const usesUsing = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Using) !== 0;
      if (usesUsing || (site.form === 'promise' && !awaited)) {
        return undefined;
      }
      const symbol = this.symbolOf(parent.name);
      const scope = declaringScope(parent, fn);
      return symbol && scope ? { library, resource, fn, creation: parent, scope, holders: [symbol] } : undefined;
    }
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      parent.right === value &&
      ts.isIdentifier(parent.left) &&
      (site.form !== 'promise' || awaited)
    ) {
      const symbol = this.symbolOf(parent.left);
      const declaration = symbol?.valueDeclaration;
      // Assigned to a variable of an enclosing function: stored outside, someone else releases it.
      if (!declaration || !ts.isVariableDeclaration(declaration) || analysableFunction(declaration) !== fn) {
        return undefined;
      }
      const scope = declaringScope(declaration, fn);
      return scope && { library, resource, fn, creation: parent, scope, holders: [symbol] };
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
      const use = parent.parent;
      if (parent.name.text === 'then' && !awaited && ts.isCallExpression(use) && use.expression === parent) {
        const onFulfilled = use.arguments[0];
        return onFulfilled && (ts.isArrowFunction(onFulfilled) || ts.isFunctionExpression(onFulfilled))
          ? this.callbackObligation(site, onFulfilled, 0, undefined, undefined)
          : undefined;
      }
      if (awaited || site.form === 'value') {
        // `(await pool.connect()).query(…)`: used once, never given back. A lazy resource used
        // once (`collection.find(q).next()`) may be read to its end by that use.
        const isRelease = ts.isCallExpression(use) && use.expression === parent && givesBack(resource, parent.name.text);
        return isRelease || resource.lazy ? undefined : 'discarded';
      }
    }
    return undefined;
  }

  /**
   * A resource kept in a property of an awaited result: `const { resultSet } = await …`,
   * `(await …).resultSet`, or `const result = await …; const rows = result.resultSet`.
   */
  private propertyObligation(site: AcquireSite, fn: ts.SignatureDeclaration, value: ts.Expression, property: string): Obligation | undefined {
    const { library, resource } = site;
    const parent = value.parent;
    const held = (declaration: ts.VariableDeclaration, name: ts.Identifier): Obligation | undefined => {
      const symbol = this.symbolOf(name);
      const scope = declaringScope(declaration, fn);
      return symbol && scope ? { library, resource, fn, creation: declaration, scope, holders: [symbol] } : undefined;
    };
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isObjectBindingPattern(parent.name)) {
      const element = parent.name.elements.find(
        (candidate) => ((candidate.propertyName ?? candidate.name) as ts.Node).getText() === property && ts.isIdentifier(candidate.name),
      );
      return element ? held(parent, element.name as ts.Identifier) : undefined;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === value && parent.name.text === property) {
      const outer = valuePosition(parent).parent;
      return ts.isVariableDeclaration(outer) && ts.isIdentifier(outer.name) && outer.initializer === valuePosition(parent) ? held(outer, outer.name) : undefined;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
      // `const rows = result.resultSet`, anywhere in the function.
      const result = this.symbolOf(parent.name);
      let found: Obligation | undefined;
      const visit = (node: ts.Node): void => {
        if (found || (ts.isFunctionLike(node) && node !== fn)) {
          return;
        }
        if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
          const initializer = skipOuterExpressions(node.initializer);
          if (
            ts.isPropertyAccessExpression(initializer) &&
            initializer.name.text === property &&
            ts.isIdentifier(initializer.expression) &&
            this.symbolOf(initializer.expression) === result
          ) {
            found = held(node, node.name);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(fn);
      return found;
    }
    return undefined;
  }

  private callbackObligation(
    site: AcquireSite,
    callback: ts.ArrowFunction | ts.FunctionExpression,
    resourceParam: number,
    releaseParam: number | undefined,
    errorParam: number | undefined,
  ): Obligation | undefined {
    if (callback.asteriskToken) {
      return undefined;
    }
    const parameterSymbol = (index: number | undefined): ts.Symbol | undefined => {
      const parameter = index === undefined ? undefined : callback.parameters[index];
      return parameter && ts.isIdentifier(parameter.name) ? this.symbolOf(parameter.name) : undefined;
    };
    const holder = parameterSymbol(resourceParam);
    const releaseFunction = parameterSymbol(releaseParam);
    return {
      library: site.library,
      resource: site.resource,
      fn: callback,
      creation: callback,
      scope: callback,
      holders: holder ? [holder] : [],
      releaseFunctions: releaseFunction ? [releaseFunction] : [],
      errorParameter: parameterSymbol(errorParam),
    };
  }
}

/** The call of a builder method on `value` that returns the same resource (`.sort(…)` on a cursor), if there is one. */
function chainedResourceCall(engine: Engine, value: ts.Expression, resource: ResourceModel): ts.CallExpression | undefined {
  const access = value.parent;
  const call = access.parent;
  if (
    !ts.isPropertyAccessExpression(access) ||
    access.expression !== value ||
    !ts.isCallExpression(call) ||
    call.expression !== access ||
    givesBack(resource, access.name.text)
  ) {
    return undefined;
  }
  return engine.effects.resourceOfType(engine.checker.getTypeAtLocation(call))?.resource === resource ? call : undefined;
}

/** The pool a client variable was acquired from (`pool` in `const client = await pool.connect()`). */
function poolOf(engine: Engine, declaration: ts.Declaration): ts.Symbol | undefined {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) {
    return undefined;
  }
  let init = skipOuterExpressions(declaration.initializer);
  if (ts.isAwaitExpression(init)) {
    init = skipOuterExpressions(init.expression);
  }
  if (!ts.isCallExpression(init) || !engine.effects.acquireSite(init)) {
    return undefined;
  }
  const callee = skipOuterExpressions(init.expression);
  return ts.isPropertyAccessExpression(callee) ? rootSymbol(engine, callee.expression) : undefined;
}

const NO_LEAKS: LifetimeResult = { leaks: [], releasedOnlyOnFulfilled: [], touchesResource: true, dischargeNodes: [] };

/**
 * The idiom `const client = await pool.connect(); try { … } finally { client.release(); … }`,
 * with the release first in `finally`: every path out of the `try` runs the release before
 * anything else, and nothing runs between the acquisition and the `try`. A structural proof
 * that needs no walk, for the most common correct code.
 */
function releasedByNextFinally(obligation: Obligation): boolean {
  const declaration = obligation.creation;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
    return false;
  }
  const list = declaration.parent;
  const statement = list.parent;
  if (!(list.flags & ts.NodeFlags.Const) || !ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) {
    return false;
  }
  const siblings = statement.parent.statements;
  const next = siblings[siblings.indexOf(statement) + 1];
  const first = next && ts.isTryStatement(next) ? next.finallyBlock?.statements[0] : undefined;
  if (!first || !ts.isExpressionStatement(first)) {
    return false;
  }
  let call = first.expression;
  if (ts.isAwaitExpression(call)) {
    call = call.expression;
  }
  return (
    ts.isCallExpression(call) &&
    ts.isPropertyAccessExpression(call.expression) &&
    ts.isIdentifier(call.expression.expression) &&
    call.expression.expression.text === declaration.name.text &&
    obligation.resource.release.includes(call.expression.name.text) &&
    !obligation.resource.releaseCompletedBy
  );
}

const engines = new WeakMap<ts.Program, WeakMap<readonly LibraryModel[], Engine>>();

/** The engine for this program and these models, created once per program. */
export function getEngine(program: ts.Program, models: readonly LibraryModel[]): Engine {
  let byModels = engines.get(program);
  if (!byModels) {
    byModels = new WeakMap();
    engines.set(program, byModels);
  }
  let engine = byModels.get(models);
  if (!engine) {
    engine = new Engine(program, program.getTypeChecker(), models);
    byModels.set(models, engine);
  }
  return engine;
}
