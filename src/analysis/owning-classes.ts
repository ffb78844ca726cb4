/**
 * @fileoverview Resource-owning classes, inferred from their bodies, the way the Checker
 * Framework's Resource Leak Checker infers owning fields and must-call methods (Kellogg et al.,
 * OOPSLA 2023), with no annotation to fall back on.
 *
 * A project class whose field holds a resource the models know (a client, a connection, a query
 * runner, a session, a transaction, or an instance of another owning class), acquired or
 * received in one member and given back in another, is itself a resource: the members that fill
 * the field acquire it, the members that give the field back release it, and the members that
 * begin, commit or roll back a transaction on the field are its transaction API. Each owning
 * class joins the model of the library whose resource it holds, so every rule checks its
 * callers exactly as it checks that library's own clients and transactions.
 */
import ts = require('typescript');

import type { AcquireModel, LibraryModel, ResourceModel, TransactionModel } from '../models/model.js';

import { sendsSql, sqlTransactionEffect } from './effects.js';
import { Roles } from './roles.js';
import { type ClassBody, type FieldUses, isComputedName, readClass, readClasses } from './class-bodies.js';
import { skipOuterExpressions } from './syntax.js';
import { isProjectFile, PROJECT_FILE } from './types.js';

/** An owning class, as inferred: what callers must do with its instances. */
export interface OwningClass {
  readonly declaration: ts.ClassDeclaration;
  /** The fields it owns: given back by one of its members. */
  readonly ownedFields: ReadonlySet<string>;
  /** Fields it keeps without giving them back, and never hands on: it borrows what fills them. */
  readonly borrowedFields: ReadonlySet<string>;
  /** What its members do with each field, as its body says. */
  readonly fieldUses: ReadonlyMap<string, FieldUses>;
}

export interface OwningClasses {
  /** The models, each library's extended by the owning classes that hold its resources. */
  readonly models: readonly LibraryModel[];
  /** What a project class does with its fields: gives them back, or only borrows them. */
  fieldsOf(declaration: ts.ClassDeclaration): OwningClass;
}

const DISPOSE_MEMBERS = ['[Symbol.asyncDispose]', '[Symbol.dispose]'];

/** Rounds of inference: a class that owns an owning class is found in the round after it. */
const MAX_ROUNDS = 3;

/**
 * The owning classes of a program's own files, and the models extended with them. Only the
 * classes whose bodies call a method on one of their fields are given to the checker.
 */
export function inferOwningClasses(program: ts.Program, checker: ts.TypeChecker, models: readonly LibraryModel[]): OwningClasses {
  // A field can only be given back by a method the models name: the classes of files that call
  // none are not read until a class found in an earlier round names one.
  const releaseNames = new Set(models.flatMap(releaseNamesOf));
  let unread = program.getSourceFiles().filter((file) => isProjectFile(file) && file.text.includes('class '));
  const bodies = new Map<ts.ClassLikeDeclaration, ClassBody>();
  const readFilesCalling = (names: ReadonlySet<string>): void => {
    const releaseCall = new RegExp(`\\.(${[...names].join('|')})\\(`);
    const [matching, rest] = partition(unread, (file) => releaseCall.test(file.text));
    unread = rest;
    for (const body of matching.flatMap(readClasses)) {
      bodies.set(body.declaration, body);
    }
  };
  readFilesCalling(releaseNames);

  let current = models;
  const inferred = new Map<ts.ClassDeclaration, Inferred>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const roles = new Roles(checker, current);
    const found: Inferred[] = [];
    for (const body of bodies.values()) {
      const result = inferred.has(body.declaration) ? undefined : inferClass(body, roles, releaseNames);
      if (result) {
        inferred.set(body.declaration, result);
        found.push(result);
      }
    }
    if (found.length === 0) {
      break;
    }
    current = extendModels(models, [...inferred.values()]);
    const added = new Set(found.flatMap((entry) => entry.resource.release).filter((name) => !releaseNames.has(name)));
    if (added.size > 0 && unread.length > 0) {
      added.forEach((name) => releaseNames.add(name));
      readFilesCalling(added);
    }
  }
  if (inferred.size > 0) {
    current = extendModels(models, withFactories(program, new Roles(checker, current), [...inferred.values()]));
  }
  // A field that some member gives back in any way the models know, or hands on, is not borrowed.
  // Asked only about classes constructed with a resource, so read on demand.
  const owning = new Map<ts.ClassLikeDeclaration, OwningClass>();
  const fieldsOf = (declaration: ts.ClassDeclaration): OwningClass => {
    let facts = owning.get(declaration);
    if (!facts) {
      const body = bodies.get(declaration) ?? readClass(declaration);
      const ownedFields = new Set(inferred.get(declaration)?.fields ?? []);
      const borrowedFields = new Set(
        [...body.fields]
          .filter(([name, uses]) => !ownedFields.has(name) && !uses.handedOn && !uses.calls.some((use) => releaseNames.has(use.method)))
          .map(([name]) => name),
      );
      facts = { declaration, ownedFields, borrowedFields, fieldUses: body.fields };
      owning.set(declaration, facts);
    }
    return facts;
  };
  return { models: current, fieldsOf };
}

/** One owning class: the library whose resource it holds, and the resource and transaction API it becomes. */
interface Inferred {
  readonly declaration: ts.ClassDeclaration;
  readonly library: LibraryModel;
  readonly resource: ResourceModel;
  readonly transaction: Pick<TransactionModel, 'begin' | 'end' | 'releaseKeepsTransaction' | 'rollback'> | undefined;
  readonly fields: readonly string[];
  /** Project files whose functions construct it for their callers (`createSession()`), besides its own. */
  readonly factoryFiles: readonly ts.SourceFile[];
}

function inferClass(body: ClassBody, roles: Roles, releaseNames: ReadonlySet<string>): Inferred | undefined {
  const checker = roles.checker;
  const releasing = new Set<string>();
  const begins = new Set<string>();
  const commits = new Set<string>();
  const rollbacks = new Set<string>();
  const acquiring = new Set<string>();
  const fields: string[] = [];
  let holds: { library: LibraryModel; resource: ResourceModel } | undefined;

  for (const [field, uses] of body.fields) {
    // Only a field given back by some member can be owned: the others are not typed at all.
    if (!uses.typeNode || uses.filledIn.size === 0 || !uses.calls.some((use) => releaseNames.has(use.method))) {
      continue;
    }
    const match = roles.resourceOfType(checker.getTypeAtLocation(uses.typeNode));
    if (!match || match.resource.kind === 'cursor' || match.resource.kind === 'statement') {
      continue;
    }
    const { library, resource } = match;
    const transactions = library.transactions;
    let releasedHere = false;
    for (const { member, method, call } of uses.calls) {
      if (resource.release.includes(method)) {
        releasedHere = true;
        releasing.add(member);
        if (resource.kind === 'transaction') {
          (method === resource.rollback ? rollbacks : commits).add(member);
        }
      } else if (transactions?.begin?.includes(method)) {
        begins.add(member);
      } else if (transactions?.end?.includes(method)) {
        (method === transactions.rollback ? rollbacks : commits).add(member);
      } else if (transactions && sendsSql(call, method, transactions)) {
        const text = sqlTextOf(call);
        const effect = text === undefined ? undefined : sqlTransactionEffect(text);
        if (effect === 'begin') {
          begins.add(member);
        } else if (effect === 'end') {
          (/^\s*ROLLBACK\b/i.test(text!) ? rollbacks : commits).add(member);
        }
      }
    }
    if (!releasedHere) {
      continue;
    }
    fields.push(field);
    uses.filledIn.forEach((member) => acquiring.add(member));
    holds ??= match;
  }
  if (!holds) {
    return undefined;
  }

  // A member that calls a releasing (or ending) member releases (or ends) too: `close()` that
  // calls `this.rollback()` before giving the client back.
  for (const set of [releasing, rollbacks, commits, begins]) {
    closeOverCalls(set, body.memberCalls);
  }
  for (const member of acquiring) {
    releasing.delete(member);
    rollbacks.delete(member);
    commits.delete(member);
  }
  if (releasing.size === 0) {
    return undefined;
  }

  const owner = body.name;
  // `constructor`: an instance holds the resource from its construction (one it was given).
  const acquire: AcquireModel[] = [...acquiring]
    .filter((member) => !isComputedName(member))
    .map((method) => ({ owner, method, returns: method === 'constructor' ? 'value' : 'receiver' }));
  for (const factory of body.factories) {
    acquire.push({ owner, method: (factory.name as ts.Identifier).text, returns: returnsPromise(factory, checker) ? 'promise' : 'value' });
  }
  const isTransaction = holds.resource.kind === 'transaction';
  const named = (set: Set<string>): string[] => [...set].filter((member) => !isComputedName(member));
  const resource: ResourceModel = {
    id: `${holds.library.name}.inferred.${owner}`,
    kind: isTransaction ? 'transaction' : 'session',
    noun: nounOf(owner),
    types: [owner],
    acquire,
    release: named(releasing),
    rollback: isTransaction ? named(rollbacks)[0] : undefined,
    suggestUsing: DISPOSE_MEMBERS.some((member) => releasing.has(member)),
  };
  const transaction =
    begins.size > 0 && !isTransaction
      ? {
          begin: named(begins),
          end: [...new Set([...named(commits), ...named(rollbacks)])],
          rollback: named(rollbacks)[0],
          // A `close()` that gives the client back without rolling back leaves the transaction to the next borrower.
          releaseKeepsTransaction: named(releasing).filter((member) => !commits.has(member) && !rollbacks.has(member)),
        }
      : undefined;
  return { declaration: body.declaration, library: holds.library, resource, transaction, fields, factoryFiles: [] };
}

/**
 * The owning classes with the project functions that construct them for their callers
 * (`export async function createSession(): Promise<Session>`) as acquisitions too. Only
 * top-level functions whose text names a class are given to the checker.
 */
function withFactories(program: ts.Program, roles: Roles, inferred: readonly Inferred[]): Inferred[] {
  const names = inferred.map((entry) => entry.declaration.name!.text.replaceAll('$', '\\$'));
  const mentions = new RegExp(`\\b(${names.join('|')})\\b`);
  const found = new Map<Inferred, { acquire: AcquireModel[]; files: Set<ts.SourceFile> }>();
  for (const file of program.getSourceFiles()) {
    if (!isProjectFile(file) || !mentions.test(file.text)) {
      continue;
    }
    for (const [name, fn] of topLevelFunctions(file)) {
      if (!fn.body || !mentions.test(fn.body.getText(file))) {
        continue;
      }
      const signature = roles.checker.getSignatureFromDeclaration(fn);
      const returned = signature && roles.checker.getReturnTypeOfSignature(signature);
      const match = returned && roles.resourceOfType(returned);
      const entry = match && inferred.find((candidate) => candidate.resource === match.resource);
      if (!entry) {
        continue;
      }
      const facts = found.get(entry) ?? { acquire: [], files: new Set() };
      facts.acquire.push({ owner: null, method: name, returns: returned.getProperty('then') !== undefined ? 'promise' : 'value' });
      facts.files.add(file);
      found.set(entry, facts);
    }
  }
  return inferred.map((entry) => {
    const facts = found.get(entry);
    return facts ? { ...entry, resource: { ...entry.resource, acquire: [...entry.resource.acquire, ...facts.acquire] }, factoryFiles: [...facts.files] } : entry;
  });
}

/** The functions a module declares at its top level, by name: declarations and `const f = () => …`. */
function topLevelFunctions(file: ts.SourceFile): [string, ts.FunctionLikeDeclaration][] {
  const functions: [string, ts.FunctionLikeDeclaration][] = [];
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      functions.push([statement.name.text, statement]);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (ts.isIdentifier(declaration.name) && value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) {
          functions.push([declaration.name.text, value]);
        }
      }
    }
  }
  return functions;
}

/** The models with each owning class added to the library whose resource it holds. */
function extendModels(models: readonly LibraryModel[], inferred: readonly Inferred[]): LibraryModel[] {
  return models.map((library) => {
    const classes = inferred.filter((entry) => entry.library.name === library.name);
    if (classes.length === 0) {
      return library;
    }
    const files = classes.flatMap((entry) => [entry.declaration.getSourceFile(), ...entry.factoryFiles]).map((file) => `${PROJECT_FILE}${file.fileName.replaceAll('\\', '/')}`);
    const withTransactions = classes.filter((entry) => entry.transaction);
    return {
      ...library,
      packages: [...new Set([...library.packages, ...files])],
      resources: [...library.resources, ...classes.map((entry) => entry.resource)],
      transactions: library.transactions && withTransactions.length > 0 ? extendTransactions(library.transactions, withTransactions) : library.transactions,
    };
  });
}

function extendTransactions(model: TransactionModel, classes: readonly Inferred[]): TransactionModel {
  const union = (base: readonly string[] | undefined, added: (entry: Inferred) => readonly string[] | undefined): string[] => [
    ...new Set([...(base ?? []), ...classes.flatMap((entry) => added(entry) ?? [])]),
  ];
  return {
    ...model,
    handles: union(model.handles, (entry) => entry.resource.types),
    begin: union(model.begin, (entry) => entry.transaction?.begin),
    end: union(model.end, (entry) => entry.transaction?.end),
    releaseKeepsTransaction: union(model.releaseKeepsTransaction, (entry) => entry.transaction?.releaseKeepsTransaction),
    rollback: model.rollback ?? classes.find((entry) => entry.transaction?.rollback)?.transaction?.rollback,
  };
}

function releaseNamesOf(library: LibraryModel): string[] {
  return [...library.resources.flatMap((resource) => resource.release), ...(library.transactions?.end ?? []), ...(library.transactions?.releaseKeepsTransaction ?? [])];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  items.forEach((item) => (test(item) ? yes : no).push(item));
  return [yes, no];
}

function returnsPromise(method: ts.MethodDeclaration, checker: ts.TypeChecker): boolean {
  if (ts.getModifiers(method)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) {
    return true;
  }
  const signature = checker.getSignatureFromDeclaration(method);
  const returned = signature && checker.getReturnTypeOfSignature(signature);
  return !!returned && returned.getProperty('then') !== undefined;
}

/** The SQL text a call's first argument spells out, when it is a literal. */
function sqlTextOf(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  return argument && ts.isStringLiteralLike(argument) ? argument.text : argument && ts.isTemplateExpression(argument) ? argument.head.text : undefined;
}

/** Adds to `set` every member that calls one in it, until nothing changes. */
function closeOverCalls(set: Set<string>, memberCalls: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [member, called] of memberCalls) {
      if (!set.has(member) && [...called].some((name) => set.has(name))) {
        set.add(member);
        changed = true;
      }
    }
  }
}

/** What messages call an instance: `DatabaseSession` → "database session". */
function nounOf(className: string): string {
  return className.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
