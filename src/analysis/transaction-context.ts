import ts = require('typescript');

import type { LibraryModel, MemberRef, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { type HelperQuery, helperQueryOutside } from './helper-queries.js';
import { isExecuted, isJoined, poolPrefix, prefixesOf, queryHandleIn, rootSymbol, sendsQuery } from './queries.js';
import { matches, ownsPackage } from './roles.js';
import { isCalledOn, namesMadeFrom } from './receiver-chain.js';
import { ValueTrail } from './values.js';
import { calleeName, calleeReceiver, escapeRegExp, isDeferred, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/** A query that runs outside the transaction that is open where it is sent. */
export interface ForeignQuery {
  /** The call (or tagged template) that sends it. */
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  /**
   * - `outerHandle`: sent through the very handle the transaction was started from;
   * - `pool`: sent through a pool or root handle of the same library;
   * - `missingOption`: a library query without the option that joins the transaction;
   * - `helper`: a call of a project function that sends a query through a pool or root handle.
   */
  readonly reason: 'helper' | 'missingOption' | 'outerHandle' | 'pool';
  /** The expression the query is sent through (`db`, `dataSource.manager`, `knex`). */
  readonly handle: ts.Expression;
  /** Whether replacing `handle` with the transaction handle sends the same query inside the transaction. */
  readonly fixable: boolean;
  /** For `missingOption`: the option that joins the transaction (`transaction`, `session`). */
  readonly option?: string;
  /** For `missingOption`, when the transaction is handed as an argument rather than an option: its position (`Person.query(trx)`). */
  readonly argumentIndex?: number;
  /** For `missingOption`: the rule option under which such queries join by async context instead. */
  readonly joinedByContextWhen?: string;
  /** For `helper`: the query the helper sends, and the calls that lead to it. */
  readonly helper?: HelperQuery;
}

/**
 * The queries in a managed transaction's callback that go around the transaction: through the
 * handle the transaction was started from (decided by identity, since TypeORM's and MongoDB's
 * inner and outer handles share a type), through another pool or root handle of the library
 * (decided by type), or, for libraries that join by option, without that option. Nested
 * functions called inside the callback count; callbacks deferred to timers and events do not.
 */
export function foreignQueriesInManaged(
  cx: AnalysisContext,
  library: LibraryModel,
  model: TransactionModel,
  callback: ts.FunctionLikeDeclaration,
  /** Which callback parameter is the transaction handle; what the transaction was started on. */
  { handleIndex, receiver }: { handleIndex: number | undefined; receiver: ts.Expression | undefined },
): ForeignQuery[] {
  // Objection's transactions are knex's: knex's pools and handles are what goes around them.
  const owner = sessionOwner(cx, library);
  const ownerModel = owner === library ? model : owner.transactions!;
  // A transaction started from a transaction handle (`trx.transaction(…)`) is a savepoint on
  // the same connection: the outer handle is still inside the transaction.
  const nested = !!receiver && cx.roles.isTransactionHandleOf(cx.checker.getTypeAtLocation(receiver), owner);
  // Started from another library's object (Objection's `Person.transaction(…)`), not from a handle that queries.
  const outer = nested || owner !== library ? undefined : rootSymbol(cx, receiver);
  const handle = handleIndex === undefined ? undefined : callback.parameters[handleIndex];
  const handleSymbol = handle && ts.isIdentifier(handle.name) ? cx.symbolOf(handle.name) : undefined;
  // Queries through the transaction's own handle (`tx.user.update(…)`), or through what the
  // callback makes from it (`createUserQueries(tx).findById(…)`), are its work: told by their
  // syntax, before the checker is asked to type their chains.
  const handleName = new Set(handle && ts.isIdentifier(handle.name) ? [handle.name.text] : []);
  const madeFromHandle = callback.body && handleName.size > 0 ? namesMadeFrom(callback.body, handleName) : handleName;
  const joiners = optionJoiners(cx, library);
  const optionOnly = joinsByOptionOnly(owner);
  const found: ForeignQuery[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && isDeferred(node)) {
      return;
    }
    if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && !isCalledOn(node, madeFromHandle)) {
      const query =
        classify(node) ??
        (ts.isCallExpression(node) && !optionOnly && !ownerModel.contextBypassedBy && isExecuted(node)
          ? helperCallOutside(cx, node, owner, (argument) => !!handleSymbol && rootSymbol(cx, argument) === handleSymbol, { within: callback })
          : undefined);
      if (query) {
        found.push(query);
      }
    }
    ts.forEachChild(node, visit);
  };
  const classify = (node: ts.CallExpression | ts.TaggedTemplateExpression): ForeignQuery | undefined => {
    if (!isExecuted(node) || isJoined(node, model.joinedBy) || isJoined(node, ownerModel.joinedBy)) {
      return undefined;
    }
    const missing = joiners.length > 0 ? missingOptionQuery(cx, node, joiners) : undefined;
    if (missing || optionOnly) {
      return missing;
    }
    const through = queryHandleIn(cx, node);
    if (!through) {
      return undefined;
    }
    const root = rootSymbol(cx, through);
    if ((root && root === handleSymbol) || (ts.isCallExpression(node) && !sendsQuery(cx, node))) {
      return undefined;
    }
    const bypassedBy = ownerModel.contextBypassedBy;
    if (bypassedBy) {
      if (!ts.isCallExpression(node) || !cx.roles.isDeclaredBy(node, owner) || !madeBy(cx, node, bypassedBy)) {
        return undefined;
      }
      // `em.fork()` itself is what the fix replaces; otherwise the variable holding the fork.
      const name = calleeName(node);
      return { node, reason: 'pool', handle: name && bypassedBy.includes(name.text) ? node : through, fixable: true };
    }
    // The transaction handle has the library's methods, not the project's: no swap fixes those.
    const ownMethod = ts.isCallExpression(node) && !!cx.roles.projectCallee(node);
    if (root && root === outer) {
      const prefix = outerPrefix(through);
      return { node, reason: 'outerHandle', handle: prefix ?? through, fixable: !!prefix && !ownMethod };
    }
    const found = poolPrefix(cx, through, owner, () => outerTypes()[1]);
    const pool = found && { ...found, fixable: found.fixable && !ownMethod };
    if (!pool) {
      return undefined;
    }
    // Another root handle typed differently from the outer one (another generated Prisma
    // client, a `Kysely<OtherDatabase>`) is another database.
    const outerType = outerTypes()[0];
    const poolType = cx.checker.getTypeAtLocation(pool.handle);
    if (pool.fixable && outerType && poolType !== outerType && cx.roles.poolRole(outerType, owner) === 'pool') {
      return undefined;
    }
    return { node, reason: 'pool', ...pool };
  };
  // The part of the query's handle that stands for the outer handle, which the fix replaces
  // with the transaction's: `prisma` in `prisma.user`, but all of `dataSource.manager`. The
  // outer handle is the receiver, or what built it (`db` in `db.transaction().execute(…)`).
  let outerHandle = receiver && skipOuterExpressions(receiver);
  while (outerHandle && ts.isCallExpression(outerHandle) && ts.isPropertyAccessExpression(outerHandle.expression)) {
    outerHandle = skipOuterExpressions(outerHandle.expression.expression);
  }
  // Typed only when a query may go around the transaction: typing a Prisma client is costly.
  let types: (ts.Type | undefined)[] | undefined;
  const outerTypes = (): (ts.Type | undefined)[] => (types ??= [outerHandle, handle].map((node) => node && cx.checker.getTypeAtLocation(node)));
  const outerPrefix = (through: ts.Expression): ts.Expression | undefined =>
    prefixesOf(through).find((prefix) => outerTypes().includes(cx.checker.getTypeAtLocation(prefix)));
  if (callback.body) {
    ts.forEachChild(callback.body, visit);
    if (!ts.isBlock(callback.body)) {
      visit(callback.body);
    }
  }
  return found;
}

/**
 * A call of a project function that queries a pool or root handle of the library (its own, or
 * the one this call hands it) while the transaction is open: the query runs on another
 * connection. Reported at the call, which is what the transaction's code can change.
 */
export function helperCallOutside(
  cx: AnalysisContext,
  call: ts.CallExpression,
  library: LibraryModel,
  isTransactionHandle: (argument: ts.Expression) => boolean,
  /**
   * `origin`: the pool the transaction came from, when known; only it is the same database.
   * `within`: code already searched for queries; helpers defined there were seen in place.
   */
  { origin, within }: { origin?: ts.Symbol; within?: ts.Node } = {},
): ForeignQuery | undefined {
  const helper = helperQueryOutside(cx, call, library, isTransactionHandle);
  const definedWithin = !!helper && !!within && isInside(cx.roles.projectCallee(call)!, within);
  if (!helper || definedWithin || (origin && rootSymbol(cx, helper.through) !== origin)) {
    return undefined;
  }
  return { node: call, reason: 'helper', handle: helper.through, fixable: false, helper };
}

/**
 * The libraries whose queries join a transaction of `library` only through an option: those
 * on the same sessions (the MongoDB driver's and Mongoose's, knex's and Objection's) that have one.
 */
export function optionJoiners(cx: AnalysisContext, library: LibraryModel): LibraryModel[] {
  const sessions = library.transactions?.sessionsOf ?? library.name;
  return cx.roles.models.filter((model) => model.transactions?.transactionOption && (model.transactions.sessionsOf ?? model.name) === sessions);
}

/** The library whose sessions a transaction of `library` runs on: its pools and handles are the ones that go around it. */
export function sessionOwner(cx: AnalysisContext, library: LibraryModel): LibraryModel {
  const sessions = library.transactions?.sessionsOf;
  return (sessions && cx.roles.models.find((model) => model.name === sessions)) || library;
}

/**
 * Whether every query of the session owner's library joins its transactions by option (MongoDB's
 * `{ session }`, Sequelize's `{ transaction }`), so that a query without it is all there is to
 * find; knex's joins through its handle, and its pools are asked about as well.
 */
export function joinsByOptionOnly(owner: LibraryModel): boolean {
  return !!owner.transactions?.transactionOption;
}

/**
 * For libraries that join a transaction by option: a query method of one of them, however its
 * receiver was reached, called without the option (`{ transaction: t }`, `{ session }`) or the
 * chained call that sets it (`.session(session)`).
 */
export function missingOptionQuery(cx: AnalysisContext, node: ts.CallExpression | ts.TaggedTemplateExpression, joiners: readonly LibraryModel[]): ForeignQuery | undefined {
  if (!ts.isCallExpression(node)) {
    return undefined;
  }
  const name = calleeName(node);
  const receiver = calleeReceiver(node);
  if (!name || !receiver) {
    return undefined;
  }
  for (const library of joiners) {
    const option = library.transactions!.transactionOption!;
    const fresh = option.newDocuments;
    const isQuery =
      (option.queryMethods.includes(name.text) && declaresQuery(cx, node, library, option.owners)) ||
      (!!fresh && fresh.methods.includes(name.text) && declaresQuery(cx, node, library, [fresh.owner]) && isMadeHere(cx, receiver, fresh.setter));
    const argumentIndex = option.argumentIndex?.[name.text];
    if (!isQuery || isJoined(node, library.transactions!.joinedBy) || (argumentIndex !== undefined && !isClassDeclared(cx, receiver))) {
      continue;
    }
    const joinedByContext =
      (!!option.joinedByContextAfter && programCalls(cx, library, option.joinedByContextAfter)) ||
      (!!option.joinedByContextSetting && programMentions(cx, option.joinedByContextSetting));
    const passes = argumentIndex === undefined ? passesOption(cx, node, option.name) : node.arguments.length > argumentIndex;
    return joinedByContext || passes
      ? undefined
      : { node, reason: 'missingOption', handle: receiver, option: option.name, argumentIndex, joinedByContextWhen: option.joinedByContextWhen, fixable: false };
  }
  return undefined;
}

/**
 * Whether a document is made by the code itself and never put in a session by `setter`:
 * `new Order(data)`, or a constant holding one (`order.$session(session)` nowhere in its function).
 */
function isMadeHere(cx: AnalysisContext, receiver: ts.Expression, setter: string): boolean {
  const value = skipOuterExpressions(receiver);
  if (ts.isNewExpression(value)) {
    return true;
  }
  if (!ts.isIdentifier(value)) {
    return false;
  }
  const declaration = cx.symbolOf(value)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isNewExpression(skipOuterExpressions(declaration.initializer))) {
    return false;
  }
  const scope = ts.findAncestor(declaration, ts.isFunctionLike) ?? declaration.getSourceFile();
  return !new RegExp(String.raw`\b${escapeRegExp(value.text)}\s*\.\s*${escapeRegExp(setter)}\s*\(`).test(scope.getText());
}

/**
 * Whether the expression names a class the code declares (`Person`, imported or required), not a
 * value holding one: a class bound to a transaction (`Person.bindKnex(trx)`, a bound class
 * passed to a callback) has the same type.
 */
function isClassDeclared(cx: AnalysisContext, expression: ts.Expression): boolean {
  const value = skipOuterExpressions(expression);
  const symbol = ts.isIdentifier(value) ? cx.roles.symbolAt(value) : undefined;
  if (!symbol) {
    return false;
  }
  if (symbol.flags & ts.SymbolFlags.Class) {
    return true;
  }
  // CommonJS: `const Person = require('./person')`.
  const declaration = symbol.valueDeclaration;
  return (
    !!declaration &&
    ts.isVariableDeclaration(declaration) &&
    !!declaration.initializer &&
    ts.isCallExpression(declaration.initializer) &&
    ts.isIdentifier(declaration.initializer.expression) &&
    declaration.initializer.expression.text === 'require'
  );
}

/** Whether the library declares the called method, as a member of one of `owners` when given. */
function declaresQuery(cx: AnalysisContext, call: ts.CallExpression, library: LibraryModel, owners: readonly string[] | undefined): boolean {
  const name = calleeName(call);
  return owners ? !!name && cx.roles.refsOf(name).some((ref) => ownsPackage(library, ref.package) && ref.owner !== null && owners.includes(ref.owner)) : cx.roles.isDeclaredBy(call, library);
}

const switchesByProgram = new WeakMap<ts.Program, Map<string, boolean>>();

/** A fact about the whole program (a switch it turns on once, at start-up), found once per program. */
function programSwitch(cx: AnalysisContext, key: string, find: () => boolean): boolean {
  let known = switchesByProgram.get(cx.program);
  if (!known) {
    known = new Map();
    switchesByProgram.set(cx.program, known);
  }
  let found = known.get(key);
  if (found === undefined) {
    found = find();
    known.set(key, found);
  }
  return found;
}

/** Whether some project file names `word` (`transactionAsyncLocalStorage`). */
function programMentions(cx: AnalysisContext, word: string): boolean {
  return programSwitch(cx, `mentions:${word}`, () => cx.program.getSourceFiles().some((file) => isProjectFile(file) && file.text.includes(word)));
}

/**
 * Whether some project file calls the library's `ref` (`Sequelize.useCLS(namespace)`), read only
 * in the files whose text calls a method of that name.
 */
function programCalls(cx: AnalysisContext, library: LibraryModel, ref: MemberRef): boolean {
  return programSwitch(cx, `calls:${library.name}:${ref.owner ?? ''}.${ref.method}`, () => {
    const mentions = new RegExp(String.raw`\b${escapeRegExp(ref.method)}\s*\(`);
    const callsRef = (node: ts.Node): boolean => {
      const name = ts.isCallExpression(node) ? calleeName(node) : undefined;
      return (name?.text === ref.method && cx.roles.refsOf(name).some((declared) => matches(declared, library, ref))) || ts.forEachChild(node, callsRef) === true;
    };
    return cx.program.getSourceFiles().some((file) => isProjectFile(file) && mentions.test(file.text) && callsRef(file));
  });
}

/** Whether a query's handle was made by one of `methods` (`em.fork()`), directly or through constants. */
function madeBy(cx: AnalysisContext, expression: ts.Expression, methods: readonly string[]): boolean {
  let current = skipOuterExpressions(expression);
  const trail = new ValueTrail(cx.checker);
  for (;;) {
    while (ts.isPropertyAccessExpression(current)) {
      current = skipOuterExpressions(current.expression);
    }
    if (ts.isCallExpression(current)) {
      const name = calleeName(current);
      if (name && methods.includes(name.text)) {
        return true;
      }
      current = skipOuterExpressions(current.expression);
      continue;
    }
    const initializer = ts.isIdentifier(current) ? trail.initializerOf(current) : undefined;
    if (!initializer) {
      return false;
    }
    current = initializer;
  }
}

/**
 * Whether a call passes the option that joins the transaction: written in an options literal, in
 * a spread of the caller's options, or in an options object whose type has it (`findAll(options)`).
 */
function passesOption(cx: AnalysisContext, call: ts.CallExpression, option: string): boolean {
  const taken = parametersTaken(cx, call);
  return call.arguments.some((argument, index) => {
    if (index >= taken) {
      // `destroy({ where }, { transaction: t })`: an argument the method does not take is dropped.
      return false;
    }
    const value = skipOuterExpressions(argument);
    if (ts.isObjectLiteralExpression(value)) {
      // A spread counts only in the options argument: the document of `Order.create({ ...payload })` carries no session.
      return value.properties.some((property) =>
        ts.isSpreadAssignment(property)
          ? mayHaveProperty(cx.checker.getContextualType(value), option)
          : property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === option,
      );
    }
    return (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) && !!cx.checker.getTypeAtLocation(value).getProperty(option);
  });
}

/** Whether a value of this type may have the property: unknown and `any` types may. */
function mayHaveProperty(type: ts.Type | undefined, name: string): boolean {
  return !type || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || type.getProperty(name) !== undefined || (type.isUnion() && type.types.some((member) => member.getProperty(name)));
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

/** How many arguments the called method takes, at most, over its declared overloads. */
function parametersTaken(cx: AnalysisContext, call: ts.CallExpression): number {
  const name = calleeName(call);
  const declarations = (name && cx.checker.getSymbolAtLocation(name)?.declarations) ?? [];
  let taken = declarations.length > 0 ? 0 : Infinity;
  for (const declaration of declarations) {
    if (!ts.isFunctionLike(declaration)) {
      return Infinity;
    }
    // A `this` parameter (`static destroy(this: ModelStatic<M>, options?)`) takes no argument.
    const parameters = declaration.parameters.filter((parameter) => !(ts.isIdentifier(parameter.name) && parameter.name.text === 'this'));
    const rest = parameters.some((parameter) => parameter.dotDotDotToken);
    taken = Math.max(taken, rest ? Infinity : parameters.length);
  }
  return taken;
}
