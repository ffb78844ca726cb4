import fs from 'node:fs';
import path from 'node:path';
import ts = require('typescript');

import { networkClientModules, networkModules, notNetworkClients } from '../models/network.js';

import type { AnalysisContext } from './context.js';

import { cachedFn } from './memo.js';
import { ownsPackage } from './roles.js';
import { isProjectFile, packageOfFile, symbolAt } from './types.js';
import { awaitedCalls, calleeName, calleeReceiver, callsIn, isDeferred, promiseExecutor, skipOuterExpressions } from './syntax.js';
import { ValueTrail } from './values.js';

export interface NetworkOptions {
  /** Modules added to the default list. */
  readonly networkModules: readonly string[];
  /** Modules taken off the list (a local cache client, a loopback service). */
  readonly allowModules: readonly string[];
  /** Regular expressions for the names of project functions that are network calls. */
  readonly networkFunctions: readonly string[];
  /** How many project functions deep to follow calls. */
  readonly maxDepth: number;
}

/** One call on the way from an awaited call to the network I/O it performs. */
export interface NetworkStep {
  readonly node: ts.CallExpression | ts.NewExpression;
}

/**
 * Finds network I/O behind a call: in the call itself (a callee declared by a network
 * module), or in the project function it calls, awaited there, transitively. Summaries are
 * computed lazily, once per function and options, and cached for the program's lifetime.
 */
export class NetworkSummaries {
  private readonly chains = new Map<string, Map<ts.Node, readonly NetworkStep[] | null>>();
  private implementers: Map<ts.Symbol, ts.ClassLikeDeclaration[]> | undefined;
  private readonly patterns = new WeakMap<readonly string[], RegExp[]>();

  constructor(private readonly cx: AnalysisContext) {}

  /** The chain from `call` to the network I/O it awaits, or `undefined` when it does none. */
  chainOf(call: ts.CallExpression | ts.NewExpression, options: NetworkOptions, depth = 0): readonly NetworkStep[] | undefined {
    if (ts.isNewExpression(call)) {
      return this.promiseChain(call, options, depth);
    }
    const name = calleeName(call);
    if (!name) {
      return undefined;
    }
    if (this.patternsOf(options).some((pattern) => pattern.test(name.text))) {
      return [{ node: call }];
    }
    const symbol = this.cx.roles.symbolAt(name);
    const declarations = symbol?.declarations ?? [];
    if (declarations.some((declaration) => isListed(moduleOf(declaration, symbol!.name), options))) {
      return [{ node: call }];
    }
    if (declarations.some((declaration) => this.isNetworkClient(declaration, options)) && isThenable(this.cx.checker.getTypeAtLocation(call))) {
      return [{ node: call }];
    }
    if (depth >= options.maxDepth) {
      return undefined;
    }
    // A library's own function (a query, say) is no further to follow.
    const fn = declarations.every((declaration) => packageOfFile(declaration.getSourceFile()) !== undefined)
      ? undefined
      : this.bodyOf(declarations, name.text);
    return (fn && this.functionChain(call, fn, options, depth)) ?? this.argumentChain(call, options, depth);
  }

  /**
   * Network I/O handed to the awaited call as an argument: `firstValueFrom(http.get(url))`,
   * `pRetry(() => fetch(url))`, `withTimeout(fetch(url), 5000)`. Awaiting the call waits for it.
   */
  private argumentChain(call: ts.CallExpression, options: NetworkOptions, depth: number): readonly NetworkStep[] | undefined {
    for (const argument of call.arguments) {
      const inner = skipOuterExpressions(argument);
      const made = this.madeBy(inner);
      const candidates =
        ts.isCallExpression(inner) || ts.isNewExpression(inner)
          ? [inner]
          : (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) && !isDeferred(inner)
            ? awaitedCalls(inner)
            : made
              ? [made]
              : [];
      for (const candidate of candidates) {
        const found = this.chainOf(candidate, options, depth + 1);
        if (found) {
          return [{ node: call }, ...found];
        }
      }
    }
    return undefined;
  }

  /** `new Promise(…)` around a sleep or around network I/O (`https.get(url, resolve)`). */
  private promiseChain(call: ts.NewExpression, options: NetworkOptions, depth: number): readonly NetworkStep[] | undefined {
    const executor = promiseExecutor(call);
    if (!executor) {
      return undefined;
    }
    const calls = callsIn(executor);
    if (calls.some((inner) => ts.isIdentifier(inner.expression) && inner.expression.text === 'setTimeout')) {
      return [{ node: call }];
    }
    for (const inner of depth < options.maxDepth ? calls : []) {
      const receiver = calleeReceiver(inner);
      const made = receiver && this.madeBy(receiver);
      const found = this.chainOf(inner, options, depth + 1) ?? (made && this.chainOf(made, options, depth + 1));
      if (found) {
        return [{ node: call }, ...found];
      }
    }
    return undefined;
  }

  /**
   * The call that made a constant read later (`const fee$ = http.post(url)`, then
   * `fee$.subscribe(…)` in a promise's executor, or `firstValueFrom(fee$)`): a request made
   * before and run, or waited for, only there.
   */
  private madeBy(expression: ts.Expression): ts.CallExpression | undefined {
    const name = skipOuterExpressions(expression);
    const initializer = ts.isIdentifier(name) ? new ValueTrail(this.cx.checker).initializerOf(name) : undefined;
    const value = initializer && skipOuterExpressions(initializer);
    return value && ts.isCallExpression(value) ? value : undefined;
  }

  /** The summary of a project function: the first network chain among the calls it waits for. */
  private functionChain(
    call: ts.CallExpression,
    fn: ts.FunctionLikeDeclaration,
    options: NetworkOptions,
    depth: number,
  ): readonly NetworkStep[] | undefined {
    // Kept per remaining depth: an answer cut short by the depth limit is only reused where the
    // same limit applies, so no answer depends on which call asked first.
    const key = `${JSON.stringify(options)}:${options.maxDepth - depth}`;
    let byFunction = this.chains.get(key);
    if (!byFunction) {
      byFunction = new Map();
      this.chains.set(key, byFunction);
    }
    if (byFunction.has(fn)) {
      const cached = byFunction.get(fn);
      return cached ? [{ node: call }, ...cached] : undefined;
    }
    // Recursion finds nothing new while the summary is being computed.
    byFunction.set(fn, null);
    let inner: readonly NetworkStep[] | undefined;
    for (const awaited of awaitedCalls(fn)) {
      inner = this.chainOf(awaited, options, depth + 1);
      if (inner) {
        break;
      }
    }
    byFunction.set(fn, inner ?? null);
    return inner ? [{ node: call }, ...inner] : undefined;
  }

  /**
   * A client library not on the list, recognised by evidence: the declaration file of what is
   * called speaks of `fetch` options (`RequestInit`, a `FetchRequestInit` of its own), or its
   * package's declarations import an HTTP, Redis or broker client, or its package depends on one.
   * The database libraries the models describe are never network clients here.
   */
  private isNetworkClient(declaration: ts.Declaration, options: NetworkOptions): boolean {
    const file = declaration.getSourceFile();
    const pkg = packageOfFile(file);
    if (!pkg || NOT_CLIENTS.has(pkg) || this.cx.roles.models.some((library) => ownsPackage(library, pkg)) || isAllowed(pkg, options)) {
      return false;
    }
    return fetchOptionsIn(file) || this.packageEvidence(pkg);
  }

  private readonly packageVerdicts = new Map<string, boolean>();

  /** Whether a package's declarations import a network client module, or its package.json depends on one. */
  private packageEvidence(pkg: string): boolean {
    let verdict = this.packageVerdicts.get(pkg);
    if (verdict === undefined) {
      const files = this.cx.program.getSourceFiles().filter((file) => packageOfFile(file) === pkg);
      verdict = files.some((file) => importedModules(file).some(isClientModule)) || dependenciesOf(files[0]?.fileName, pkg).some(isClientModule);
      this.packageVerdicts.set(pkg, verdict);
    }
    return verdict;
  }

  private patternsOf(options: NetworkOptions): RegExp[] {
    let patterns = this.patterns.get(options.networkFunctions);
    if (!patterns) {
      patterns = options.networkFunctions.map((pattern) => new RegExp(pattern));
      this.patterns.set(options.networkFunctions, patterns);
    }
    return patterns;
  }

  /**
   * The body of the project function declared by `declarations`: a function, a method, or an
   * arrow assigned to a constant. A method declared by an interface resolves to the one class
   * of the program that implements it; with several, nothing is guessed.
   */
  private bodyOf(declarations: readonly ts.Declaration[], name: string): ts.FunctionLikeDeclaration | undefined {
    for (const declaration of declarations) {
      const fn = ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) ? declaration.initializer : declaration;
      if (fn && ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body && !fn.getSourceFile().isDeclarationFile) {
        return fn as ts.FunctionLikeDeclaration;
      }
    }
    const signature = declarations.find((declaration) => ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration));
    const owner = signature?.parent;
    if (!owner || !ts.isInterfaceDeclaration(owner)) {
      return undefined;
    }
    const ownerSymbol = this.cx.checker.getSymbolAtLocation(owner.name);
    const classes = ownerSymbol ? (this.implementersOf().get(ownerSymbol) ?? []) : [];
    if (classes.length !== 1) {
      return undefined;
    }
    const member = classes[0]!.members.find(
      (candidate) => candidate.name !== undefined && ts.isIdentifier(candidate.name) && candidate.name.text === name,
    );
    return member && this.bodyOf([member], name);
  }

  /** The project's classes by the interfaces they implement, found once per program. */
  private implementersOf(): Map<ts.Symbol, ts.ClassLikeDeclaration[]> {
    if (this.implementers) {
      return this.implementers;
    }
    const implementers = new Map<ts.Symbol, ts.ClassLikeDeclaration[]>();
    for (const file of this.cx.program.getSourceFiles()) {
      if (!isProjectFile(file)) {
        continue;
      }
      const visit = (node: ts.Node): void => {
        if (ts.isClassLike(node)) {
          for (const clause of node.heritageClauses ?? []) {
            if (clause.token !== ts.SyntaxKind.ImplementsKeyword) {
              continue;
            }
            for (const type of clause.types) {
              const symbol = symbolAt(this.cx.checker, type.expression);
              if (symbol) {
                implementers.set(symbol, [...(implementers.get(symbol) ?? []), node]);
              }
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.implementers = implementers;
    return implementers;
  }
}

/**
 * The module that declares `declaration`: `node:http` for `@types/node`'s `declare module
 * "http"`, `fetch` for the global `fetch()`, otherwise the npm package.
 */
function moduleOf(declaration: ts.Declaration, name: string): string | undefined {
  const pkg = packageOfFile(declaration.getSourceFile());
  if (pkg === 'node' || pkg === 'undici-types' || pkg === 'typescript') {
    if (name === 'fetch' && isGlobal(declaration)) {
      return 'fetch';
    }
    if (pkg !== 'node') {
      return pkg === 'undici-types' ? 'undici' : undefined;
    }
    for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
      if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
        const module = node.name.text.replace(/^node:/, '');
        // `dns/promises` is `dns`; `timers/promises` is the sleep module.
        return `node:${module === 'timers/promises' ? module : module.split('/')[0]}`;
      }
    }
    return undefined;
  }
  return pkg;
}

function isGlobal(declaration: ts.Declaration): boolean {
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      return node.name.text === 'global';
    }
  }
  return true;
}

/** A test of a module against a list of names and `scope/*` prefixes, made once per list. */
const moduleMatcher = cachedFn((list: readonly string[]): ((module: string) => boolean) => {
  const names = new Set(list);
  const prefixes = list.filter((entry) => entry.endsWith('/*')).map((entry) => entry.slice(0, -1));
  return (module) => names.has(module) || names.has(module.replace(/^node:/, '')) || prefixes.some((prefix) => module.startsWith(prefix));
});

const listedByDefault = moduleMatcher(networkModules);

function isListed(module: string | undefined, options: NetworkOptions): boolean {
  return (
    module !== undefined &&
    (listedByDefault(module) || moduleMatcher(options.networkModules)(module)) &&
    !moduleMatcher(options.allowModules)(module)
  );
}

const NOT_CLIENTS: ReadonlySet<string> = new Set(notNetworkClients);
const CLIENT_MODULES: ReadonlySet<string> = new Set(networkClientModules);

function isClientModule(module: string): boolean {
  return CLIENT_MODULES.has(module.replace(/^node:/, ''));
}

function isAllowed(pkg: string, options: NetworkOptions): boolean {
  return options.allowModules.some((entry) => entry === pkg || (entry.endsWith('/*') && pkg.startsWith(entry.slice(0, -1))));
}

function isThenable(type: ts.Type): boolean {
  return type.getProperty('then') !== undefined || (type.isUnion() && type.types.some((member) => member.getProperty('then') !== undefined));
}

const fetchOptionsIn = cachedFn((file: ts.SourceFile): boolean => /\b\w*RequestInit\b/.test(file.text));

/** The modules a declaration file imports, re-exports or references by `import("…")` types. */
const importedModules = cachedFn((file: ts.SourceFile): string[] => {
  const modules: string[] = [];
  // Imports, re-exports and `import x = require(…)` are statements, of the file or of a `declare module` block.
  const readStatements = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        modules.push(statement.moduleSpecifier.text);
      } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
        modules.push(statement.moduleReference.expression.text);
      } else if (ts.isModuleDeclaration(statement)) {
        let body = statement.body;
        while (body && ts.isModuleDeclaration(body)) {
          body = body.body;
        }
        if (body && ts.isModuleBlock(body)) {
          readStatements(body.statements);
        }
      }
    }
  };
  readStatements(file.statements);
  // `import("…")` types may sit anywhere in a declaration: only a file that writes one is walked.
  if (file.text.includes('import(')) {
    const visit = (node: ts.Node): void => {
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        modules.push(node.argument.literal.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return modules;
});

/** The runtime dependencies in the package.json of the package a file belongs to. */
function dependenciesOf(fileName: string | undefined, pkg: string): string[] {
  const marker = `/node_modules/${pkg}/`;
  const at = fileName?.replaceAll('\\', '/').lastIndexOf(marker) ?? -1;
  if (!fileName || at < 0) {
    return [];
  }
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(fileName.slice(0, at + marker.length), 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return Object.keys(manifest.dependencies ?? {});
  } catch {
    return [];
  }
}
