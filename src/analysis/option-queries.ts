/**
 * @fileoverview Queries that join a transaction by an option rather than a handle: Sequelize's
 * `{ transaction: t }`, MongoDB's and Mongoose's `{ session }`, Objection's `Person.query(trx)`.
 * Which libraries join a transaction that way, and whether a query of theirs does.
 */
import ts = require('typescript');

import type { LibraryModel, MemberRef, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { cachedFn } from './memo.js';
import { isJoined } from './queries.js';
import { matches, ownsPackage } from './roles.js';
import { calleeName, calleeReceiver, escapeRegExp, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/** A query of a library that joins by option, sent without it. */
export interface MissingOption {
  readonly node: ts.CallExpression;
  /** The library whose option it lacks. */
  readonly library: LibraryModel;
  /** What the query method is called on (`Order`, `Person`). */
  readonly receiver: ts.Expression;
  /** The option that joins the transaction (`transaction`, `session`, `trx`). */
  readonly option: string;
  /** When the transaction is handed as an argument rather than an option: its position (`Person.query(trx)`). */
  readonly argumentIndex?: number;
  /** The rule option under which such queries join by async context instead. */
  readonly joinedByContextWhen?: string;
}

/**
 * The libraries whose queries join a transaction of `library` only through an option: those
 * on the same sessions (the MongoDB driver's and Mongoose's, knex's and Objection's) that have one.
 */
export function optionJoiners(cx: AnalysisContext, library: LibraryModel): LibraryModel[] {
  const sessions = library.transactions?.sessionsOf ?? library.name;
  return optionLibraries(cx.roles.models).filter((model) => (model.transactions!.sessionsOf ?? model.name) === sessions);
}

/** The libraries whose queries join a transaction by option (or argument) at all. */
export const optionLibraries = cachedFn((models: readonly LibraryModel[]): LibraryModel[] => models.filter((library) => library.transactions?.transactionOption));

/**
 * The chained calls that run a query in a transaction (`.transacting(trx)`): the transaction's
 * library's, and its session owner's when that is another (knex's, for Objection's).
 */
export function joiningMethods(model: TransactionModel | undefined, ownerModel: TransactionModel | undefined): readonly string[] | undefined {
  return model === ownerModel ? model?.joinedBy : [...(model?.joinedBy ?? []), ...(ownerModel?.joinedBy ?? [])];
}

/** The library whose sessions a transaction of `library` runs on: its pools and handles are the ones that go around it. */
export function sessionOwner(cx: AnalysisContext, library: LibraryModel): LibraryModel {
  const sessions = library.transactions?.sessionsOf;
  return (sessions === undefined ? undefined : cx.roles.models.find((model) => model.name === sessions)) ?? library;
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
export function missingOptionQuery(cx: AnalysisContext, node: ts.CallExpression | ts.TaggedTemplateExpression, joiners: readonly LibraryModel[]): MissingOption | undefined {
  const query = optionQuery(cx, node, joiners);
  return query === 'joins' ? undefined : query;
}

/**
 * A query method of a library that joins by option: `'joins'` when it passes the option (or the
 * program joins by async context), the missing option otherwise; undefined for any other call.
 */
export function optionQuery(cx: AnalysisContext, node: ts.CallExpression | ts.TaggedTemplateExpression, joiners: readonly LibraryModel[]): MissingOption | 'joins' | undefined {
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
      ? 'joins'
      : { node, library, receiver, option: option.name, argumentIndex, joinedByContextWhen: option.joinedByContextWhen };
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
