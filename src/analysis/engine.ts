import ts = require('typescript');

import type { LibraryModel, ResourceModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import type { AcquireFinding, BeginFinding, DoubleReleases, HeldCall } from './findings.js';
import type { LifetimeOptions, LifetimeResult, Obligation, ParameterFate } from './obligation.js';

import { findDoubleReleases } from './double-release.js';
import { type AcquireSite, Effects } from './effects.js';
import { type ExceptionPolicy, Exceptions } from './exceptions.js';
import { cachedByVariant, cachedFn } from './memo.js';
import { type FlowDomain, UnsupportedFlowError, walkFunction } from './flow.js';
import { analyzeObligation } from './lifetime.js';
import { NetworkSummaries } from './network.js';
import { beginHelperNames, helperBeginSite } from './begin-helpers.js';
import { factoryNames, freshUnlessGiven, returnsFresh, returnsOnlyFresh } from './factories.js';
import { beginCallbackObligation, holderObligation, obligationAt, poolLeftOpen, poolOf, releasedByNextFinally, unreleasedField } from './obligations.js';
import { type OwningClasses, inferOwningClasses } from './owning-classes.js';
import { type PoolSite, PoolSummaries } from './pools.js';
import { Roles } from './roles.js';
import { Summaries } from './summaries.js';
import { analysableFunction, calleeName, callsInWaitedCallbacks, declaringScope, initialValue, isThisMember, skipOuterExpressions, valuePosition } from './syntax.js';
import { declaredResultType, packageOfFile } from './types.js';
import { joiningMethods, joinsByOptionOnly, missingOptionQuery, optionJoiners, sessionOwner } from './option-queries.js';
import { type ForeignQuery, foreignQueryOf, helperCallOutside } from './transaction-context.js';
import { isExecuted, isJoined, poolPrefix, queryHandleIn, rootSymbol, sendsQuery } from './queries.js';
import { findTransaction, handedTransaction, type HandedTransaction, type Transaction, type TransactionSources } from './transactions.js';
import { type WrapperSite, WrapperSummaries } from './wrappers.js';
import { readsExistingValue } from './values.js';
import { withoutViews } from './holder-calls.js';

/**
 * The engine for one TypeScript program: library knowledge bound to the program's checker,
 * with every derived fact cached for as long as the program lives. Rules get it from
 * {@link getEngine} and never walk the AST themselves.
 */
export class Engine implements AnalysisContext, TransactionSources {
  readonly roles: Roles;
  readonly effects: Effects;
  readonly exceptions: Exceptions;
  readonly summaries: Summaries;
  readonly network: NetworkSummaries;
  readonly wrappers: WrapperSummaries;
  readonly pools: PoolSummaries;
  /** The project's resource-owning classes, and the models they extend. */
  readonly owningClasses: OwningClasses;

  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    models: readonly LibraryModel[],
  ) {
    this.owningClasses = inferOwningClasses(program, checker, models);
    this.roles = new Roles(checker, this.owningClasses.models);
    this.effects = new Effects(this.roles, program);
    this.exceptions = new Exceptions(this.roles, new Set([...this.effects.releaseMethodNames, ...this.effects.stateQueryNames]));
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
    return this.walk(obligation, optionsKey(options)).calls;
  }

  /** One lifetime walk per obligation and options: its leaks, and the calls made while it is held. */
  private readonly walk = cachedByVariant((obligation: Obligation, key: string) => {
    const calls = new Set<HeldCall>();
    const result = analyzeObligation(obligation, this, optionsOf(key), (call) => calls.add(call));
    // What the callbacks of those calls run at once, or before the awaited chain settles, runs while held too.
    for (const call of [...calls]) {
      if (ts.isCallExpression(call)) {
        callsInWaitedCallbacks(call).forEach((inner) => calls.add(inner));
      }
    }
    return { result, calls };
  });

  // Several rules ask about the same acquisition, begin or variable: each answer is computed once.
  private readonly acquisitions = cachedByVariant((call: ts.CallExpression, key: string) => this.findAcquisition(call, optionsOf(key)));
  private readonly owned = cachedByVariant((declaration: ts.VariableDeclaration, key: string) => this.findOwnedByDeclaration(declaration, optionsOf(key)));
  private readonly begins = cachedByVariant((node: ts.CallExpression | ts.TaggedTemplateExpression, key: string) =>
    this.findTransactionBegin(node, optionsOf(key)),
  );
  private readonly reachedNodes = cachedFn((fn: ts.SignatureDeclaration) => this.reached(fn));

  /**
   * Kept per identifier: every obligation of a function scans the same references, and the
   * checker resolves a name anew on each call.
   */
  readonly symbolOf = cachedFn((identifier: ts.Identifier): ts.Symbol | undefined => this.checker.getSymbolAtLocation(identifier));

  parameterFate(call: ts.CallExpression | ts.NewExpression, index: number, obligation: Obligation): ParameterFate {
    return this.summaries.parameterFate(call, index, obligation);
  }

  /**
   * Whether some path from the entry of `fn` evaluates `node`. Obligations are analysed only
   * within their scope, so code after a `return` must be ruled out here. One walk per
   * function, cached.
   */
  isReachable(node: ts.Node, fn: ts.SignatureDeclaration): boolean {
    const reached = this.reachedNodes(fn);
    return reached === 'unknown' || reached.has(node);
  }

  /** The nodes some path from the entry of `fn` evaluates; `unknown` for flow the walker does not follow. */
  private reached(fn: ts.SignatureDeclaration): ReadonlySet<ts.Node> | 'unknown' {
    const visited = new Set<ts.Node>();
    const domain: FlowDomain<true> = {
      join: () => true,
      equals: () => true,
      visit: (visitedNode, state) => (visited.add(visitedNode), state),
      jump: (_kind, _origin, state) => state,
      resume: (_kind, state) => state,
      refine: (_test, _whenTrue, state) => state,
      isScope: () => false,
      leave: (_scope, _kind, state) => state,
      // Reachability takes every edge: a `catch` block is reached through any call that can throw.
      mayThrow: (throwing) => this.exceptions.mayThrow(throwing, 'all'),
    };
    try {
      walkFunction(fn, domain, true);
    } catch (error) {
      if (!(error instanceof UnsupportedFlowError)) {
        throw error;
      }
      return 'unknown';
    }
    return visited;
  }

  /**
   * Follows the resource acquired by `call` (if it is an acquisition) through the function
   * that acquires it. Returns nothing for acquisitions whose resource leaves the function at
   * once (returned, stored, passed on) and for code the engine does not analyse (module top
   * level, generators).
   */
  acquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined {
    return this.effects.mayAcquire(call) ? this.acquisitions(call, optionsKey(options)) : undefined;
  }

  private findAcquisition(call: ts.CallExpression, options: LifetimeOptions): AcquireFinding | undefined {
    const site = this.effects.acquireSite(call);
    if (!site) {
      return undefined;
    }
    if (site.model?.alwaysLeaks) {
      return analysableFunction(call) && !this.isReachable(call, analysableFunction(call)!) ? undefined : { kind: 'alwaysLeaks', site };
    }
    const obligation = obligationAt(this, site);
    if (obligation === 'discarded') {
      return { kind: 'discarded', site };
    }
    if (!obligation) {
      const kept = unreleasedField(this, site);
      return kept && { kind: 'unreleasedField', site, ...kept };
    }
    return this.analyzed(site, obligation, options);
  }

  /**
   * A variable initialised by a call that is not a library acquisition (a project wrapper such
   * as `db.getClient()`) but holds a modelled resource that this function itself gives back
   * somewhere: the function owns it, so it must give it back on every path. The caller has
   * already seen a release of the variable, so only the type is checked here.
   */
  ownedByDeclaration(declaration: ts.VariableDeclaration, options: LifetimeOptions): AcquireFinding | undefined {
    return this.owned(declaration, optionsKey(options));
  }

  /**
   * Whether a variable is initialised by a project helper that makes a resource unless the
   * caller gives it one (`this.runnerFor(queryRunner)`): the variable owns what was made
   * even where this function never releases anything.
   */
  madeUnlessGiven(declaration: ts.VariableDeclaration): boolean {
    const call = this.factoryCall(declaration);
    const callee = call && this.roles.projectCallee(call);
    return !!callee && freshUnlessGiven(this, callee) !== undefined;
  }

  /**
   * A pool made inside a function and left open there (`const pool = new Pool(); await
   * pool.query(…)`, never ended, returned, stored or handed on): each call makes another.
   */
  poolLeftOpen(site: PoolSite): { fn: ts.SignatureDeclaration; holder: ts.Identifier | undefined } | undefined {
    return poolLeftOpen(this, site);
  }

  /**
   * Whether a variable is initialised by a project factory, which returns only resources it has
   * just acquired (`getClient() { return pool.connect(); }`): the variable owns the result even
   * where this function never releases anything.
   */
  madeByFactory(declaration: ts.VariableDeclaration): boolean {
    const call = this.factoryCall(declaration);
    const callee = call && this.roles.projectCallee(call);
    return !!callee && returnsOnlyFresh(this, callee);
  }

  /** The call a variable is initialised with, if it calls a name of the factory index. */
  private factoryCall(declaration: ts.VariableDeclaration): ts.CallExpression | undefined {
    const call = initialValue(declaration);
    const name = call && ts.isCallExpression(call) ? calleeName(call) : undefined;
    return name && this.factories().has(name.text) ? (call as ts.CallExpression) : undefined;
  }

  // The names of the program's factories and begin helpers: each index is read on its first question.
  private factoryNameSet: ReadonlySet<string> | undefined;
  private beginHelperSet: ReadonlySet<string> | undefined;

  private factories(): ReadonlySet<string> {
    this.factoryNameSet ??= factoryNames(this.program, this.effects);
    return this.factoryNameSet;
  }

  private beginHelpers(): ReadonlySet<string> {
    this.beginHelperSet ??= beginHelperNames(this.program, this.effects);
    return this.beginHelperSet;
  }

  private findOwnedByDeclaration(declaration: ts.VariableDeclaration, options: LifetimeOptions): AcquireFinding | undefined {
    const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
    const call = initialValue(declaration);
    if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call)) || !ts.isIdentifier(declaration.name) || (ts.isCallExpression(call) && this.effects.acquireSite(call))) {
      return undefined;
    }
    if ((declaration.parent.flags & ts.NodeFlags.Using) !== 0) {
      return undefined;
    }
    const calledName = !declaration.type && ts.isCallExpression(call) ? calleeName(call) : undefined;
    const type = (calledName && declaredResultType(this.checker, calledName)) ?? this.checker.getTypeAtLocation(declaration.name);
    const match = this.roles.resourceOfType(type);
    const fn = analysableFunction(declaration);
    const symbol = this.symbolOf(declaration.name);
    const scope = fn && declaringScope(declaration, fn);
    if (!match || !fn || !symbol || !scope) {
      return undefined;
    }
    // Constructed, it holds something only if its constructor acquires (an owning class that
    // keeps the client it is given); one opened later (`session.open()`) is that call's.
    if (ts.isNewExpression(call) && !match.resource.acquire.some((acquire) => acquire.method === 'constructor')) {
      return undefined;
    }
    // A project function that hands back what it keeps (a field, a map entry) lends it: only one
    // that returns what it acquired gives ownership, or one that makes it unless given one.
    const callee = ts.isCallExpression(call) ? this.roles.projectCallee(call) : undefined;
    const given = callee && freshUnlessGiven(this, callee);
    if (callee && given === undefined && !returnsFresh(this, callee)) {
      return undefined;
    }
    const alternative = given === undefined ? undefined : (call as ts.CallExpression).arguments[given];
    const site: AcquireSite = { call, ...match, model: undefined, form: initializer === call ? 'value' : 'promise' };
    const obligation: Obligation = { ...match, fn, creation: declaration, scope, holders: [symbol], ...(alternative && { alternative }) };
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
    return this.doubleReleasesOf(symbol);
  }

  private readonly doubleReleasesOf = cachedFn((symbol: ts.Symbol): DoubleReleases | undefined => {
    const obligation = holderObligation(this, symbol);
    return obligation && { obligation, releases: findDoubleReleases(obligation, this) };
  });

  /**
   * The obligation of the variable or parameter `reference` names, if it holds a modelled
   * resource: acquired into it, passed to an acquisition's callback, or of a modelled type.
   */
  obligationOf(reference: ts.Identifier): Obligation | undefined {
    const symbol = this.symbolOf(reference);
    return symbol && holderObligation(this, symbol);
  }

  /**
   * Follows the transaction this call begins (raw `BEGIN` on a dedicated client, or an API
   * such as `beginTransaction()`) until it is committed or rolled back, through the function
   * that begins it. A `BEGIN` sent through a pool is a finding of its own.
   */
  transactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined {
    return ts.isCallExpression(node) && !this.mayBegin(node) ? undefined : this.begins(node, optionsKey(options));
  }

  private findTransactionBegin(node: ts.CallExpression | ts.TaggedTemplateExpression, options: LifetimeOptions): BeginFinding | undefined {
    const site = this.effects.beginSite(node) ?? (ts.isCallExpression(node) ? helperBeginSite(this, node, this.beginHelpers()) : undefined);
    if (!site) {
      return undefined;
    }
    if (site.onPool) {
      return { kind: 'onPool', site };
    }
    const handle = withoutViews(site.handle, site.library);
    const fn = analysableFunction(node);
    // A handle in a variable, or kept on the instance (`this.db`, better-sqlite3's one connection).
    const symbol = ts.isIdentifier(handle) ? this.symbolOf(handle) : isThisMember(handle) ? this.symbolOf(handle.name) : undefined;
    if (!fn || !symbol) {
      return undefined;
    }
    // A handle declared in this function goes out of scope with its block; any other (a
    // parameter, an outer variable, or a local that reads one, such as a connection a SQL editor
    // keeps per tab: `const conn = this.peekConnection(tabId)`) must have its transaction ended
    // before the function exits on the paths where the function ends it at all.
    const declaration = symbol.valueDeclaration;
    const local =
      !!declaration &&
      ts.isVariableDeclaration(declaration) &&
      analysableFunction(declaration) === fn &&
      !(declaration.initializer && readsExistingValue(this, declaration.initializer));
    const scope = (local ? declaringScope(declaration, fn) : undefined) ?? fn;
    const resource: ResourceModel = {
      id: `${site.library.name}.transaction`,
      kind: 'transaction',
      noun: 'transaction',
      acquire: [],
      release: site.model.end ?? [],
    };
    const inCallback = ts.isCallExpression(node) ? beginCallbackObligation(this, node, site.library, resource, symbol, site.model) : undefined;
    const obligation: Obligation = inCallback ?? {
      library: site.library,
      resource,
      fn,
      creation: valuePosition(node),
      scope,
      holders: [symbol],
      transaction: site.model,
    };
    const { result, calls: whileOpen } = this.walk(obligation, optionsKey(options));
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
    const joiners = optionJoiners(this, library);
    // Objection's transactions are knex's: knex's pools are what goes around them.
    const owner = sessionOwner(this, library);
    const optionOnly = joinsByOptionOnly(owner);
    const joinedBy = joiningMethods(library.transactions, owner.transactions);
    const found: ForeignQuery[] = [];
    for (const call of calls) {
      if (ts.isNewExpression(call) || !isExecuted(call) || isJoined(call, joinedBy)) {
        continue;
      }
      const missing = joiners.length > 0 ? missingOptionQuery(this, call, joiners) : undefined;
      if (missing) {
        found.push(foreignQueryOf(missing));
        continue;
      }
      // Where every query joins by option, what is left to find is a helper's.
      const through = optionOnly ? undefined : queryHandleIn(this, call);
      if (!through || (ts.isCallExpression(call) && !sendsQuery(this, call))) {
        const helper = ts.isCallExpression(call)
          ? helperCallOutside(this, call, owner, (argument) => holders.includes(rootSymbol(this, argument)!), { origin })
          : undefined;
        if (helper) {
          found.push(helper);
        }
        continue;
      }
      const root = rootSymbol(this, through);
      // A handle derived from the transaction's own (`queryRunner.manager.getRepository(User)`) is inside it.
      if (!through || (root && holders.includes(root)) || (origin && root !== origin)) {
        continue;
      }
      const pool = poolPrefix(this, through, owner, () => holders[0] && this.checker.getNonNullableType(this.checker.getTypeOfSymbol(holders[0])));
      if (pool) {
        // The transaction handle has the library's methods, not the project's: no swap fixes those.
        const ownMethod = ts.isCallExpression(call) && !!this.roles.projectCallee(call);
        found.push({ node: call, reason: 'pool', ...pool, fixable: pool.fixable && !ownMethod });
      }
    }
    return found;
  }

  /**
   * The transaction that starts at `node`, found the same way for every rule that asks, and
   * cached per node and options.
   */
  transactionAt(node: ts.CallExpression | ts.TaggedTemplateExpression | ts.VariableDeclaration, options: LifetimeOptions): Transaction | undefined {
    return ts.isCallExpression(node) && !this.mayStartTransaction(node) ? undefined : this.transactions(node, optionsKey(options));
  }

  /** Whether a transaction may start at this call, by its name and arguments alone: most calls are no candidate of any kind. */
  private mayStartTransaction(call: ts.CallExpression): boolean {
    const name = calleeName(call);
    return (
      !!name &&
      (this.effects.isManagedName(name.text) ||
        this.mayBegin(call) ||
        this.effects.mayAcquire(call) ||
        this.wrappers.mayWrap(call))
    );
  }

  /**
   * Whether a call of this name may begin a transaction: a library method that begins or sends
   * SQL, or a project helper that begins on a handle it is given and leaves it open
   * (`beginTransaction(client)`). The rules' pre-filter.
   */
  isBeginName(name: string): boolean {
    return this.effects.isBeginName(name) || this.beginHelpers().has(name);
  }

  /** {@link isBeginName}, and for a library's SQL method, SQL that may be a `BEGIN`. */
  private mayBegin(call: ts.CallExpression): boolean {
    return this.effects.mayBegin(call) || this.beginHelpers().has(calleeName(call)?.text ?? '');
  }

  private readonly transactions = cachedByVariant(
    (node: ts.CallExpression | ts.TaggedTemplateExpression | ts.VariableDeclaration, key: string) => findTransaction(this, node, optionsOf(key)),
  );

  /** The transaction `fn` is given by its caller (`trx: Knex.Transaction`), if it is given one. */
  transactionHandedTo(fn: ts.FunctionLikeDeclaration): HandedTransaction | undefined {
    return this.handedTransactions(fn);
  }

  private readonly handedTransactions = cachedFn((fn: ts.FunctionLikeDeclaration) => handedTransaction(this, fn));

  /** The wrapper this call runs its inline callback through, if the callee is one. */
  wrapperSite(call: ts.CallExpression): WrapperSite | undefined {
    return this.wrappers.siteOf(call);
  }

  private analyzed(site: AcquireSite, obligation: Obligation, options: LifetimeOptions): AcquireFinding | undefined {
    const result = releasedByNextFinally(obligation) ? NO_LEAKS : this.walk(obligation, optionsKey(options)).result;
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
}

const NO_LEAKS: LifetimeResult = { leaks: [], releasedOnlyOnFulfilled: [], touchesResource: true, dischargeNodes: [] };

/** The cache key of a question's options, and back: the same options are the same answers. */
function optionsKey(options: LifetimeOptions): string {
  return `${options.unknownCalls}|${options.exceptions ?? 'likely'}`;
}

const parsedOptions = new Map<string, LifetimeOptions>();

function optionsOf(key: string): LifetimeOptions {
  let options = parsedOptions.get(key);
  if (!options) {
    const [unknownCalls, exceptions] = key.split('|') as [LifetimeOptions['unknownCalls'], ExceptionPolicy];
    options = { unknownCalls, exceptions };
    parsedOptions.set(key, options);
  }
  return options;
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
    engine = new Engine(program, program.getTypeChecker(), modelsTypedIn(program, models));
    byModels.set(models, engine);
  }
  return engine;
}

/**
 * The models of the libraries whose typings the program has (and those of the project's own
 * files). Every handle, call and type is recognised by the package that declares it, so a
 * library without typings in the program can match nothing: its names (`find`, `query`,
 * `connect`) are not even candidates, and the checker is never asked about them.
 */
function modelsTypedIn(program: ts.Program, models: readonly LibraryModel[]): readonly LibraryModel[] {
  const packages = new Set(program.getSourceFiles().map(packageOfFile));
  return models.filter((library) => !!library.files?.length || library.packages.some((pkg) => packages.has(pkg)));
}
