import ts from 'typescript';

import type { AcquireModel, LibraryModel, MemberRef, ResourceModel, TransactionModel, WrapperModel } from '../models/model.js';

import { declarationRefs, type DeclarationRef, packageOfFile, PROJECT_FILE, typeChain } from './types.js';
import { calleeName, calleeReceiver, isAwaitedOrChained, skipOuterExpressions } from './syntax.js';

/** A call recognised as acquiring a modelled resource. */
export interface AcquireSite {
  readonly call: ts.CallExpression;
  readonly library: LibraryModel;
  readonly resource: ResourceModel;
  /** The library method, or `undefined` for a project function returning an owned resource. */
  readonly model: AcquireModel | undefined;
  /** `callback` when the call passes the resource to an inline callback. */
  readonly form: AcquireModel['returns'] | 'callback';
}

/** A call (or postgres.js tagged template) that begins a transaction. */
export interface BeginSite {
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  readonly library: LibraryModel;
  readonly model: TransactionModel;
  /** The handle the transaction is opened on: the receiver, or the tag. */
  readonly handle: ts.Expression;
  /** Sent through a pool or root handle: it runs on an arbitrary pooled connection. */
  readonly onPool: boolean;
}

/**
 * What a piece of SQL does to the transaction: `begin` for `BEGIN` / `START TRANSACTION`,
 * `end` for `COMMIT` / `END` / `ROLLBACK` (not `ROLLBACK TO SAVEPOINT`), `undefined` for
 * anything else, savepoints included. A batch of statements counts as a whole: `BEGIN; …;
 * COMMIT` leaves nothing open.
 */
export function sqlTransactionEffect(text: string): 'begin' | 'end' | undefined {
  const statements = text
    // Comments, quoted strings and dollar-quoted bodies (a `DO $$ BEGIN … END $$` block) hide
    // their semicolons and keywords.
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'|\$(\w*)\$[\s\S]*?\$\1\$/g, ' x ')
    .toUpperCase()
    .split(';');
  let effect: 'begin' | 'end' | undefined;
  for (const statement of statements) {
    const current = statementEffect(statement.trim());
    if (current === 'begin') {
      effect = 'begin';
    } else if (current === 'end') {
      effect = effect === 'begin' ? undefined : 'end';
    }
  }
  return effect;
}

function statementEffect(sql: string): 'begin' | 'end' | undefined {
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(sql) && !/^BEGIN\s+(TRY|CATCH)\b/.test(sql)) {
    return 'begin';
  }
  if (/^(COMMIT|END)\b/.test(sql) && !/^COMMIT\s+PREPARED\b/.test(sql) && !/^END\s+(TRY|CATCH)\b/.test(sql)) {
    return 'end';
  }
  if (/^ROLLBACK\b/.test(sql) && !/^ROLLBACK\s+(WORK\s+|TRAN(SACTION)?\s+)?TO\b/.test(sql) && !/^ROLLBACK\s+PREPARED\b/.test(sql)) {
    return 'end';
  }
  return undefined;
}

interface Candidate {
  readonly library: LibraryModel;
  readonly resource: ResourceModel;
  readonly model: AcquireModel;
}

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

/**
 * Classifies calls by what they do to resources, from the library models. Name indexes make
 * the common case (a call unrelated to any database library) a single map lookup; the checker
 * is asked only for calls whose method name a model mentions.
 */
export class Effects {
  private readonly acquireByName = new Map<string, Candidate[]>();
  /** Methods that give a resource back, by name: such calls are not treated as throw points. */
  private readonly releaseNames = new Set<string>();
  private readonly releaseByNames = new Set<string>();
  private readonly beginNames = new Set<string>();
  private readonly apiBeginNames = new Set<string>();
  private readonly managedNames = new Set<string>();
  private readonly wrapperNames = new Set<string>();
  private readonly refsCache = new Map<ts.Symbol, DeclarationRef[]>();
  private readonly mayThrowCache = new WeakMap<ts.Node, boolean>();
  private readonly acquireSiteCache = new WeakMap<ts.CallExpression, AcquireSite | undefined>();

  constructor(
    private readonly checker: ts.TypeChecker,
    readonly models: readonly LibraryModel[],
  ) {
    for (const library of models) {
      for (const name of library.transactions?.begin ?? []) {
        this.apiBeginNames.add(name);
        this.beginNames.add(name);
      }
      for (const name of library.transactions?.sqlMethods ?? []) {
        this.beginNames.add(name);
      }
      for (const managed of library.transactions?.managed ?? []) {
        this.managedNames.add(managed.method);
      }
      for (const wrapper of library.wrappers ?? []) {
        this.wrapperNames.add(wrapper.method);
      }
      for (const resource of library.resources) {
        for (const name of resource.release) {
          this.releaseNames.add(name);
        }
        for (const ref of resource.releaseBy ?? []) {
          this.releaseByNames.add(ref.method);
        }
        for (const model of resource.acquire) {
          const list = this.acquireByName.get(model.method) ?? [];
          list.push({ library, resource, model });
          this.acquireByName.set(model.method, list);
        }
      }
    }
  }

  /** Names of every method that gives some modelled resource back: a cheap pre-filter. */
  get releaseMethodNames(): ReadonlySet<string> {
    return this.releaseNames;
  }

  /** Names of every function that gives back the resource passed to it (`pool.releaseConnection(conn)`). */
  get releaseArgumentMethodNames(): ReadonlySet<string> {
    return this.releaseByNames;
  }

  /**
   * The modelled resource that values of `type` are, through aliases, unions with
   * `undefined`, `Promise<T>` and subclasses; the most specific type in the chain wins.
   */
  resourceOfType(type: ts.Type): { library: LibraryModel; resource: ResourceModel } | undefined {
    for (const { package: pkg, name } of typeChain(type, this.checker)) {
      for (const library of this.models) {
        if (!ownsPackage(library, pkg)) {
          continue;
        }
        const resource = library.resources.find((candidate) => candidate.types?.includes(name));
        if (resource) {
          return { library, resource };
        }
      }
    }
    return undefined;
  }

  /** Whether some model runs a managed transaction through a method of this name: a cheap pre-filter. */
  isManagedName(name: string): boolean {
    return this.managedNames.has(name);
  }

  /**
   * The managed transaction this call runs (`knex.transaction(async (trx) => …)`), with the
   * callback it runs inside the transaction. Only inline callbacks are followed.
   */
  managedSite(call: ts.CallExpression): { library: LibraryModel; model: TransactionModel; callback: ts.ArrowFunction | ts.FunctionExpression } | undefined {
    const name = calleeName(call);
    const callback = call.arguments.at(-1);
    if (!name || !this.managedNames.has(name.text) || !callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
      return undefined;
    }
    const refs = this.refsOf(name);
    for (const library of this.models) {
      const model = library.transactions;
      if (model?.managed?.some((managed) => refs.some((ref) => matches(ref, library, managed)))) {
        return { library, model, callback };
      }
    }
    // Members of mapped types have no declaration (Prisma's `$extends()` client): go by the
    // receiver, a pool or handle of a library that runs managed transactions by that name.
    const receiver = refs.length === 0 ? calleeReceiver(call) : undefined;
    const role = receiver && this.transactionRole(this.checker.getTypeAtLocation(receiver));
    if (role?.model.managed?.some((managed) => managed.method === name.text)) {
      return { library: role.library, model: role.model, callback };
    }
    return undefined;
  }

  /** Whether values of this type are a transaction handle of `library` (`Knex.Transaction`). */
  isTransactionHandleOf(type: ts.Type, library: LibraryModel): boolean {
    const role = this.transactionRole(type);
    return !!role && !role.onPool && role.library === library;
  }

  /** Whether values of this type are a pool, or a handle bound to one (a repository), of some library. */
  isPoolLike(type: ts.Type): boolean {
    return this.transactionRole(type)?.onPool === true;
  }

  /** `pool` for a pool or root handle of `library`, `bound` for a handle bound to one (a repository). */
  poolRole(type: ts.Type, library: LibraryModel): 'bound' | 'pool' | undefined {
    const role = this.transactionRole(type);
    return role?.onPool && role.library === library ? (role.bound ? 'bound' : 'pool') : undefined;
  }

  /** Method names that may begin a transaction (API begins and SQL methods): a cheap pre-filter. */
  isBeginName(name: string): boolean {
    return this.beginNames.has(name);
  }

  /** The transaction this call or tagged template begins, if it begins one. */
  beginSite(node: ts.CallExpression | ts.TaggedTemplateExpression): BeginSite | undefined {
    let handle: ts.Expression;
    let method: string | undefined;
    if (ts.isTaggedTemplateExpression(node)) {
      const text = this.sqlTextOf(node);
      if (text === undefined || sqlTransactionEffect(text) !== 'begin') {
        return undefined;
      }
      // postgres.js tags with the handle itself (`sql\`BEGIN\``), Prisma with a method of it
      // (`prisma.$executeRaw\`BEGIN\``).
      const tag = skipOuterExpressions(node.tag);
      if (ts.isPropertyAccessExpression(tag) && this.beginNames.has(tag.name.text)) {
        handle = tag.expression;
        method = tag.name.text;
      } else {
        handle = node.tag;
      }
    } else {
      const receiver = calleeReceiver(node);
      const name = calleeName(node);
      if (!receiver || !name) {
        return undefined;
      }
      handle = receiver;
      method = name.text;
      // Most calls here are ordinary queries: read the SQL before asking the checker anything.
      if (!this.apiBeginNames.has(method)) {
        const text = this.sqlTextOf(node);
        if (text === undefined || sqlTransactionEffect(text) !== 'begin') {
          return undefined;
        }
      }
    }
    const role = this.transactionRole(this.checker.getTypeAtLocation(handle));
    if (!role) {
      return undefined;
    }
    const { library, model, onPool } = role;
    if (method === undefined) {
      return model.taggedTemplate ? { node, library, model, handle, onPool } : undefined;
    }
    if (model.begin?.includes(method)) {
      return { node, library, model, handle, onPool };
    }
    const text = model.sqlMethods?.includes(method) ? this.sqlTextOf(node) : undefined;
    return text !== undefined && sqlTransactionEffect(text) === 'begin' ? { node, library, model, handle, onPool } : undefined;
  }

  /**
   * The SQL text a call sends (its first argument) or a tagged template holds, read from
   * string literals, templates (their fixed head), `{ text }` / `{ sql }` objects and
   * constants of string-literal type.
   */
  sqlTextOf(node: ts.CallExpression | ts.TaggedTemplateExpression): string | undefined {
    if (ts.isTaggedTemplateExpression(node)) {
      return ts.isNoSubstitutionTemplateLiteral(node.template) ? node.template.text : node.template.head.text;
    }
    const argument = node.arguments[0];
    return argument && this.stringValue(argument);
  }

  private stringValue(expression: ts.Expression): string | undefined {
    if (ts.isStringLiteralLike(expression)) {
      return expression.text;
    }
    if (ts.isTemplateExpression(expression)) {
      return expression.head.text;
    }
    if (ts.isObjectLiteralExpression(expression)) {
      for (const property of expression.properties) {
        if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && ['text', 'sql'].includes(property.name.text)) {
          return this.stringValue(property.initializer);
        }
      }
      return undefined;
    }
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const type = this.checker.getTypeAtLocation(expression);
      return type.isStringLiteral() ? type.value : undefined;
    }
    return undefined;
  }

  private transactionRole(type: ts.Type): { library: LibraryModel; model: TransactionModel; onPool: boolean; bound?: boolean } | undefined {
    for (const { package: pkg, name } of typeChain(type, this.checker)) {
      for (const library of this.models) {
        const model = library.transactions;
        if (!model || !ownsPackage(library, pkg)) {
          continue;
        }
        if (model.handles.includes(name)) {
          return { library, model, onPool: false };
        }
        if (model.pools?.includes(name)) {
          return { library, model, onPool: true };
        }
        if (model.poolBound?.includes(name)) {
          return { library, model, onPool: true, bound: true };
        }
      }
    }
    return undefined;
  }

  /** Whether some model acquires through a method of this name: the rules' cheap pre-filter. */
  isAcquireName(name: string): boolean {
    return this.acquireByName.has(name);
  }

  /** The acquisition this call performs, if any. */
  acquireSite(call: ts.CallExpression): AcquireSite | undefined {
    // Asked by several rules and questions about the same call.
    if (this.acquireSiteCache.has(call)) {
      return this.acquireSiteCache.get(call);
    }
    const site = this.findAcquireSite(call);
    this.acquireSiteCache.set(call, site);
    return site;
  }

  private findAcquireSite(call: ts.CallExpression): AcquireSite | undefined {
    const name = calleeName(call);
    const candidates = name && this.acquireByName.get(name.text);
    if (!name || !candidates) {
      return undefined;
    }
    // `client.query('select …')` is no cursor, and `rows.find((row) => …)` takes a callback no
    // model's `find` has: decide that before asking the checker anything.
    const literalArgument = hasLiteralFirstArgument(call);
    const last = call.arguments.at(-1);
    const hasCallback = last !== undefined && (ts.isArrowFunction(last) || ts.isFunctionExpression(last));
    if (
      candidates.every(
        (candidate) => (literalArgument && candidate.model.argumentType !== undefined) || (hasCallback && !candidate.model.callback),
      )
    ) {
      return undefined;
    }
    const refs = this.refsOf(name);
    for (const candidate of candidates) {
      if (!refs.some((ref) => matches(ref, candidate.library, candidate.model))) {
        continue;
      }
      const { argumentType, inProperty } = candidate.model;
      if (argumentType !== undefined && (literalArgument || !this.argumentIs(call, argumentType, candidate.library))) {
        continue;
      }
      if (inProperty && !call.arguments.some((argument) => setsOptionTrue(argument, inProperty.whenOption))) {
        continue;
      }
      if (hasCallback && candidate.model.callback) {
        return { call, ...candidate, form: 'callback' };
      }
      if (!hasCallback) {
        return { call, ...candidate, form: candidate.model.returns };
      }
    }
    return undefined;
  }

  /** Whether the first argument of `call` is of the named type of the library (`new Cursor(…)`). */
  private argumentIs(call: ts.CallExpression, typeName: string, library: LibraryModel): boolean {
    const argument = call.arguments[0];
    return (
      argument !== undefined &&
      typeChain(this.checker.getTypeAtLocation(argument), this.checker).some(
        (entry) => entry.name === typeName && ownsPackage(library, entry.package),
      )
    );
  }

  /** Whether `call` gives back a resource of `resource`'s kind that is passed as its first argument. */
  releasesArgument(call: ts.CallExpression, library: LibraryModel, resource: ResourceModel): boolean {
    const name = calleeName(call);
    const releaseBy = resource.releaseBy;
    if (!name || !releaseBy?.some((ref) => ref.method === name.text)) {
      return false;
    }
    return this.refsOf(name).some((ref) => releaseBy.some((model) => matches(ref, library, model)));
  }

  /**
   * Whether the function this call invokes is declared by one of the library's packages. Asks
   * for the callee's symbol, not the resolved signature: overload resolution would type-check
   * every callback passed as an argument.
   */
  isDeclaredBy(call: ts.CallExpression | ts.NewExpression, library: LibraryModel): boolean {
    const name = calleeName(call);
    return !!name && this.refsOf(name).some((ref) => ownsPackage(library, ref.package));
  }

  /** The project function (with a body, outside packages) that this call invokes, if it is one. */
  projectCallee(call: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration | undefined {
    const name = calleeName(call);
    let symbol = name && this.checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = this.checker.getAliasedSymbol(symbol);
    }
    for (const declaration of symbol?.declarations ?? []) {
      let fn: ts.Node = declaration;
      // `const finish = async (client) => { … }`
      if (ts.isVariableDeclaration(fn) && fn.initializer) {
        fn = fn.initializer;
      }
      if (ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body) {
        const file = fn.getSourceFile();
        if (!file.isDeclarationFile && packageOfFile(file) === undefined) {
          return fn as ts.FunctionLikeDeclaration;
        }
      }
    }
    return undefined;
  }

  /**
   * Whether evaluating this node can throw. A call that returns a promise reports failure by
   * rejecting, so its exception edge is at the `await`, not at the call; and awaiting
   * `p.catch(handler)` throws only if the handler does.
   */
  mayThrow(node: ts.Node): boolean {
    let cached = this.mayThrowCache.get(node);
    if (cached === undefined) {
      cached = this.computeMayThrow(node);
      this.mayThrowCache.set(node, cached);
    }
    return cached;
  }

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
      const iterated = this.checker.getTypeAtLocation(node.expression);
      return !!node.awaitModifier || !(this.checker.isArrayLikeType(iterated) || !!(iterated.flags & ts.TypeFlags.StringLike));
    }
    if (ts.isNewExpression(node)) {
      // Constructing the error about to be thrown is not a second way to fail.
      return !(ts.isIdentifier(node.expression) && node.expression.text.endsWith('Error'));
    }
    if (ts.isTaggedTemplateExpression(node)) {
      // A query written as a tagged template (postgres.js) is a promise like a call's result.
      return !isAwaitedOrChained(node) && !isThenable(this.checker.getTypeAtLocation(node));
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
    if (ts.isPropertyAccessExpression(callee) && ARRAY_METHODS.has(callee.name.text) && this.checker.isArrayType(this.checker.getTypeAtLocation(callee.expression))) {
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
    if (name && this.releaseNames.has(name.text) && this.isModelled(name)) {
      return false;
    }
    return !isThenable(this.checker.getTypeAtLocation(node));
  }

  /** The wrapper a model declares this call to be, with the library whose connection or transaction it holds. */
  declaredWrapper(call: ts.CallExpression): { model: WrapperModel; library: LibraryModel } | undefined {
    const name = calleeName(call);
    if (!name || !this.wrapperNames.has(name.text)) {
      return undefined;
    }
    const refs = this.refsOf(name);
    for (const owner of this.models) {
      const model = owner.wrappers?.find((wrapper) => refs.some((ref) => matches(ref, owner, wrapper)));
      const library = model && this.models.find((candidate) => candidate.name === model.library);
      if (model && library) {
        return { model, library };
      }
    }
    return undefined;
  }

  private isModelled(name: ts.Identifier): boolean {
    return this.refsOf(name).some((ref) => this.models.some((library) => ownsPackage(library, ref.package)));
  }

  refsOf(name: ts.Identifier): DeclarationRef[] {
    const symbol = this.checker.getSymbolAtLocation(name);
    if (!symbol) {
      return [];
    }
    let refs = this.refsCache.get(symbol);
    if (!refs) {
      refs = declarationRefs(symbol, this.checker);
      this.refsCache.set(symbol, refs);
    }
    return refs;
  }
}

/** `{ resultSet: true }`: an object literal that sets the option to `true`. */
function setsOptionTrue(argument: ts.Expression, option: string): boolean {
  return (
    ts.isObjectLiteralExpression(argument) &&
    argument.properties.some(
      (property) =>
        ts.isPropertyAssignment(property) &&
        ts.isIdentifier(property.name) &&
        property.name.text === option &&
        property.initializer.kind === ts.SyntaxKind.TrueKeyword,
    )
  );
}

/** Whether the first argument is written out as SQL text, a config object or an array (or missing). */
function hasLiteralFirstArgument(call: ts.CallExpression): boolean {
  const argument = call.arguments[0];
  return (
    !argument ||
    ts.isStringLiteralLike(argument) ||
    ts.isTemplateExpression(argument) ||
    ts.isObjectLiteralExpression(argument) ||
    ts.isArrayLiteralExpression(argument)
  );
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

export function matches(ref: DeclarationRef, library: LibraryModel, model: MemberRef): boolean {
  return ref.method === model.method && ref.owner === model.owner && ownsPackage(library, ref.package);
}

/** Whether declarations from this package (or project file) belong to the library. */
export function ownsPackage(library: LibraryModel, pkg: string): boolean {
  return library.packages.includes(pkg) || (pkg.startsWith(PROJECT_FILE) && !!library.files?.some((file) => pkg.endsWith(`/${file}`)));
}
