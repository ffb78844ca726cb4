import ts = require('typescript');

import type { MemberRef } from '../models/model.js';

import { builtinModels } from '../models/index.js';
import { cachedFn } from './memo.js';

/** A declaration located by the npm package that declares it. */
export interface DeclarationRef extends MemberRef {
  readonly package: string;
}

/** Libraries whose clients are generated into the project, and how their files are recognised. */
const GENERATED = builtinModels.flatMap((model) => (model.generated ? [{ package: model.packages[0]!, ...model.generated }] : []));

/**
 * The npm package a declaration file belongs to: the path segment after the last
 * `node_modules`, with `@types/x` mapped to `x` and `@types/scope__x` to `@scope/x`.
 * A client generated into the project (Prisma's, or into `node_modules/.prisma`) is library
 * code all the same: it counts as its library's package. Other project files belong to no package.
 */
export const packageOfFile = cachedFn((file: ts.SourceFile): string | undefined => {
  const { fileName } = file;
  let result: string | undefined;
  const marker = '/node_modules/';
  const normalized = fileName.replaceAll('\\', '/');
  const index = normalized.lastIndexOf(marker);
  if (index !== -1) {
    const segments = normalized.slice(index + marker.length).split('/');
    let name = segments[0]!.startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0]!;
    if (name.startsWith('@types/')) {
      const unscoped = name.slice('@types/'.length);
      name = unscoped.includes('__') ? `@${unscoped.replace('__', '/')}` : unscoped;
    }
    result = GENERATED.find((generated) => generated.folder === name)?.package ?? name;
  } else {
    const head = file.text.slice(0, 200);
    result = GENERATED.find((generated) => head.includes(generated.banner))?.package;
  }
  return result;
});

/** Whether a file is the project's own source: not a declaration file, not a package's (generated clients included). */
export function isProjectFile(file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && packageOfFile(file) === undefined;
}

/** The symbol a name refers to, through import aliases to what it was imported from. */
export function symbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * What a call of a library function gives back, read from the callee's declared signatures
 * when they all give back the same type. Typing the call itself resolves its overload, checking
 * each argument against the library's option types: 70 ms for one TypeORM `createConnection`.
 * Undefined for project functions, generic signatures, and overloads that disagree.
 */
export function declaredResultType(checker: ts.TypeChecker, callee: ts.Node): ts.Type | undefined {
  const symbol = symbolAt(checker, callee);
  const declarations = symbol?.declarations;
  if (!symbol || !declarations?.length || declarations.some((declaration) => isProjectFile(declaration.getSourceFile()))) {
    return undefined;
  }
  const signatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call);
  if (signatures.length === 0 || signatures.some((signature) => signature.typeParameters?.length)) {
    return undefined;
  }
  const [first, ...rest] = signatures.map((signature) => checker.getReturnTypeOfSignature(signature));
  return rest.every((type) => type === first) ? first : undefined;
}

/** Prefix of the pseudo-package of a project file (`file:/abs/path/src/db/session.ts`). */
export const PROJECT_FILE = 'file:';

/**
 * The package a declaration belongs to, or for a project file its pseudo-package: projects
 * declare their own resources and wrappers in settings, by file.
 */
function declaringPackage(file: ts.SourceFile): string {
  return packageOfFile(file) ?? `${PROJECT_FILE}${file.fileName.replaceAll('\\', '/')}`;
}

/**
 * The name of the class, interface, type alias or namespace whose body declares `declaration`,
 * or `null` when it is declared at the top level of a module.
 */
function ownerName(declaration: ts.Node): string | null {
  for (let node = declaration.parent; node; node = node.parent) {
    if (
      ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isModuleDeclaration(node)
    ) {
      return node.name?.text ?? null;
    }
    if (ts.isSourceFile(node)) {
      return null;
    }
  }
  return null;
}

/** Where the typings declare each member this symbol stands for (several for overloads and unions). */
export function declarationRefs(symbol: ts.Symbol, checker: ts.TypeChecker): DeclarationRef[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const refs: DeclarationRef[] = [];
  for (const declaration of target.declarations ?? []) {
    const isStatic = ts.canHaveModifiers(declaration) && ts.getModifiers(declaration)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
    refs.push({ package: declaringPackage(declaration.getSourceFile()), owner: ownerName(declaration), method: target.name, ...(isStatic && { static: true }) });
  }
  return refs;
}

/**
 * Whether values of `type` can be released with `await using` (or `using`): a callable
 * `[Symbol.asyncDispose]` (or `[Symbol.dispose]`) member. Looked up by property name, not by
 * element access, because index signatures such as PrismaClient's `[K: symbol]` would
 * otherwise "find" one.
 */
export function disposeKind(type: ts.Type, checker: ts.TypeChecker): 'async' | 'sync' | undefined {
  const nonNullable = checker.getNonNullableType(checker.getAwaitedType(type) ?? type);
  let found: 'async' | 'sync' | undefined;
  for (const property of checker.getPropertiesOfType(nonNullable)) {
    const name = property.escapedName as string;
    const kind = name.startsWith('__@asyncDispose@') ? 'async' : name.startsWith('__@dispose@') ? 'sync' : undefined;
    if (kind !== undefined && checker.getTypeOfSymbol(property).getCallSignatures().length > 0) {
      if (kind === 'async') {
        return 'async';
      }
      found = kind;
    }
  }
  return found;
}

/**
 * The named types a value of `type` is, most specific first: the type itself, then its base
 * classes and interfaces. `Promise<T>` is unwrapped to `T`, `null`/`undefined` are dropped,
 * and for unions and intersections the members are listed in order. Type aliases and
 * re-exports need no special case: the checker resolves them to the declared symbol.
 */
export function typeChain(type: ts.Type, checker: ts.TypeChecker): { package: string; name: string }[] {
  const chain: { package: string; name: string }[] = [];
  const seen = new Set<ts.Type>();
  // A base type of a class or interface is never asked whether it is a promise: were it one,
  // the derived type would be one too, and it was asked already.
  const visit = (current: ts.Type, isBase = false): void => {
    if (seen.has(current) || seen.size > 64) {
      return;
    }
    seen.add(current);
    const awaited = isBase ? undefined : checker.getAwaitedType(current);
    if (awaited && awaited !== current) {
      visit(awaited);
      return;
    }
    if (current.isUnionOrIntersection()) {
      // A named union or intersection (slonik's `DatabasePool`) is first of all its own name.
      const alias = current.aliasSymbol;
      const aliasPackage = alias?.declarations?.[0] && packageOfFile(alias.declarations[0].getSourceFile());
      if (alias && aliasPackage !== undefined) {
        chain.push({ package: aliasPackage, name: alias.name });
      }
      for (const member of current.types) {
        if (!(member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void))) {
          visit(member);
        }
      }
      return;
    }
    // A library type with members taken away is a type of its own:
    // `Omit<PrismaClient, '$connect' | …>` is Prisma's transaction client, not its pool.
    const alias = current.aliasSymbol;
    const reduction = reductionOf(current, checker);
    if (reduction) {
      const [inner] = typeChain(reduction.of, checker);
      if (alias && reduction.through) {
        chain.push({ package: declaringPackage(reduction.through), name: alias.name });
      }
      if (inner) {
        chain.push({ package: inner.package, name: `${reduction.name}<${inner.name}>` });
      }
      return;
    }
    // A project's alias of a library type (`type Tx = Knex.Transaction`) names it, and is it.
    const symbols = new Set([alias, current.getSymbol()]);
    for (const symbol of symbols) {
      const declaration = symbol?.declarations?.[0];
      if (symbol && declaration) {
        chain.push({ package: declaringPackage(declaration.getSourceFile()), name: symbol.name });
      }
    }
    const target = (current as ts.TypeReference).target ?? current;
    if (target.isClassOrInterface()) {
      for (const base of checker.getBaseTypes(target)) {
        visit(base, true);
      }
    }
  };
  visit(type);
  return chain;
}

/**
 * `Omit<T, K>` or `Pick<T, K>` of TypeScript's lib, written directly or through a project's
 * alias (`type Tx = Omit<PrismaClient, '$connect' | …>`, which the checker names `Tx`): which
 * one, and `T`; `through` is the alias's file when there is one.
 */
function reductionOf(type: ts.Type, checker: ts.TypeChecker): { name: string; of: ts.Type; through?: ts.SourceFile } | undefined {
  const alias = type.aliasSymbol;
  if (!alias) {
    return undefined;
  }
  if (isLibReduction(alias) && type.aliasTypeArguments?.length) {
    return { name: alias.name, of: type.aliasTypeArguments[0]! };
  }
  const declaration = alias.declarations?.[0];
  if (declaration && ts.isTypeAliasDeclaration(declaration) && ts.isTypeReferenceNode(declaration.type) && declaration.type.typeArguments?.length) {
    const target = checker.getSymbolAtLocation(declaration.type.typeName);
    if (target && isLibReduction(target)) {
      return { name: target.name, of: checker.getTypeFromTypeNode(declaration.type.typeArguments[0]!), through: declaration.getSourceFile() };
    }
  }
  return undefined;
}

function isLibReduction(symbol: ts.Symbol): boolean {
  const file = symbol.declarations?.[0]?.getSourceFile();
  return (symbol.name === 'Omit' || symbol.name === 'Pick') && !!file && packageOfFile(file) === 'typescript';
}
