/**
 * @fileoverview The ground floor: what a piece of TypeScript syntax is, without the checker.
 *
 * Every part of the engine reads syntax the same way through these helpers: which wrappers are
 * transparent (parentheses, casts, `!`), where a value flows, what a call is named, whether the
 * caller waits for it. Nothing here asks the type checker or knows a database library.
 */
import ts = require('typescript');

import { cachedFn } from './memo.js';

/** Methods that register an event listener (Node's `EventEmitter`). */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** The methods of a promise chain. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Callbacks handed to these run later: not while the caller awaits, not inside its transaction. */
const DEFERRING_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', ...LISTENER_METHODS]);

const NONE: ReadonlySet<string> = new Set();

/** Promise combinators whose array argument is awaited with them. */
const COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'race', 'any']);
/** Array methods that run their callback at once, before they return. */
const CALLING_ARRAY_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap', 'forEach', 'filter', 'reduce', 'some', 'every', 'find']);
/** Built-in methods that take a callback: `rows.findIndex((row) => …)` is never a project wrapper. */
const BUILTIN_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  ...CALLING_ARRAY_METHODS,
  ...PROMISE_CHAIN_METHODS,
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduceRight',
  'sort',
  'toSorted',
]);

/** Whether a call is of a built-in method that takes a callback (`rows.map(…)`, `promise.then(…)`), by name and shape. */
export function isBuiltinCallbackCall(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && BUILTIN_CALLBACK_METHODS.has(callee.name.text);
}

/** Whether `node` only wraps its operand for the type checker or for grouping: `( )`, `as`, `!`, `satisfies`, `<T>`. */
export function isTransparent(node: ts.Node): node is ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  // By kind, in one switch: every walk up or down an expression asks this.
  switch (node.kind) {
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return true;
    default:
      return false;
  }
}

/** The expression inside parentheses, casts and non-null assertions. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparent(current)) {
    current = current.expression;
  }
  return current;
}

/** The outermost of the parentheses, casts and non-null assertions around `node` (`node` itself if none). */
export function outermostExpression(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && isTransparent(current.parent)) {
    current = current.parent;
  }
  return current;
}

/**
 * The outermost expression whose value is the value of `node`: through parentheses, type
 * assertions, `await`, the branches of `?:` and the operands of `||`, `&&` and `??`.
 */
export function valuePosition(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (
      isTransparent(parent) ||
      ts.isAwaitExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current) ||
      (ts.isBinaryExpression(parent) &&
        [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken].includes(
          parent.operatorToken.kind,
        ) &&
        // The left operand of `&&` is only tested; its value flows on only when falsy.
        !(parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === current))
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

/** The identifier that names the function a call invokes: `b` in `a.b()`, `f` in `f()`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): ts.Identifier | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return callee.name;
  }
  return ts.isIdentifier(callee) ? callee : undefined;
}

/** `this.name`: a member of the instance a method runs on. */
export function isThisMember(node: ts.Node): node is ts.PropertyAccessExpression & { readonly name: ts.Identifier } {
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(node.name);
}

/**
 * The object a method is called on (`a` in `a.b()`), skipping parentheses and `!`, or
 * `undefined` for a plain function call.
 */
export function calleeReceiver(call: ts.CallExpression): ts.Expression | undefined {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}

/** Whether the identifier is the name a declaration introduces, not a use of it. */
export function isDeclarationName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyAccessExpression(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    (parent as ts.NamedDeclaration).name === identifier
  );
}

/** A class's `extends` clause (`extends pg.Pool`), if it has one. */
export function extendsClause(declaration: ts.ClassLikeDeclaration): ts.HeritageClause | undefined {
  return declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
}

/** Whether a value is passed, returned, stored or put in a container (rather than just read). */
export function isHandedOn(value: ts.Expression): boolean {
  const parent = value.parent;
  return (
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && !!parent.arguments?.includes(value)) ||
    ts.isReturnStatement(parent) ||
    (ts.isArrowFunction(parent) && parent.body === value) ||
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) ||
    (ts.isVariableDeclaration(parent) && parent.initializer === value)
  );
}

/** The value a variable declaration is initialised with, past an `await` (`const client = await pool.connect()`). */
export function initialValue(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
  return initializer && ts.isAwaitExpression(initializer) ? skipOuterExpressions(initializer.expression) : initializer;
}

/** `call.method()`: the call of `method` on the result of `call`, if the code makes it. */
export function chainedCall(call: ts.CallExpression, method: string): ts.CallExpression | undefined {
  const access = call.parent;
  const next = access.parent;
  return ts.isPropertyAccessExpression(access) && access.name.text === method && ts.isCallExpression(next) && next.expression === access
    ? next
    : undefined;
}

/** `null`, `undefined` or `void …`. */
export function isNothing(node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}

/** `.then(onFulfilled)` with no rejection handler, where `handler` is the fulfilment handler. */
export function isOnlyFulfilledHandler(call: ts.CallExpression, handler: ts.Expression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' && call.arguments.length === 1 && call.arguments[0] === handler;
}

/** Whether the call (or tagged template) is awaited, or chained with `.then()`/`.catch()`/`.finally()`. */
export function isAwaitedOrChained(call: ts.CallExpression | ts.TaggedTemplateExpression): boolean {
  const node = outermostExpression(call);
  const parent = node.parent;
  return (
    ts.isAwaitExpression(parent) ||
    (ts.isPropertyAccessExpression(parent) && parent.expression === node && PROMISE_CHAIN_METHODS.has(parent.name.text) && ts.isCallExpression(parent.parent))
  );
}

/** Whether the caller waits for this call: it is awaited, returned, yielded, or in an awaited combinator. */
export function isAwaited(node: ts.CallExpression | ts.NewExpression): boolean {
  const top = outermostExpression(node);
  const parent = top.parent;
  if (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || ts.isYieldExpression(parent)) {
    return true;
  }
  if (ts.isArrowFunction(parent) && parent.body === top) {
    return true;
  }
  // `await Promise.all([fetch(a), fetch(b)])`
  if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && isCombinator(parent.parent)) {
    return isAwaited(parent.parent);
  }
  return false;
}

function isCombinator(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && COMBINATORS.has(callee.name.text);
}

/** Whether a function is called where it is written: `(async () => { … })()`. */
export function isImmediatelyInvoked(fn: ts.Node): boolean {
  const value = outermostExpression(fn);
  return ts.isCallExpression(value.parent) && value.parent.expression === value;
}

/** Whether a function is an argument of a call or `new`. */
export function isCallbackArgument(fn: ts.Node): boolean {
  const value = outermostExpression(fn);
  const parent = value.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && !!parent.arguments?.includes(value as ts.Expression);
}

/**
 * Whether a function is a callback handed to a timer or an event (`setTimeout(() => …)`,
 * `.on('x', …)`), or to one of `later` (a transaction's `afterCommit`).
 */
export function isDeferred(fn: ts.Node, later: ReadonlySet<string> = NONE): boolean {
  const parent = outermostExpression(fn).parent;
  if (!ts.isCallExpression(parent)) {
    return false;
  }
  const name = calleeName(parent);
  return !!name && (DEFERRING_FUNCTIONS.has(name.text) || later.has(name.text));
}

/**
 * The calls a function waits for before it completes: awaited, returned, yielded, or members of
 * an awaited `Promise.all([…])`, also inside callbacks it runs at once (`ids.map(async …)`),
 * not inside callbacks deferred to timers or events.
 */
export function awaitedCalls(fn: ts.SignatureDeclaration | ts.Node, later: ReadonlySet<string> = NONE): (ts.CallExpression | ts.NewExpression)[] {
  const found: (ts.CallExpression | ts.NewExpression)[] = [];
  const body = ts.isFunctionLike(fn) ? (fn as ts.FunctionLikeDeclaration).body : fn;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (isDeferred(node, later) || !(isCallbackArgument(node) || isImmediatelyInvoked(node)))) {
      return;
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isAwaited(node)) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  if (body) {
    if (ts.isBlock(body)) {
      ts.forEachChild(body, visit);
    } else {
      visit(body);
    }
  }
  return found;
}

/**
 * The calls inside the inline callbacks of `call` that run before its caller moves on: those of
 * an array method (`rows.map((row) => …)`), and those of a promise chain the caller waits for
 * (`await query.then(async (rows) => …)`), nested callbacks included. Callbacks deferred to
 * timers or events do not run then.
 */
export function callsInWaitedCallbacks(call: ts.CallExpression): (ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression)[] {
  const name = calleeName(call)?.text;
  const runsNow = !!name && (CALLING_ARRAY_METHODS.has(name) || (PROMISE_CHAIN_METHODS.has(name) && isAwaited(chainEnd(call))));
  if (!runsNow) {
    return [];
  }
  const found: (ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (isDeferred(node) || !isCallbackArgument(node))) {
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  for (const argument of call.arguments) {
    const callback = skipOuterExpressions(argument);
    if ((ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && callback.body) {
      visit(callback.body);
    }
  }
  return found;
}

/** The last call of the chain `call` is part of: `a.then(f).catch(g)` for `a.then(f)`. */
function chainEnd(call: ts.CallExpression): ts.CallExpression {
  let end = call;
  for (let parent = outermostExpression(end).parent; ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent; parent = outermostExpression(end).parent) {
    end = parent.parent;
  }
  return end;
}

/** The executor of `new Promise(executor)`, when it is written inline. */
export function promiseExecutor(node: ts.NewExpression): ts.FunctionLikeDeclaration | undefined {
  const executor = node.arguments?.[0];
  return ts.isIdentifier(node.expression) && node.expression.text === 'Promise' && executor && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))
    ? executor
    : undefined;
}

/** The names of a function's parameters that are plain identifiers (not destructured). */
export function parameterNames(fn: ts.SignatureDeclaration): ReadonlySet<string> {
  return new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
}

/** Every call in a function body, nested callbacks included. */
export function callsIn(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) {
    visit(fn.body);
  }
  return calls;
}

/** The function whose body contains `node`, if the engine analyses it (not a generator). */
export function analysableFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassStaticBlockDeclaration(current)) {
      return undefined;
    }
    if (ts.isFunctionLike(current)) {
      const isGenerator = !!(current as ts.FunctionLikeDeclarationBase).asteriskToken;
      return isGenerator || !(current as ts.FunctionLikeDeclarationBase).body ? undefined : current;
    }
  }
  return undefined;
}

/** The nearest function-like node around `node`. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return current;
    }
  }
  return undefined;
}

/** The block, loop, switch or function at whose end the variable declared here goes out of scope. */
export function declaringScope(declaration: ts.VariableDeclaration, fn: ts.SignatureDeclaration): ts.Node | undefined {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) {
    return undefined;
  }
  if ((list.flags & ts.NodeFlags.BlockScoped) === 0) {
    return fn;
  }
  const holder = list.parent;
  if (ts.isForStatement(holder) || ts.isForOfStatement(holder) || ts.isForInStatement(holder)) {
    return holder;
  }
  const container = holder.parent;
  if (ts.isBlock(container)) {
    return container;
  }
  if (ts.isCaseClause(container) || ts.isDefaultClause(container)) {
    return container.parent.parent;
  }
  return undefined;
}

/** Whether an expression is the string `text` (`'error'`, `'error' as const`). */
export function isText(expression: ts.Expression, text: string): boolean {
  const node = skipOuterExpressions(expression);
  return ts.isStringLiteralLike(node) && node.text === text;
}

/** The event a method call registers a listener for (`x.on('error', …)`), when it is written as a string. */
export function listenerEvent(call: ts.CallExpression): string | undefined {
  const event = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  return ts.isPropertyAccessExpression(call.expression) && LISTENER_METHODS.has(call.expression.name.text) && event && ts.isStringLiteralLike(event) ? event.text : undefined;
}

/**
 * The names a file binds to imports at its top level, each with the name it imports (`Pool` for
 * `import { Pool as PgPool }`), or `undefined` for a whole module or its default (`import pg
 * from 'pg'`, `import * as db`, `const postgres = require('postgres')`). Read from the syntax,
 * so a call or `new` of any other name is not asked about.
 */
export const importBindings = cachedFn((file: ts.SourceFile): ReadonlyMap<string, string | undefined> => {
  const bindings = new Map<string, string | undefined>();
  const bind = (name: ts.BindingName, imported: string | undefined): void => {
    if (ts.isIdentifier(name)) {
      bindings.set(name.text, imported);
      return;
    }
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) {
        const property = element.propertyName ?? element.name;
        bind(element.name, ts.isIdentifier(property) ? property.text : undefined);
      }
    }
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) {
        bindings.set(clause.name.text, undefined);
      }
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) {
        bindings.set(named.name.text, undefined);
      } else if (named) {
        named.elements.forEach((element) => bindings.set(element.name.text, (element.propertyName ?? element.name).text));
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      bindings.set(statement.name.text, undefined);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (value && isRequire(value)) {
          // `const Pool = require('pg').Pool` imports `Pool`.
          bind(declaration.name, ts.isPropertyAccessExpression(value) ? value.name.text : undefined);
        }
      }
    }
  }
  return bindings;
});

/** `require('x')`, `require('x').y`, `require('x')()` and the like. */
function isRequire(node: ts.Expression): boolean {
  const value = skipOuterExpressions(node);
  if (ts.isCallExpression(value)) {
    return (ts.isIdentifier(value.expression) && value.expression.text === 'require') || isRequire(value.expression);
  }
  return ts.isPropertyAccessExpression(value) ? isRequire(value.expression) : false;
}

/**
 * Every identifier under a function's body, in source order and by name, and the shorthand
 * properties (`{ client }`) by the name they read: built once per function, so that each
 * obligation of the function reads the references of its own names rather than walking the body.
 */
export interface NameIndex {
  /** Identifiers and shorthand properties by name, in source order; a shorthand comes before its own name. */
  readonly byName: ReadonlyMap<string, readonly (ts.Identifier | ts.ShorthandPropertyAssignment)[]>;
  /** Every identifier, in source order. */
  readonly identifiers: readonly ts.Identifier[];
}

export const nameIndex = cachedFn((root: ts.Node): NameIndex => {
  const byName = new Map<string, (ts.Identifier | ts.ShorthandPropertyAssignment)[]>();
  const identifiers: ts.Identifier[] = [];
  const add = (name: string, node: ts.Identifier | ts.ShorthandPropertyAssignment): void => {
    const list = byName.get(name);
    if (list) {
      list.push(node);
    } else {
      byName.set(name, [node]);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      add(node.text, node);
      identifiers.push(node);
      return;
    }
    if (ts.isShorthandPropertyAssignment(node)) {
      add(node.name.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return { byName, identifiers };
});

/** The entries of `name` in `index` that lie inside `range`, in source order. */
export function occurrencesWithin(index: NameIndex, name: string, range: ts.TextRange): (ts.Identifier | ts.ShorthandPropertyAssignment)[] {
  return (index.byName.get(name) ?? []).filter((node) => node.pos >= range.pos && node.end <= range.end);
}

/** The identifiers of `index` that lie inside `range`, found by bisection: a block's share of a long function. */
export function identifiersWithin(index: NameIndex, range: ts.TextRange): readonly ts.Identifier[] {
  const { identifiers } = index;
  let low = 0;
  let high = identifiers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (identifiers[middle]!.pos < range.pos) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  let end = low;
  while (end < identifiers.length && identifiers[end]!.end <= range.end) {
    end++;
  }
  return identifiers.slice(low, end);
}

/** `text`, matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/**
 * Every function of a file that has a name to be called by: declarations, methods, `const f = () => …`,
 * `f: () => …`, `exports.f = () => …`. Kept per file, which the program's indexes read in turn.
 */
export const namedFunctions = cachedFn((file: ts.SourceFile): readonly (readonly [string, ts.FunctionLikeDeclaration])[] => {
  const functions: [string, ts.FunctionLikeDeclaration][] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
      functions.push([node.name.text, node]);
    } else if (
      (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      functions.push([node.name.text, node.initializer]);
    } else if (
      // `exports.withTransaction = async (fn) => …`, `this.getClient = function () { … }`
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      ts.isIdentifier(node.left.name) &&
      (ts.isArrowFunction(node.right) || ts.isFunctionExpression(node.right))
    ) {
      functions.push([node.left.name.text, node.right]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return functions;
});

/** Whether `callback` is the listener a call registers (`x.on('end', callback)`, `addEventListener`). */
export function isListenerFor(call: ts.CallExpression, callback: ts.Expression): boolean {
  const name = calleeName(call)?.text;
  return !!name && (LISTENER_METHODS.has(name) || name === 'addEventListener') && call.arguments[1] === callback;
}

/**
 * The names of the functions of `files` that are of some kind, found in rounds: the first reads
 * the files that call a name of `seed` (or match `alsoInFirstRound`), each later one the files
 * that call a name the round before found; `isKind` is asked with the names of its round. A
 * syntactic pre-filter for the program's indexes, read before the checker is asked anything.
 */
export function functionsFoundInRounds(
  files: readonly ts.SourceFile[],
  seed: ReadonlySet<string>,
  rounds: number,
  isKind: (fn: ts.FunctionLikeDeclaration, called: ReadonlySet<string>, round: number) => boolean,
  alsoInFirstRound?: RegExp,
): ReadonlySet<string> {
  const found = new Set<string>();
  let called = seed;
  for (let round = 0; round < rounds && called.size > 0; round++) {
    const calls = new RegExp(String.raw`\b(${[...called].map(escapeRegExp).join('|')})\s*\(`);
    const alsoRead = round === 0 ? alsoInFirstRound : undefined;
    const next = new Set<string>();
    for (const file of files.filter((candidate) => calls.test(candidate.text) || alsoRead?.test(candidate.text))) {
      for (const [name, fn] of namedFunctions(file)) {
        if (!found.has(name) && isKind(fn, called, round)) {
          next.add(name);
        }
      }
    }
    next.forEach((name) => found.add(name));
    called = next;
  }
  return found;
}
