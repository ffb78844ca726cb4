import path from 'node:path';
import ts = require('typescript');

import type { LibraryModel, PoolModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { matches, ownsPackage } from './roles.js';

import { type PoolSize, readPoolSize } from './pool-sizes.js';
import { ValueTrail } from './values.js';
import { cachedFn } from './memo.js';
import { declaredResultType, isProjectFile, packageOfFile } from './types.js';
import { calleeName, escapeRegExp, extendsClause, importBindings, LISTENER_METHODS, listenerEvent, skipOuterExpressions, valuePosition } from './syntax.js';

/** Where the code creates a pool. */
export interface PoolSite {
  readonly node: ts.NewExpression | ts.CallExpression;
  readonly library: LibraryModel;
  readonly pool: PoolModel;
}

/** Whether an `error` listener is attached to a pool: yes, no, or the pool escapes where the analysis cannot follow. */
export type ListenerVerdict = 'attached' | 'missing' | 'unknown';

/** How far up a class's `extends` chain a pool class is looked for. */
const MAX_BASES = 8;
/** Files that are tests, whose pools belong to the test run rather than to the service. */
const TEST_FILE = /\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$|\/(?:__tests__|__mocks__|tests?|e2e|fixtures?)\//;

/**
 * The pools a program creates, for the checks on a pool as a whole: its size against the
 * server's budget, and whether the program listens for its `error` event. Program-wide facts
 * are computed once per program.
 */
export class PoolSummaries {
  private programSites: readonly PoolSite[] | undefined;
  private classNames: ReadonlySet<string> | undefined;
  private readonly listenerRoots = new Map<string, ReadonlySet<ts.Node | ts.Symbol>>();
  private readonly poolPackages: readonly string[];
  /** `new this.pg.Pool(…)`: a pool class reached through a library module the code was handed. */
  private readonly injectedPoolClass: RegExp;
  private readonly factoryNames = new Set<string>();
  /** Static factories' names, with the classes they are static members of. */
  private readonly staticFactoryOwners = new Map<string, Set<string>>();
  /** Pools by creation site, asked by both pool rules. */
  private readonly sites = new WeakMap<ts.Node, PoolSite | undefined>();
  /** Per pool type, the events its `on` accepts, as far as asked. */
  private readonly eventsAccepted = new WeakMap<ts.Type, Map<string, boolean>>();
  /** Sizes by creation site: every pool rule report sums the whole program's. */
  private readonly sizes = new WeakMap<ts.Node, PoolSize | undefined>();

  constructor(private readonly cx: AnalysisContext) {
    const withPools = cx.effects.models.filter((library) => library.pools?.length);
    this.poolPackages = withPools.flatMap((library) => library.packages);
    const classes = new Set(withPools.flatMap((library) => (library.pools ?? []).flatMap((pool) => pool.types ?? [])));
    this.injectedPoolClass = new RegExp(String.raw`\bnew\s+[\w$.]+\.(?:${[...classes].map(escapeRegExp).join('|')})\s*\(`);
    for (const pool of withPools.flatMap((library) => library.pools ?? [])) {
      for (const factory of pool.factories ?? []) {
        if (factory.static && factory.owner) {
          const owners = this.staticFactoryOwners.get(factory.method) ?? new Set();
          this.staticFactoryOwners.set(factory.method, owners.add(factory.owner));
        } else {
          this.factoryNames.add(factory.method);
        }
      }
    }
  }

  /** The pool this `new` or call creates, if it creates one; asked by both pool rules. */
  siteOf(node: ts.NewExpression | ts.CallExpression): PoolSite | undefined {
    const name = calleeName(node);
    // Most calls are no pool's by their names alone; only the others are kept.
    if (!name || !(ts.isNewExpression(node) ? this.mayNamePoolClass(name) : this.mayNameFactory(name, node))) {
      return undefined;
    }
    if (!this.sites.has(node)) {
      this.sites.set(node, this.findSite(node, name));
    }
    return this.sites.get(node);
  }

  private findSite(node: ts.NewExpression | ts.CallExpression, name: ts.Identifier): PoolSite | undefined {
    const { effects, roles } = this.cx;
    if (ts.isNewExpression(node)) {
      // The class, by where the typings declare it, or the pool class a project class extends.
      const refs = roles.refsOf(name);
      for (const library of effects.models) {
        const pool = library.pools?.find((candidate) => refs.some((ref) => candidate.types?.includes(ref.method) && ownsPackage(library, ref.package)));
        if (pool) {
          return { node, library, pool };
        }
      }
      for (const base of this.libraryBasesOf(name)) {
        for (const library of effects.models) {
          const pool = library.pools?.find((candidate) => candidate.types?.includes(base.name));
          if (pool && ownsPackage(library, base.package)) {
            return { node, library, pool };
          }
        }
      }
      return undefined;
    }
    const refs = roles.refsOf(name);
    for (const library of effects.models) {
      const pool = library.pools?.find((candidate) => candidate.factories?.some((factory) => refs.some((ref) => matches(ref, library, factory))));
      if (pool) {
        return { node, library, pool };
      }
    }
    return undefined;
  }

  /**
   * Whether a call of `name` may be a pool factory's: a method of a factory's name
   * (`mysql.createPool(…)`), or a plain call of a name bound to a factory's import or to a
   * module's default, which the importer names (`import pg from 'postgres'`). A static factory
   * is called on its class (`MongoClient.connect(url)`, `mongodb.MongoClient.connect(url)`, or
   * under the name the file imports it as), which `client.connect()` on an instance is not.
   */
  private mayNameFactory(name: ts.Identifier, call: ts.CallExpression): boolean {
    const owners = this.staticFactoryOwners.get(name.text);
    if (owners) {
      const receiver = ts.isPropertyAccessExpression(call.expression) ? skipOuterExpressions(call.expression.expression) : undefined;
      const className = receiver && (ts.isIdentifier(receiver) ? receiver : ts.isPropertyAccessExpression(receiver) ? receiver.name : undefined);
      const imported = className && importBindings(call.getSourceFile()).get(className.text);
      if (className && (owners.has(className.text) || (imported !== undefined && owners.has(imported)))) {
        return true;
      }
    }
    const bindings = name === call.expression ? importBindings(call.getSourceFile()) : undefined;
    if (!bindings?.has(name.text)) {
      return this.factoryNames.has(name.text);
    }
    const imported = bindings.get(name.text);
    return imported === undefined || this.factoryNames.has(imported);
  }

  /**
   * Whether `new name(…)` may construct a pool: `name` is a pool class's, a project class's
   * whose `extends` chain reaches one by name, or bound by an import that renames it or takes a
   * module's default. `new Error()` and the project's other classes are not asked about.
   */
  private mayNamePoolClass(name: ts.Identifier): boolean {
    const classes = this.poolClassNames();
    const bindings = importBindings(name.getSourceFile());
    const imported = bindings.has(name.text) ? bindings.get(name.text) : name.text;
    return classes.has(name.text) || imported === undefined || classes.has(imported);
  }

  /**
   * The pool classes' names, with the project classes that extend one by name, through their
   * imports: built once per program from the classes declared at the top of project files and
   * in their namespaces. A base the syntax cannot name (a module's default, a mixin) may be a pool.
   */
  private poolClassNames(): ReadonlySet<string> {
    if (this.classNames) {
      return this.classNames;
    }
    const names = new Set(this.cx.effects.models.flatMap((library) => (library.pools ?? []).flatMap((pool) => pool.types ?? [])));
    const subclasses: { readonly name: string; readonly base: string | undefined }[] = [];
    for (const file of this.cx.program.getSourceFiles()) {
      if (!isProjectFile(file) || !file.text.includes('extends')) {
        continue;
      }
      const bindings = importBindings(file);
      const read = (statements: readonly ts.Statement[]): void => {
        for (const statement of statements) {
          if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
            read(statement.body.statements);
          }
          if (!ts.isClassDeclaration(statement) || !statement.name || !extendsClause(statement)) {
            continue;
          }
          const base = extendedName(statement)?.text;
          subclasses.push({ name: statement.name.text, base: base !== undefined && bindings.has(base) ? bindings.get(base) : base });
        }
      };
      read(file.statements);
    }
    for (let grown = true; grown; ) {
      grown = false;
      for (const subclass of subclasses) {
        if (!names.has(subclass.name) && (subclass.base === undefined || names.has(subclass.base))) {
          names.add(subclass.name);
          grown = true;
        }
      }
    }
    this.classNames = names;
    return names;
  }

  /**
   * The library classes a project class named `name` extends, through the project's own
   * subclasses (`class AuditedPool extends Pool`), read from the `extends` clauses: asking for
   * the constructed type instead resolves the constructor of every `new` in the program.
   */
  private libraryBasesOf(name: ts.Identifier): { readonly package: string; readonly name: string }[] {
    const bases: { package: string; name: string }[] = [];
    let declaration = this.classOf(name);
    for (let step = 0; declaration && step < MAX_BASES; step++) {
      const baseName = extendedName(declaration);
      if (!baseName) {
        break;
      }
      declaration = this.classOf(baseName);
      const file = declaration?.getSourceFile();
      const pkg = file && packageOfFile(file);
      if (declaration?.name && pkg !== undefined) {
        bases.push({ package: pkg, name: declaration.name.text });
      }
    }
    return bases;
  }

  private classOf(name: ts.Identifier): ts.ClassLikeDeclaration | undefined {
    return this.cx.roles.symbolAt(name)?.declarations?.find((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassLike(declaration));
  }

  /** Every pool the program's own source files create, tests left out. */
  allSites(): readonly PoolSite[] {
    if (!this.programSites) {
      const sites: PoolSite[] = [];
      for (const file of this.cx.program.getSourceFiles()) {
        if (!isProjectFile(file) || isTestFile(file, this.cx.program) || !this.mayCreatePools(file)) {
          continue;
        }
        const visit = (node: ts.Node): void => {
          if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
            const site = this.siteOf(node);
            if (site) {
              sites.push(site);
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
      this.programSites = sites;
    }
    return this.programSites;
  }

  /**
   * Whether a file may create a pool, a cheap pre-filter: it names a package that creates pools,
   * or constructs a pool class through a module handed to it (an adapter's `new this.pg.Pool(…)`
   * lets its users pass their own `pg`; the file imports only the type).
   */
  mayCreatePools(file: ts.SourceFile): boolean {
    return this.poolPackages.some((pkg) => file.text.includes(`'${pkg}`) || file.text.includes(`"${pkg}`)) || this.injectedPoolClass.test(file.text);
  }

  /**
   * Whether the pool's typings let `on` take this event name: `string`, or a union of names that
   * has it (mariadb's leave `error` out, though its pool emits it). Read once per pool type.
   */
  acceptsEvent(site: PoolSite, event: string): boolean {
    const { checker } = this.cx;
    const type = this.typeOf(site) ?? checker.getTypeAtLocation(site.node);
    let byEvent = this.eventsAccepted.get(type);
    if (!byEvent) {
      byEvent = new Map();
      this.eventsAccepted.set(type, byEvent);
    }
    let accepted = byEvent.get(event);
    if (accepted === undefined) {
      const on = type.getProperty('on');
      const signatures = on ? checker.getTypeOfSymbolAtLocation(on, site.node).getCallSignatures() : [];
      accepted = signatures.some((signature) => {
        const parameter = signature.getParameters()[0];
        const declared = parameter && checker.getTypeOfSymbolAtLocation(parameter, site.node);
        // `on<K extends 'error' | 'release'>(event: K, …)`: the names are the constraint.
        const names = declared && (declared.flags & ts.TypeFlags.TypeParameter ? checker.getBaseConstraintOfType(declared) : declared);
        const members = names?.isUnion() ? names.types : names ? [names] : [];
        return members.some((name) => !!(name.flags & (ts.TypeFlags.String | ts.TypeFlags.Any)) || (name.isStringLiteral() && name.value === event));
      });
      byEvent.set(event, accepted);
    }
    return accepted;
  }

  /**
   * The type of the pool a site creates, read from the class it constructs or the factory's
   * declared result: resolving the call itself checks its options against the library's types.
   * Undefined when neither says (a generic factory, overloads that disagree).
   */
  private typeOf(site: PoolSite): ts.Type | undefined {
    if (ts.isNewExpression(site.node)) {
      const constructed = this.constructedClass(site);
      return constructed && this.cx.checker.getDeclaredTypeOfSymbol(constructed);
    }
    const name = calleeName(site.node);
    return name && declaredResultType(this.cx.checker, name);
  }

  /** The class a `new` site names, as its instances' type would give it, without resolving the constructor call. */
  private constructedClass(site: PoolSite): ts.Symbol | undefined {
    const name = ts.isNewExpression(site.node) ? calleeName(site.node) : undefined;
    const symbol = name && this.cx.roles.symbolAt(name);
    return symbol && symbol.flags & ts.SymbolFlags.Class ? symbol : undefined;
  }

  /** The most connections the pool opens, when the code says it statically (or leaves the default). */
  sizeOf(site: PoolSite): PoolSize | undefined {
    if (!this.sizes.has(site.node)) {
      this.sizes.set(site.node, readPoolSize(this.cx, site.node, site.pool));
    }
    return this.sizes.get(site.node);
  }

  /**
   * Whether the program attaches a listener for the pool's crash event: on the variable,
   * field or property it is kept in (in any file, through imports), on the result of a
   * function that returns it, inside a project function it is passed to, or by a framework
   * the model names.
   */
  listenerOf(site: PoolSite): ListenerVerdict {
    const event = site.pool.crashEvent;
    if (!event) {
      return 'attached';
    }
    const roots = this.listeners(event);
    const names = this.namesOf(site, roots);
    if (typeof names === 'string') {
      return names;
    }
    if (names.some((name) => roots.has(identity(name)))) {
      return 'attached';
    }
    return names.length === 0 ? 'missing' : this.escapes(site, names, roots);
  }

  /**
   * The symbols through which code reaches the pool: where it is stored, the functions that
   * return it, the class it is an instance of. When it is handed straight to a call instead,
   * what that call means for its listener.
   */
  private namesOf(site: PoolSite, roots: ReadonlySet<ts.Node | ts.Symbol>): ts.Symbol[] | ListenerVerdict {
    const { checker } = this.cx;
    const names: ts.Symbol[] = [];
    const value = valuePosition(site.node);
    const parent = value.parent;
    const constructed = this.constructedClass(site);
    if (constructed?.valueDeclaration && !constructed.valueDeclaration.getSourceFile().isDeclarationFile) {
      names.push(constructed);
    }
    const add = (node: ts.Node | undefined): void => {
      const symbol = node && checker.getSymbolAtLocation(node);
      if (symbol) {
        names.push(symbol);
      }
    };
    if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === value) {
      add(parent.name);
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) {
      const target = skipOuterExpressions(parent.left);
      add(ts.isPropertyAccessExpression(target) ? target.name : target);
    } else if (ts.isPropertyAssignment(parent) && parent.initializer === value) {
      const call = objectArgumentOf(parent.parent);
      if (call) {
        return this.callVerdict(call, site, roots, undefined);
      }
      add(parent.name);
      // `this.conn = { pool: new Pool() }` with `conn: Connection`: code reaches it as `Connection.pool`.
      const contextual = checker.getContextualType(parent.parent);
      const declared = contextual && ts.isIdentifier(parent.name) ? checker.getNonNullableType(contextual).getProperty(parent.name.text) : undefined;
      if (declared) {
        names.push(declared);
      }
    } else if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === value)) {
      add(functionName(parent));
    } else if (ts.isExportAssignment(parent)) {
      const module = checker.getSymbolAtLocation(parent.getSourceFile());
      const exported = module?.exports?.get(ts.InternalSymbolName.Default);
      if (exported) {
        names.push(exported);
      }
    } else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value)) {
      return this.callVerdict(parent, site, roots, parent.arguments.indexOf(value));
    } else if (!ts.isExpressionStatement(parent)) {
      return 'unknown';
    }
    return names;
  }

  /**
   * What a call the pool is passed to means for its listener: a framework that attaches one,
   * a project function that does (or not), a library that does not, or something unknown.
   * `index` is the argument the pool is, when it is one itself rather than inside an object.
   */
  private callVerdict(call: ts.CallExpression | ts.NewExpression, site: PoolSite, roots: ReadonlySet<ts.Node | ts.Symbol>, index: number | undefined): ListenerVerdict {
    const name = calleeName(call);
    const refs = name ? this.cx.roles.refsOf(name) : [];
    if (refs.some((ref) => site.pool.listenedBy?.includes(ref.package))) {
      return 'attached';
    }
    const callee = this.cx.roles.projectCallee(call);
    if (callee) {
      const parameter = index === undefined ? undefined : callee.parameters[index];
      const symbol = parameter && ts.isIdentifier(parameter.name) ? this.cx.checker.getSymbolAtLocation(parameter.name) : undefined;
      return !symbol ? 'unknown' : roots.has(identity(symbol)) ? 'attached' : 'missing';
    }
    // A modelled library (drizzle-orm, kysely) uses the pool and attaches nothing; nor do the
    // language's own functions (`map.set(key, pool)`, `console.log(pool)`).
    const known = refs.length > 0 && refs.every((ref) => ref.package === 'typescript' || ref.package === 'node' || this.cx.effects.models.some((library) => library.packages.includes(ref.package)));
    return known ? 'missing' : 'unknown';
  }

  /** In the pool's own file, whether a use of one of its names hands it to code that attaches a listener, or to unknown code. */
  private escapes(site: PoolSite, names: readonly ts.Symbol[], roots: ReadonlySet<ts.Node | ts.Symbol>): ListenerVerdict {
    const { checker } = this.cx;
    const texts = new Set(names.map((name) => name.name));
    // The file is walked only when a name appears other than as its declaration and as the
    // receiver of a member (`pool.query(…)`): only then can it be passed or returned.
    const file = site.node.getSourceFile();
    if ([...texts].reduce((count, name) => count + bareUsesOf(file, name), 0) <= 1) {
      return 'missing';
    }
    let verdict: ListenerVerdict = 'missing';
    const visit = (node: ts.Node): void => {
      if (verdict !== 'missing') {
        return;
      }
      if (ts.isIdentifier(node) && texts.has(node.text)) {
        const value = valuePosition(node);
        const parent = value.parent;
        // Where the name is passed or returned; `pool.query(…)` and the like are not asked about.
        const call = (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value) ? parent : undefined;
        const returned = ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === value);
        const symbol = call || returned ? checker.getSymbolAtLocation(node) : undefined;
        if (!symbol || !names.includes(symbol)) {
          return;
        }
        if (call) {
          verdict = this.callVerdict(call, site, roots, call.arguments!.indexOf(value));
        } else {
          // `return pool` from a getter: listened on as `getPool().on('error', …)`.
          const fn = functionName(parent);
          const fnSymbol = fn && checker.getSymbolAtLocation(fn);
          verdict = fnSymbol && roots.has(identity(fnSymbol)) ? 'attached' : 'missing';
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(site.node.getSourceFile());
    return verdict;
  }

  /** Whether a file may attach a listener for a client's stream of events (names `'notification'`): a cheap pre-filter. */
  mayListen(file: ts.SourceFile): boolean {
    return this.cx.effects.models.some((library) => library.listeningClients && file.text.includes(library.listeningClients.listensFor));
  }

  /**
   * A listener for a client's stream of events (`client.on('notification', …)`) on a client
   * that has no listener for the event that crashes the process, anywhere in the program; with
   * the library and that event. Undefined when the client cannot be followed.
   */
  unguardedListeningClient(call: ts.CallExpression): { readonly library: LibraryModel; readonly event: string; readonly client: ts.Expression } | undefined {
    const stream = listenerEvent(call);
    if (stream === undefined || !ts.isPropertyAccessExpression(call.expression)) {
      return undefined;
    }
    const library = this.cx.effects.models.find((candidate) => candidate.listeningClients?.listensFor === stream);
    const listening = library?.listeningClients;
    const client = call.expression.expression;
    if (!library || !listening || !this.cx.roles.isNamed(this.cx.checker.getTypeAtLocation(client), library, listening.types)) {
      return undefined;
    }
    // Only the project's own names for it: every client from `pool.connect()` shares the library's `connect`.
    const roots = this.rootsOf(client, new ValueTrail(this.cx.checker, { anyVariable: true })).filter((root) => root.declarations?.some((node) => isProjectFile(node.getSourceFile())));
    const listeners = this.listeners(listening.crashEvent);
    return roots.length > 0 && !roots.some((root) => listeners.has(identity(root))) ? { library, event: listening.crashEvent, client } : undefined;
  }

  /** The symbols the program attaches a listener for `event` to (`x.on('error', …)`), once per program. */
  private listeners(event: string): ReadonlySet<ts.Node | ts.Symbol> {
    const known = this.listenerRoots.get(event);
    if (known) {
      return known;
    }
    const roots = new Set<ts.Node | ts.Symbol>();
    // Only files whose text has such a call are walked: most of a program has none.
    const listening = new RegExp(String.raw`\b(?:${[...LISTENER_METHODS].join('|')})\s*\(\s*['"\x60]${escapeRegExp(event)}['"\x60]`);
    for (const file of this.cx.program.getSourceFiles()) {
      if (!isProjectFile(file) || !listening.test(file.text)) {
        continue;
      }
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && listenerEvent(node) === event) {
          for (const root of this.rootsOf(node.expression.expression, new ValueTrail(this.cx.checker, { anyVariable: true }))) {
            roots.add(identity(root));
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.listenerRoots.set(event, roots);
    return roots;
  }

  /** The symbols an expression reaches a pool through: a variable, a property, a function's result, `this` class. */
  private rootsOf(expression: ts.Expression, trail: ValueTrail): ts.Symbol[] {
    let node = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(node)) {
      node = skipOuterExpressions(node.expression);
    }
    const symbolsAt = (name: ts.Node | undefined): ts.Symbol[] => {
      const symbol = name && this.cx.roles.symbolAt(name);
      return symbol ? [symbol] : [];
    };
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = ts.findAncestor(node, ts.isClassLike);
      return symbolsAt(owner?.name);
    }
    if (ts.isIdentifier(node)) {
      const symbol = symbolsAt(node);
      // `const pool = getPool(); pool.on('error', …)`
      const initializer = trail.initializerOf(node);
      return initializer ? [...symbol, ...this.rootsOf(initializer, trail)] : symbol;
    }
    if (ts.isPropertyAccessExpression(node)) {
      return symbolsAt(node.name);
    }
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      return symbolsAt(name);
    }
    return [];
  }
}

/** The name a class's `extends` clause gives (`Pool` in `extends Pool` or `extends pg.Pool`), if it gives one. */
function extendedName(declaration: ts.ClassLikeDeclaration): ts.Identifier | undefined {
  const base = extendsClause(declaration)?.types[0]?.expression;
  return base && (ts.isIdentifier(base) ? base : ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.name) ? base.name : undefined);
}

/** Bare uses of each name in a file, counted once per file and name: a file creating pools usually creates several. */
const bareUseCounts = cachedFn((): Map<string, number> => new Map());

/** How often `name` appears in the file's text other than as a member's receiver (`pool.query`) or part of a longer name. */
function bareUsesOf(file: ts.SourceFile, name: string): number {
  const counts = bareUseCounts(file);
  let count = counts.get(name);
  if (count === undefined) {
    count = file.text.match(new RegExp(String.raw`(?<![\w$.])${escapeRegExp(name)}(?![\w$]|\s*\??\.)`, 'g'))?.length ?? 0;
    counts.set(name, count);
  }
  return count;
}

/**
 * What identifies a variable or property across the checker's views of it: its declaration.
 * Widening an object literal's type gives its properties new symbols with the same declaration.
 */
function identity(symbol: ts.Symbol): ts.Node | ts.Symbol {
  return symbol.declarations?.[0] ?? symbol;
}

/** The call an object literal is passed to as an argument (`new PostgresDialect({ pool })`), if it is. */
function objectArgumentOf(object: ts.ObjectLiteralExpression): ts.CallExpression | ts.NewExpression | undefined {
  const value = valuePosition(object);
  const parent = value.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value) ? parent : undefined;
}

/** The name of the function a `return` (or an arrow's expression body) is in. */
function functionName(node: ts.Node): ts.Node | undefined {
  const fn = ts.findAncestor(node.parent, ts.isFunctionLike);
  if (!fn) {
    return undefined;
  }
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) {
    return fn.name;
  }
  const holder = valuePosition(fn as ts.Expression).parent;
  return ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder) ? holder.name : undefined;
}

/**
 * Whether a file is a test or a test's helper, whose pools serve the test run rather than the
 * service: by its path inside the project (the folder of its `tsconfig.json`).
 */
export function isTestFile(file: ts.SourceFile, program: ts.Program): boolean {
  const config = program.getCompilerOptions().configFilePath;
  const root = typeof config === 'string' ? path.dirname(config) : program.getCurrentDirectory();
  return TEST_FILE.test(`/${path.relative(root, file.fileName).replaceAll('\\', '/')}`);
}
