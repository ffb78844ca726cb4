import ts = require('typescript');

import type { AcquireModel, LibraryModel, MemberRef, ResourceModel, TransactionModel, WrapperModel } from '../models/model.js';

import { matches, ownsPackage, type Roles } from './roles.js';
import { cachedFn } from './memo.js';
import { calleeName, calleeReceiver, chainedCall, skipOuterExpressions } from './syntax.js';
import { mayBeBuiltBy } from './receiver-chain.js';
import { assignedValue, promisifiedMethod, promisifiedNames } from './promisified.js';
import { declaredResultType, symbolAt } from './types.js';

/** A call recognised as acquiring a modelled resource. */
export interface AcquireSite {
  readonly call: ts.CallExpression | ts.NewExpression;
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
  // Nearly every query is none of these: one scan decides before any rewriting.
  if (!TRANSACTION_KEYWORD.test(text)) {
    return undefined;
  }
  const statements = text
    // Comments, quoted strings and dollar-quoted bodies (a `DO $$ BEGIN … END $$` block) hide
    // their semicolons and keywords.
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'|\$(\w*)\$[\s\S]*?\$\1\$/g, ' x ')
    .toUpperCase()
    .split(';');
  let effect: 'begin' | 'end' | undefined;
  let inTrigger = false;
  for (const statement of statements) {
    const trimmed = statement.trim();
    // A trigger's body (SQLite: `CREATE TRIGGER … BEGIN …; END`) has its own BEGIN and END.
    if (inTrigger || CREATE_TRIGGER.test(trimmed)) {
      inTrigger = !/^END\b/.test(trimmed);
      continue;
    }
    const current = statementEffect(trimmed);
    if (current === 'begin') {
      effect = 'begin';
    } else if (current === 'end') {
      effect = effect === 'begin' ? undefined : 'end';
    }
  }
  return effect;
}

const CREATE_TRIGGER = /^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TRIGGER\b/;

/** Whether `handle.member(…)` (the `call`) sends its SQL now: a SQL method, or a prepare that is run at once. */
export function sendsSql(call: ts.CallExpression, member: string, model: TransactionModel): boolean {
  if (model.sqlMethods?.includes(member)) {
    return true;
  }
  return model.preparedSql?.prepare === member && chainedCall(call, model.preparedSql.run) !== undefined;
}

/** A word every statement that begins or ends a transaction starts with. */
const TRANSACTION_KEYWORD = /\b(?:begin|start|commit|end|rollback)\b/i;

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
 * Classifies calls by what they do to resources, from the library models. Name indexes make
 * the common case (a call unrelated to any database library) a single map lookup; the checker
 * is asked only for calls whose method name a model mentions.
 */
export class Effects {
  private readonly acquireByName = new Map<string, Candidate[]>();
  /** Methods that give a resource back, by name: such calls are not treated as throw points. */
  private readonly releaseNames = new Set<string>();
  private readonly endNames = new Set<string>();
  private readonly stateQueries = new Set<string>();
  private readonly releaseByNames = new Set<string>();
  private readonly beginNames = new Set<string>();
  private readonly apiBeginNames = new Set<string>();
  /** For models that prepare SQL and run it (`db.prepare(sql).run()`): the run method's name, to the prepare method's. */
  private readonly preparedRuns = new Map<string, string>();
  private readonly managedNames = new Set<string>();
  private readonly wrapperNames = new Set<string>();

  private readonly checker: ts.TypeChecker;
  readonly models: readonly LibraryModel[];

  constructor(
    private readonly roles: Roles,
    private readonly program: ts.Program,
  ) {
    this.checker = roles.checker;
    this.models = roles.models;
    for (const library of this.models) {
      for (const name of library.transactions?.begin ?? []) {
        this.apiBeginNames.add(name);
        this.beginNames.add(name);
      }
      for (const name of library.transactions?.sqlMethods ?? []) {
        this.beginNames.add(name);
      }
      const prepared = library.transactions?.preparedSql;
      if (prepared) {
        this.preparedRuns.set(prepared.run, prepared.prepare);
      }
      for (const managed of library.transactions?.managed ?? []) {
        this.managedNames.add(managed.method);
      }
      for (const wrapper of library.wrappers ?? []) {
        this.wrapperNames.add(wrapper.method);
      }
      for (const name of library.transactions?.end ?? []) {
        this.endNames.add(name);
      }
      for (const state of [...(library.transactions?.states ?? []), ...library.resources.flatMap((resource) => resource.states ?? [])]) {
        if (state.call) {
          this.stateQueries.add(state.query);
        }
      }
      for (const resource of library.resources) {
        for (const name of resource.release) {
          this.releaseNames.add(name);
          if (resource.kind === 'transaction') {
            this.endNames.add(name);
          }
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

  /** Names of every method that ends a modelled transaction (`commit`, `abortTransaction`): a cheap pre-filter. */
  get transactionEndNames(): ReadonlySet<string> {
    return this.endNames;
  }

  /** Names of the methods that report a modelled resource's state (`isCompleted()`): they do not fail. */
  get stateQueryNames(): ReadonlySet<string> {
    return this.stateQueries;
  }

  /** Names of every method that gives some modelled resource back: a cheap pre-filter. */
  get releaseMethodNames(): ReadonlySet<string> {
    return this.releaseNames;
  }

  /** Names of every function that gives back the resource passed to it (`pool.releaseConnection(conn)`). */
  get releaseArgumentMethodNames(): ReadonlySet<string> {
    return this.releaseByNames;
  }

  /** Whether some model runs a managed transaction through a method of this name: a cheap pre-filter. */
  isManagedName(name: string): boolean {
    return this.managedNames.has(name);
  }

  /** The names of the methods that run a managed transaction. */
  get managedMethodNames(): Iterable<string> {
    return this.managedNames;
  }

  /** The names of the wrappers models declare. */
  get declaredWrapperNames(): Iterable<string> {
    return this.wrapperNames;
  }

  /** Whether some model declares a wrapper of this name (a library function that runs a callback while it holds a handle). */
  isWrapperName(name: string): boolean {
    return this.wrapperNames.has(name);
  }

  /**
   * The managed transaction this call runs (`knex.transaction(async (trx) => …)`), with the
   * callback it runs inside the transaction. Only inline callbacks are followed.
   */
  managedSite(call: ts.CallExpression): { library: LibraryModel; model: TransactionModel; callback: ts.ArrowFunction | ts.FunctionExpression } | undefined {
    // The callback, wherever the options go: `$transaction(fn, { timeout })`, `transaction(options, fn)`.
    const callback = call.arguments.find((argument): argument is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
    const managed = callback && this.managedCallee(call);
    return managed && callback && { ...managed, callback };
  }

  /** The library whose managed transaction this call runs, however its callback is written. */
  managedCallee(call: ts.CallExpression): { library: LibraryModel; model: TransactionModel } | undefined {
    const name = calleeName(call);
    if (!name || !this.managedNames.has(name.text)) {
      return undefined;
    }
    const refs = this.roles.refsOf(name);
    for (const library of this.models) {
      const model = library.transactions;
      if (model?.managed?.some((managed) => refs.some((ref) => matches(ref, library, managed)))) {
        return { library, model };
      }
    }
    // Members of mapped types have no declaration (Prisma's `$extends()` client): go by the
    // receiver, a pool or handle of a library that runs managed transactions by that name.
    const receiver = refs.length === 0 ? calleeReceiver(call) : undefined;
    const role = receiver && this.roles.transactionRole(this.checker.getTypeAtLocation(receiver));
    if (role?.model.managed?.some((managed) => managed.method === name.text)) {
      return { library: role.library, model: role.model };
    }
    return undefined;
  }

  /** The names of every method that may begin a transaction (API begins, SQL methods, prepared runs). */
  get beginMethodNames(): Iterable<string> {
    return [...this.beginNames, ...this.preparedRuns.keys()];
  }

  /** Method names that may begin a transaction (API begins and SQL methods): a cheap pre-filter. */
  isBeginName(name: string): boolean {
    return this.beginNames.has(name) || this.preparedRuns.has(name);
  }

  /**
   * The call whose arguments hold the SQL: `call` itself, or for `db.prepare('BEGIN').run()`
   * the call that prepares what `run()` sends at once.
   */
  private sqlCall(call: ts.CallExpression): ts.CallExpression {
    const name = calleeName(call);
    const prepare = name && this.preparedRuns.get(name.text);
    const receiver = prepare ? calleeReceiver(call) : undefined;
    const inner = receiver && skipOuterExpressions(receiver);
    return inner && ts.isCallExpression(inner) && calleeName(inner)?.text === prepare ? inner : call;
  }

  /**
   * Whether this call may begin a transaction, by its name and a literal SQL text alone: the
   * filter before any cache or checker, since nearly every query it sees is ordinary SQL.
   */
  mayBegin(outer: ts.CallExpression): boolean {
    const call = this.sqlCall(outer);
    const name = calleeName(call);
    if (!name || (call === outer && !this.beginNames.has(name.text))) {
      return false;
    }
    if (this.apiBeginNames.has(name.text)) {
      return true;
    }
    return this.sqlMayBe(call, 'begin');
  }

  /** Whether a tagged template may begin a transaction, by its written SQL alone (`sql\`BEGIN\``). */
  mayBeginTemplate(node: ts.TaggedTemplateExpression): boolean {
    const text = this.sqlTextOf(node);
    return text !== undefined && sqlTransactionEffect(text) === 'begin';
  }

  /**
   * Whether this call may end a transaction, by its name and its written SQL alone: `commit()`,
   * `rollback()`, or a SQL method sent `COMMIT` / `ROLLBACK` (or SQL the code does not spell out).
   */
  mayEnd(outer: ts.CallExpression): boolean {
    const call = this.sqlCall(outer);
    const name = calleeName(call)?.text;
    if (name !== undefined && this.endNames.has(name)) {
      return true;
    }
    // An API begin sends no SQL, and a method that sends none is no end either.
    if (name === undefined || this.apiBeginNames.has(name) || (call === outer && !this.beginNames.has(name))) {
      return false;
    }
    return this.sqlMayBe(call, 'end');
  }

  /** Whether the SQL a call sends may begin or end a transaction: SQL kept in a variable or a constant may. */
  private sqlMayBe(call: ts.CallExpression, effect: 'begin' | 'end'): boolean {
    const argument = call.arguments[0];
    const literal = argument && writtenText(argument);
    return literal === undefined || sqlTransactionEffect(literal) === effect;
  }

  /** The transaction this call or tagged template begins, if it begins one. */
  beginSite(node: ts.CallExpression | ts.TaggedTemplateExpression): BeginSite | undefined {
    let handle: ts.Expression;
    let method: string | undefined;
    let sqlCall: ts.CallExpression | undefined;
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
      sqlCall = this.sqlCall(node);
      const receiver = calleeReceiver(sqlCall);
      const name = calleeName(sqlCall);
      if (!receiver || !name) {
        return undefined;
      }
      handle = receiver;
      method = name.text;
      // Most calls here are ordinary queries: read the SQL before asking the checker anything.
      if (!this.apiBeginNames.has(method)) {
        const text = this.sqlTextOf(sqlCall);
        if (text === undefined || sqlTransactionEffect(text) !== 'begin') {
          return undefined;
        }
      }
    }
    const role = this.roles.transactionRole(this.checker.getTypeAtLocation(handle));
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
    const sends = sqlCall ? sendsSql(sqlCall, method, model) : model.sqlMethods?.includes(method);
    const text = sends ? this.sqlTextOf(sqlCall ?? node) : undefined;
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
    const written = writtenText(expression);
    if (written !== undefined) {
      return written;
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

  /** Whether some model acquires through a method of this name, or the program promisifies one under it: the rules' cheap pre-filter. */
  isAcquireName(name: string): boolean {
    return this.acquireByName.has(name) || this.promisified().has(name);
  }

  /** The names of every method some model acquires through, and of the program's promisified ones. */
  get acquireNames(): Iterable<string> {
    return [...this.acquireByName.keys(), ...this.promisified().keys()];
  }

  private promisifiedIndex: ReadonlyMap<string, string> | undefined;

  /** The program's names for promisified callback acquisitions (`getConnection = promisify(pool.getConnection)`), to the method each wraps. */
  private promisified(): ReadonlyMap<string, string> {
    if (!this.promisifiedIndex) {
      const callbackMethods = new Set([...this.acquireByName].filter(([, candidates]) => candidates.some((candidate) => candidate.model.callback)).map(([name]) => name));
      this.promisifiedIndex = callbackMethods.size > 0 ? promisifiedNames(this.program, callbackMethods) : new Map();
    }
    return this.promisifiedIndex;
  }

  private candidatesFor(name: string): readonly Candidate[] | undefined {
    const promisifiedAs = this.acquireByName.has(name) ? undefined : this.promisified().get(name);
    return this.acquireByName.get(promisifiedAs ?? name);
  }

  /** The acquisition this call performs, if any. */
  acquireSite(call: ts.CallExpression): AcquireSite | undefined {
    return this.mayAcquire(call) ? this.acquireSites(call) : undefined;
  }

  /**
   * Whether this call may acquire, by its name and the shape of its arguments and receiver
   * alone: the filter before any cache or checker. `client.query('select …')` is no cursor,
   * `rows.find((row) => …)` takes a callback no model's `find` has, oracledb's `execute()`
   * gives a cursor only when told `{ resultSet: true }`, and Kysely's
   * `db.selectFrom('user').execute()` is no `startTransaction()`.
   */
  mayAcquire(call: ts.CallExpression): boolean {
    const name = calleeName(call);
    const candidates = name && this.candidatesFor(name.text);
    if (!candidates) {
      return false;
    }
    const { literalArgument, hasCallback } = argumentShape(call);
    return candidates.some(
      ({ model }) => !(literalArgument && model.argumentType !== undefined) && !(hasCallback && !model.callback) && shapedLikeAcquisition(call, model),
    );
  }

  // Asked by several rules and questions about the same call.
  private readonly acquireSites = cachedFn((call: ts.CallExpression) => this.findAcquireSite(call));

  private findAcquireSite(call: ts.CallExpression): AcquireSite | undefined {
    const name = calleeName(call);
    const candidates = name && this.candidatesFor(name.text);
    if (!name || !candidates) {
      return undefined;
    }
    const { literalArgument, last, hasCallback } = argumentShape(call);
    const refs = this.roles.refsOf(name);
    for (const candidate of candidates) {
      if (!refs.some((ref) => matches(ref, candidate.library, candidate.model))) {
        continue;
      }
      const { argumentType } = candidate.model;
      if (argumentType !== undefined && (literalArgument || !this.argumentIs(call, argumentType, candidate.library))) {
        continue;
      }
      if (!shapedLikeAcquisition(call, candidate.model)) {
        continue;
      }
      // A callback passed by name (`pool.connect(listenForChanges)`) is a callback all the same.
      if (candidate.model.callback && (hasCallback || (last !== undefined && this.isCallable(last)))) {
        return { call, ...candidate, form: 'callback' };
      }
      if (!hasCallback) {
        const value = candidate.model.valueWhereDeclaredSo && !this.declaresPromise(name);
        return { call, ...candidate, form: value ? 'value' : candidate.model.returns };
      }
    }
    return hasCallback ? undefined : this.promisifiedAcquireSite(call, name);
  }

  /** `await getConnection()` where `getConnection = util.promisify(pool.getConnection).bind(pool)`: the wrapped method's acquisition, as a promise. */
  private promisifiedAcquireSite(call: ts.CallExpression, name: ts.Identifier): AcquireSite | undefined {
    for (const declaration of symbolAt(this.checker, name)?.declarations ?? []) {
      const value = assignedValue(declaration);
      const wrapped = value && promisifiedMethod(value);
      const refs = wrapped ? this.roles.refsOf(wrapped) : [];
      for (const candidate of (wrapped && this.acquireByName.get(wrapped.text)) ?? []) {
        if (candidate.model.callback && refs.some((ref) => matches(ref, candidate.library, candidate.model))) {
          return { call, ...candidate, form: 'promise' };
        }
      }
    }
    return undefined;
  }

  /** Whether every signature of the function a name refers to returns a thenable. */
  private declaresPromise(name: ts.Identifier): boolean {
    const type = declaredResultType(this.checker, name);
    return !type || this.checker.getPropertyOfType(type, 'then') !== undefined;
  }

  /** Whether a value can be called: a function, by its type. */
  private isCallable(expression: ts.Expression): boolean {
    return this.checker.getTypeAtLocation(expression).getCallSignatures().length > 0;
  }

  /** Whether the first argument of `call` is of the named type of the library (`new Cursor(…)`). */
  private argumentIs(call: ts.CallExpression, typeName: string, library: LibraryModel): boolean {
    const argument = call.arguments[0];
    return (
      argument !== undefined &&
      this.roles.chainOf(this.checker.getTypeAtLocation(argument)).some(
        (entry) => entry.name === typeName && ownsPackage(library, entry.package),
      )
    );
  }

  /** Whether `call` gives back a resource of `resource`'s kind that is passed as its first argument. */
  releasesArgument(call: ts.CallExpression, library: LibraryModel, resource: ResourceModel): boolean {
    return this.callsOneOf(call, library, resource.releaseBy);
  }

  /** Whether `call` asks whether a resource of `resource`'s kind, passed as its first argument, is still held. */
  testsHeld(call: ts.CallExpression, library: LibraryModel, resource: ResourceModel): boolean {
    return this.callsOneOf(call, library, resource.heldTestedBy);
  }

  private callsOneOf(call: ts.CallExpression, library: LibraryModel, members: readonly MemberRef[] | undefined): boolean {
    const name = calleeName(call);
    if (!name || !members?.some((ref) => ref.method === name.text)) {
      return false;
    }
    return this.roles.refsOf(name).some((ref) => members.some((model) => matches(ref, library, model)));
  }

  /** The wrapper a model declares this call to be, with the library whose connection or transaction it holds. */
  declaredWrapper(call: ts.CallExpression): { model: WrapperModel; library: LibraryModel } | undefined {
    const name = calleeName(call);
    if (!name || !this.wrapperNames.has(name.text)) {
      return undefined;
    }
    const refs = this.roles.refsOf(name);
    for (const owner of this.models) {
      const model = owner.wrappers?.find((wrapper) => refs.some((ref) => matches(ref, owner, wrapper)));
      const library = model && this.models.find((candidate) => candidate.name === model.library);
      if (model && library) {
        return { model, library };
      }
    }
    return undefined;
  }
}

/** Whether a call is written as the acquisition must be: with the option it needs, on a receiver it may be built by. */
function shapedLikeAcquisition(call: ts.CallExpression, { inProperty, receiverBuiltBy }: AcquireModel): boolean {
  const optionSet = !inProperty || call.arguments.some((argument) => setsOptionTrue(argument, inProperty.whenOption));
  return optionSet && (!receiverBuiltBy || mayBeBuiltBy(call, receiverBuiltBy));
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

/** The text a string literal or template is written with: a template's fixed head. */
function writtenText(expression: ts.Expression): string | undefined {
  return ts.isStringLiteralLike(expression) ? expression.text : ts.isTemplateExpression(expression) ? expression.head.text : undefined;
}

/** What an acquisition's candidates are told apart by: a literal first argument (SQL, options), and an inline callback last. */
function argumentShape(call: ts.CallExpression): { literalArgument: boolean; last: ts.Expression | undefined; hasCallback: boolean } {
  const argument = call.arguments[0];
  const literalArgument =
    !argument ||
    ts.isStringLiteralLike(argument) ||
    ts.isTemplateExpression(argument) ||
    ts.isObjectLiteralExpression(argument) ||
    ts.isArrayLiteralExpression(argument);
  const last = call.arguments.at(-1);
  return { literalArgument, last, hasCallback: last !== undefined && (ts.isArrowFunction(last) || ts.isFunctionExpression(last)) };
}

