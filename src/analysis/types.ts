import ts from 'typescript';

import type { MemberRef } from '../models/model.js';

/** A declaration located by the npm package that declares it. */
export interface DeclarationRef extends MemberRef {
  readonly package: string;
}

const packageOfFileCache = new Map<string, string | undefined>();

/**
 * The npm package a declaration file belongs to: the path segment after the last
 * `node_modules`, with `@types/x` mapped to `x` and `@types/scope__x` to `@scope/x`.
 * Project files belong to no package.
 */
export function packageOfFile(fileName: string): string | undefined {
  if (packageOfFileCache.has(fileName)) {
    return packageOfFileCache.get(fileName);
  }
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
    result = name;
  }
  packageOfFileCache.set(fileName, result);
  return result;
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
    const pkg = packageOfFile(declaration.getSourceFile().fileName);
    if (pkg !== undefined) {
      refs.push({ package: pkg, owner: ownerName(declaration), method: target.name });
    }
  }
  return refs;
}

/** The identifier that names the function a call invokes: `b` in `a.b()`, `f` in `f()`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): ts.Identifier | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) {
    callee = callee.expression;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return callee.name;
  }
  return ts.isIdentifier(callee) ? callee : undefined;
}

/**
 * The object a method is called on (`a` in `a.b()`), skipping parentheses and `!`, or
 * `undefined` for a plain function call.
 */
export function calleeReceiver(call: ts.CallExpression): ts.Expression | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) {
    callee = callee.expression;
  }
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)
    ? callee.expression
    : undefined;
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
  const visit = (current: ts.Type): void => {
    if (seen.has(current) || seen.size > 64) {
      return;
    }
    seen.add(current);
    const awaited = checker.getAwaitedType(current);
    if (awaited && awaited !== current) {
      visit(awaited);
      return;
    }
    if (current.isUnionOrIntersection()) {
      // A named union or intersection (slonik's `DatabasePool`) is first of all its own name.
      const alias = current.aliasSymbol;
      const aliasPackage = alias?.declarations?.[0] && packageOfFile(alias.declarations[0].getSourceFile().fileName);
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
    const symbol = current.aliasSymbol ?? current.getSymbol();
    for (const declaration of symbol?.declarations ?? []) {
      const pkg = packageOfFile(declaration.getSourceFile().fileName);
      if (pkg !== undefined) {
        chain.push({ package: pkg, name: symbol!.name });
        break;
      }
    }
    const target = (current as ts.TypeReference).target ?? current;
    if (target.isClassOrInterface()) {
      for (const base of checker.getBaseTypes(target)) {
        visit(base);
      }
    }
  };
  visit(type);
  return chain;
}
