/**
 * @fileoverview Queries a project function sends through a pool or root handle of its own: the
 * module's `db`, a service's `this.dataSource`, a parameter's default, or the pool its caller
 * handed it. Called while a transaction is open, such a helper runs its query on another
 * connection, however the call looks at the call site.
 */
import ts = require('typescript');

import type { LibraryModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import { ownsPackage, type TransactionRole } from './roles.js';

import { enclosingFunction, isCallbackArgument, isDeferred, skipOuterExpressions } from './syntax.js';
import { cachedFn } from './memo.js';
import { optionJoiners, optionLibraries, optionQuery } from './option-queries.js';
import { isExecuted, isJoined, poolPrefix, queryHandleIn, rootSymbol, sendsQuery } from './queries.js';
import { isProjectFile, packageOfFile } from './types.js';

/** A query a helper sends, and the calls that lead to it from the helper's caller. */
export interface HelperQuery {
  /** The query, in the helper or a function it calls. */
  readonly node: ts.CallExpression | ts.TaggedTemplateExpression;
  /** What it is sent through, in the helper's own words (`this.db`, `knex`). */
  readonly through: ts.Expression;
  /** The helper's calls from the caller's call (first) to the query's function (last). */
  readonly via: readonly ts.CallExpression[];
  /** Set for a query of a library that joins by option, sent without it (Objection's `Person.query()`): that library. */
  readonly lacksOptionOf?: LibraryModel;
}

/** A query of a helper's body, before the call site says what its handle is. */
interface BodyQuery extends HelperQuery {
  /** Set when the handle is one of the helper's parameters: the caller decides what it is. */
  readonly parameter?: number;
}

/** How deep helpers are followed: a helper, the helper it calls, and one more. */
const MAX_DEPTH = 3;

/**
 * The first query that `call` (a call of a project function) sends outside a transaction of
 * `library`: through a handle the helper reaches by itself, or through the parameter this call
 * fills with a pool. `isTransactionHandle` says which of the caller's values stand for the
 * transaction; those arguments keep the helper's queries inside it.
 */
export function helperQueryOutside(
  cx: AnalysisContext,
  call: ts.CallExpression,
  library: LibraryModel,
  isTransactionHandle: (argument: ts.Expression) => boolean,
): HelperQuery | undefined {
  const fn = cx.roles.projectCallee(call);
  // A helper given a transaction handle has its own queries around it reported where they are.
  if (!fn || !receiverIsFixed(cx, call) || handedTransactionParameter(cx, fn)) {
    return undefined;
  }
  for (const query of bodyQueries(cx, fn, 0)) {
    const via = [call, ...query.via];
    if (query.lacksOptionOf) {
      if (optionJoiners(cx, library).includes(query.lacksOptionOf)) {
        return { ...query, via };
      }
      continue;
    }
    if (query.parameter === undefined) {
      if (isPoolOf(cx, query.through, library)) {
        return { node: query.node, through: query.through, via };
      }
      continue;
    }
    const parameter = fn.parameters[query.parameter];
    const argument = call.arguments[query.parameter] ?? parameter?.initializer;
    if (argument && !isTransactionHandle(argument) && isPoolOf(cx, argument, library)) {
      return { node: query.node, through: argument, via };
    }
  }
  return undefined;
}

/**
 * The parameter through which a function is given its caller's transaction: a required one
 * typed as a handle that exists only inside a transaction (`trx: Knex.Transaction`). A callback
 * is left to the call it is passed to (a managed transaction, a wrapper); an optional handle
 * (`trx?: Knex.Transaction`) says the body also runs outside one.
 */
export function handedTransactionParameter(
  cx: AnalysisContext,
  fn: ts.FunctionLikeDeclaration,
): { readonly role: TransactionRole; readonly index: number; readonly name: string } | undefined {
  // Without a library that has such handles (TypeORM and pg have none), nothing is asked.
  const names = inTransactionOnlyNames(cx.roles.models);
  if (!fn.body || names.size === 0 || isCallbackArgument(fn)) {
    return undefined;
  }
  for (const [index, parameter] of fn.parameters.entries()) {
    if (!parameter.type || parameter.questionToken || parameter.initializer || !ts.isIdentifier(parameter.name) || !mayName(cx, parameter.type, names)) {
      continue;
    }
    // A union (`Knex.Transaction | Knex`) also lets the body run outside a transaction, like
    // an optional handle; and its members are costly to ask about one by one.
    const type = cx.checker.getNonNullableType(cx.checker.getTypeAtLocation(parameter));
    const role = type.isUnion() ? undefined : cx.roles.isInTransactionOnly(type);
    if (role) {
      return { role, index, name: parameter.name.text };
    }
  }
  return undefined;
}

/**
 * The identifiers the transaction-only type names of the models are written with
 * (`Transaction`, `TransactionClient`, and `PrismaClient` of `Omit<PrismaClient>`): a parameter
 * whose annotation names none of them, through the project's own aliases and interfaces, is not
 * asked about. Of a generic (`Omit<…>`) only what it is applied to counts: `Omit` alone is in
 * half the annotations of a service.
 */
const inTransactionOnlyNames = cachedFn(
  (models: readonly LibraryModel[]): ReadonlySet<string> =>
    new Set(
      models
        .flatMap((library) => library.transactions?.inTransactionOnly ?? [])
        .flatMap((name) => name.slice(name.indexOf('<') + 1).split(/\W+/).filter(Boolean)),
    ),
);

/** Types that hold values without being one: a handle inside them is not the parameter itself. */
const CONTAINER_TYPES = new Set(['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'Map', 'ReadonlyMap', 'WeakMap', 'Record', 'Promise']);

/**
 * Whether a type annotation may name one of `names`, following the project's aliases and base
 * types; a computed type may name anything. An object literal type, a function type, an array
 * or a container is not a handle whatever it holds, except where an indexed access reads a
 * member out of it (`members`).
 */
function mayName(cx: AnalysisContext, type: ts.Node, names: ReadonlySet<string>, members = false): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isNeverAHandle(node, members)) {
      return;
    }
    if (ts.isIdentifier(node)) {
      found = names.has(node.text) || declaredMayName(cx, node, names, members);
      return;
    }
    if (ts.isIndexedAccessTypeNode(node)) {
      // Reading a member of a library's type (`Parameters<NodePgDatabase['transaction']>[0]`) is the
      // checker's to say; of a project's own type (`Scalars['JSON']['input']`), its members say.
      found = namesLibraryType(cx, node.objectType) || mayName(cx, node.objectType, names, true);
      return;
    }
    if (ts.isConditionalTypeNode(node)) {
      found = true;
      return;
    }
    if (ts.isTypeQueryNode(node)) {
      found = !isTypeOfData(cx, node, node === type);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(type);
  return found;
}

function isNeverAHandle(node: ts.Node, members: boolean): boolean {
  return (
    (!members && (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node))) ||
    ts.isFunctionTypeNode(node) ||
    ts.isConstructorTypeNode(node) ||
    ts.isArrayTypeNode(node) ||
    ts.isLiteralTypeNode(node) ||
    (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && CONTAINER_TYPES.has(node.typeName.text))
  );
}

/**
 * Whether a type names one a modelled library declares. Another package's types (a schema
 * package's `User['mfaVerifications']`, TypeScript's `Parameters`) hold no handle of their own.
 */
function namesLibraryType(cx: AnalysisContext, type: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isIdentifier(node)) {
      found = declarationsOf(cx, node).some((declaration) => {
        const pkg = packageOfFile(declaration.getSourceFile());
        return pkg !== undefined && cx.roles.models.some((library) => ownsPackage(library, pkg));
      });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(type);
  return found;
}

/**
 * Whether `typeof x` is the type of a value no transaction-only handle can be: a constant
 * written as data (`FromSchema<typeof userSchema>` over an `as const` JSON schema) or, where
 * the annotation is the value's type itself (`inArgv: typeof argv`), a variable its module
 * initialises when it loads, before any transaction exists. Such types are often costly to
 * compute (a schema, a yargs chain) and never a database handle.
 */
function isTypeOfData(cx: AnalysisContext, query: ts.TypeQueryNode, isWholeType: boolean): boolean {
  let root: ts.EntityName = query.exprName;
  while (ts.isQualifiedName(root)) {
    root = root.left;
  }
  const declaration = declarationsOf(cx, root).find((candidate) => ts.isVariableDeclaration(candidate));
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) {
    return false;
  }
  const value = skipOuterExpressions(declaration.initializer);
  const isData = ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isLiteralExpression(value);
  return isData || (isWholeType && query.exprName === root && !declaration.type && !enclosingFunction(declaration));
}

/**
 * Whether a project type `name` refers to may name one of `names`: an alias by what it stands
 * for, an interface or class by what it extends. Kept per declaration; a type that refers back
 * to itself may (the same answer whichever declaration is asked first).
 */
function declaredMayName(cx: AnalysisContext, name: ts.Identifier, names: ReadonlySet<string>, members: boolean): boolean {
  // Most names in annotations are other packages' types: only a project's own name is resolved.
  if (!projectTypeNames(cx).has(name.text)) {
    return false;
  }
  const answers = declarationAnswers(cx)[members ? 'withMembers' : 'plain'];
  return declarationsOf(cx, name).some((declaration) => {
    if (!isProjectFile(declaration.getSourceFile())) {
      return false;
    }
    const known = answers.get(declaration);
    if (known !== undefined) {
      return known !== false;
    }
    answers.set(declaration, 'pending');
    let answer = false;
    if (ts.isTypeAliasDeclaration(declaration)) {
      answer = mayName(cx, declaration.type, names, members);
    } else if (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
      answer =
        (declaration.heritageClauses ?? []).some((clause) => mayName(cx, clause, names)) ||
        (members && declaration.members.some((member) => (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) && !!member.type && mayName(cx, member.type, names, members)));
    }
    answers.set(declaration, answer);
    return answer;
  });
}

/**
 * The names the program's own files may give a type by: those they declare a class, interface,
 * type alias or enum under, and those they import one under (a default import, a renamed one).
 * Read from the files' text, once per program.
 */
const projectTypeNames = cachedFn((cx: AnalysisContext): ReadonlySet<string> => {
  const declared = /\b(?:class|interface|type|enum)\s+([\w$]+)|\bimport\s+(?:type\s+)?([\w$]+)|\bas\s+([\w$]+)/g;
  const found = new Set<string>();
  for (const file of cx.program.getSourceFiles().filter(isProjectFile)) {
    for (const match of file.text.matchAll(declared)) {
      found.add(match[1] ?? match[2] ?? match[3]!);
    }
  }
  return found;
});

/** Answers of `declaredMayName` per declaration, for a type as a whole and for a member read out of it. */
const declarationAnswers = cachedFn<AnalysisContext, Record<'plain' | 'withMembers', Map<ts.Declaration, boolean | 'pending'>>>(() => ({
  plain: new Map<ts.Declaration, boolean | 'pending'>(),
  withMembers: new Map<ts.Declaration, boolean | 'pending'>(),
}));

function declarationsOf(cx: AnalysisContext, name: ts.Identifier): readonly ts.Declaration[] {
  return cx.roles.symbolAt(name)?.declarations ?? [];
}

function isPoolOf(cx: AnalysisContext, handle: ts.Expression, library: LibraryModel): boolean {
  return !!poolPrefix(cx, handle, library, () => undefined) && !cx.roles.isTransactionHandleOf(cx.checker.getTypeAtLocation(handle), library);
}

/**
 * Whether `this` inside the callee is a value fixed for the program (the caller's `this`, one
 * of its fields, a module's instance) rather than one the caller just made: a service copy
 * bound to the transaction (`const users = this.users.withTransaction(trx)`) is a local.
 */
function receiverIsFixed(cx: AnalysisContext, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) {
    return true;
  }
  let root = skipOuterExpressions(callee.expression);
  while (ts.isPropertyAccessExpression(root)) {
    root = skipOuterExpressions(root.expression);
  }
  if (root.kind === ts.SyntaxKind.ThisKeyword) {
    return true;
  }
  const declaration = ts.isIdentifier(root) ? cx.symbolOf(root)?.valueDeclaration : undefined;
  return !!declaration && !enclosingFunction(declaration);
}

const bodyQueriesCache = new WeakMap<ts.Node, BodyQuery[]>();

/**
 * The queries a helper's body sends through handles it does not make itself: its parameters,
 * its receiver's fields, module-level handles; and those of the helpers it calls in turn.
 * Locals are left out: `const db = trx ?? knex` may be either.
 */
function bodyQueries(cx: AnalysisContext, fn: ts.FunctionLikeDeclaration, depth: number): BodyQuery[] {
  const known = bodyQueriesCache.get(fn);
  if (known) {
    return known;
  }
  // Recursion (a helper calling itself) adds nothing while its answer is computed.
  bodyQueriesCache.set(fn, []);
  const found: BodyQuery[] = [];
  // Any library's: the helper's queries are read before anyone asks which library's transaction is open.
  const joinedBy = cx.roles.models.flatMap((library) => library.transactions?.joinedBy ?? []);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && isDeferred(node)) {
      return;
    }
    if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && isExecuted(node) && !isJoined(node, joinedBy)) {
      const query = bodyQuery(node);
      if (query) {
        found.push(query);
      } else if (ts.isCallExpression(node) && depth + 1 < MAX_DEPTH) {
        const callee = cx.roles.projectCallee(node);
        if (callee && callee !== fn && receiverIsFixed(cx, node)) {
          for (const inner of bodyQueries(cx, callee, depth + 1)) {
            if (inner.parameter === undefined) {
              found.push({ ...inner, via: [node, ...inner.via] });
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  const bodyQuery = (node: ts.CallExpression | ts.TaggedTemplateExpression): BodyQuery | undefined => {
    const option = optionQuery(cx, node, optionLibraries(cx.roles.models));
    if (option === 'joins') {
      // `sequelize.query(sql, options)` with the caller's options: whatever transaction they hold.
      return undefined;
    }
    if (option) {
      return { node, through: option.receiver, via: [], lacksOptionOf: option.library };
    }
    const through = queryHandleIn(cx, node);
    if (!through || (ts.isCallExpression(node) && cx.roles.projectCallee(node) && !sendsQuery(cx, node))) {
      return undefined;
    }
    const root = rootSymbol(cx, through);
    const declaration = root?.valueDeclaration;
    if (!declaration) {
      return undefined;
    }
    if (ts.isParameter(declaration)) {
      const index = fn.parameters.indexOf(declaration);
      if (index >= 0) {
        return { node, through, via: [], parameter: index };
      }
      // A constructor's parameter property (`constructor(private db: Knex)`) is a field.
      if (!ts.isConstructorDeclaration(declaration.parent) || !ts.getModifiers(declaration)?.length) {
        return undefined;
      }
    } else if (enclosingFunction(declaration)) {
      return undefined;
    }
    return cx.roles.isPoolLike(cx.checker.getTypeAtLocation(through)) || poolLikePrefix(cx, through) ? { node, through, via: [] } : undefined;
  };
  if (fn.body) {
    visit(fn.body);
  }
  bodyQueriesCache.set(fn, found);
  return found;
}

function poolLikePrefix(cx: AnalysisContext, through: ts.Expression): boolean {
  for (let current = skipOuterExpressions(through); ts.isPropertyAccessExpression(current); current = skipOuterExpressions(current.expression)) {
    if (cx.roles.isPoolLike(cx.checker.getTypeAtLocation(current.expression))) {
      return true;
    }
  }
  return false;
}
