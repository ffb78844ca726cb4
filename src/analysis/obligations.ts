/**
 * @fileoverview Obligations: from a site the effects recognised (an acquisition, a variable
 * that holds a modelled resource) to the obligation the lifetime walk checks — who holds the
 * resource, where it is created, and where its holder goes out of scope. Nothing here walks
 * the flow or reports.
 */
import ts = require('typescript');

import type { LibraryModel, ResourceModel, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';
import type { AcquireSite } from './effects.js';
import type { PoolSite } from './pools.js';
import type { Obligation } from './obligation.js';
import type { FieldUses } from './class-bodies.js';

import { endsTransaction, givesBack, holderTest } from './holder-calls.js';
import { onlyUsedAs } from './factories.js';
import { analysableFunction, declaringScope, enclosingFunction, initialValue, listenerEvent, skipOuterExpressions, valuePosition } from './syntax.js';
import { rootSymbol } from './queries.js';
import { readsExistingValue } from './values.js';

export function obligationAt(cx: AnalysisContext, site: AcquireSite): Obligation | 'discarded' | undefined {
  const { call, library, resource } = site;
  if (site.form === 'callback' && site.model?.callback) {
    const callback = call.arguments?.at(-1);
    const form = site.model.callback;
    // A callback passed by name is analysed where it is written, if ever: not from this call.
    return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
      ? callbackObligation(cx, site, callback, form.resourceParam, form.releaseParam, form.errorParam)
      : undefined;
  }
  const fn = analysableFunction(call);
  if (!fn) {
    return undefined;
  }
  let value = valuePosition(call);
  const awaited = value !== call;
  // Builder methods that return the resource itself (`collection.find(q).sort(s).limit(n)`)
  // carry it on to the end of the chain.
  for (let link: ts.Expression | undefined = call; site.form === 'value' && value === link; ) {
    link = chainedResourceCall(cx, value, resource);
    value = link ? valuePosition(link) : value;
  }
  const parent = value.parent;

  const property = site.model?.inProperty?.name;
  if (property) {
    return awaited ? propertyObligation(cx, site, fn, value, property) : undefined;
  }

  if (site.form === 'receiver') {
    const receiver = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
    const symbol = receiver && ts.isIdentifier(receiver) ? cx.symbolOf(receiver) : undefined;
    const declaration = symbol?.valueDeclaration;
    // Only an object created here (`new Client()`, `pool.transaction()`) is owned here; a
    // parameter or a field is someone else's, and so is one a getter reads from where it is
    // kept (`const conn = this.peekConnection(tabId)`).
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    if (
      !declaration ||
      !ts.isVariableDeclaration(declaration) ||
      !initializer ||
      !(ts.isNewExpression(initializer) || ts.isCallExpression(initializer)) ||
      readsExistingValue(cx, initializer) ||
      analysableFunction(declaration) !== fn
    ) {
      return undefined;
    }
    const scope = declaringScope(declaration, fn);
    return scope && { library, resource, fn, creation: value, scope, holders: [symbol] };
  }

  if (ts.isExpressionStatement(parent)) {
    // An overload that returns nothing (a callback form the checker resolved) hands nothing back to keep.
    return cx.checker.getTypeAtLocation(call).flags & ts.TypeFlags.Void ? undefined : 'discarded';
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
    const list = parent.parent;
    const usesUsing = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Using) !== 0;
    if (usesUsing || (site.form === 'promise' && !awaited)) {
      return undefined;
    }
    const symbol = cx.symbolOf(parent.name);
    const scope = declaringScope(parent, fn);
    return symbol && scope ? { library, resource, fn, creation: branchOf(call, value) ?? parent, scope, holders: [symbol] } : undefined;
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === value &&
    ts.isIdentifier(parent.left) &&
    (site.form !== 'promise' || awaited)
  ) {
    const symbol = cx.symbolOf(parent.left);
    const declaration = symbol?.valueDeclaration;
    // Assigned to a variable of an enclosing function: stored outside, someone else releases it.
    if (!declaration || !ts.isVariableDeclaration(declaration) || analysableFunction(declaration) !== fn) {
      return undefined;
    }
    const scope = declaringScope(declaration, fn);
    return scope && { library, resource, fn, creation: branchOf(call, value) ?? parent, scope, holders: [symbol] };
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
    const use = parent.parent;
    if (parent.name.text === 'then' && !awaited && ts.isCallExpression(use) && use.expression === parent) {
      const onFulfilled = use.arguments[0];
      return onFulfilled && (ts.isArrowFunction(onFulfilled) || ts.isFunctionExpression(onFulfilled))
        ? callbackObligation(cx, site, onFulfilled, 0, undefined, undefined)
        : undefined;
    }
    if (awaited || site.form === 'value') {
      // `(await pool.connect()).query(…)`: used once, never given back. A lazy resource used
      // once (`collection.find(q).next()`) may be read to its end by that use.
      const isRelease = ts.isCallExpression(use) && use.expression === parent && givesBack(resource, parent.name.text);
      // A lazy resource used once (`collection.find(q).next()`) may be read to its end by that use,
      // unless any use connects it (`dataSource.createQueryRunner().manager…`).
      const connects = resource.lazy && !resource.openedBy && !resource.idleReads?.includes(parent.name.text);
      return isRelease || (resource.lazy && !connects) ? undefined : 'discarded';
    }
  }
  return undefined;
}

/**
 * A resource kept in a property of an awaited result: `const { resultSet } = await …`,
 * `(await …).resultSet`, or `const result = await …; const rows = result.resultSet`.
 */
function propertyObligation(cx: AnalysisContext, site: AcquireSite, fn: ts.SignatureDeclaration, value: ts.Expression, property: string): Obligation | undefined {
  const { library, resource } = site;
  const parent = value.parent;
  const held = (declaration: ts.VariableDeclaration, name: ts.Identifier): Obligation | undefined => {
    const symbol = cx.symbolOf(name);
    const scope = declaringScope(declaration, fn);
    return symbol && scope ? { library, resource, fn, creation: declaration, scope, holders: [symbol] } : undefined;
  };
  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isObjectBindingPattern(parent.name)) {
    const element = parent.name.elements.find(
      (candidate) => ((candidate.propertyName ?? candidate.name) as ts.Node).getText() === property && ts.isIdentifier(candidate.name),
    );
    return element ? held(parent, element.name as ts.Identifier) : undefined;
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === value && parent.name.text === property) {
    const outer = valuePosition(parent).parent;
    return ts.isVariableDeclaration(outer) && ts.isIdentifier(outer.name) && outer.initializer === valuePosition(parent) ? held(outer, outer.name) : undefined;
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
    // `const rows = result.resultSet`, anywhere in the function.
    const result = cx.symbolOf(parent.name);
    let found: Obligation | undefined;
    const visit = (node: ts.Node): void => {
      if (found || (ts.isFunctionLike(node) && node !== fn)) {
        return;
      }
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
        const initializer = skipOuterExpressions(node.initializer);
        if (
          ts.isPropertyAccessExpression(initializer) &&
          initializer.name.text === property &&
          ts.isIdentifier(initializer.expression) &&
          cx.symbolOf(initializer.expression) === result
        ) {
          found = held(node, node.name);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(fn);
    return found;
  }
  return undefined;
}

function callbackObligation(cx: AnalysisContext, 
  site: AcquireSite,
  callback: ts.ArrowFunction | ts.FunctionExpression,
  resourceParam: number,
  releaseParam: number | undefined,
  errorParam: number | undefined,
): Obligation | undefined {
  if (callback.asteriskToken) {
    return undefined;
  }
  const holder = parameterSymbolOf(cx, callback, resourceParam);
  const releaseFunction = parameterSymbolOf(cx, callback, releaseParam);
  return {
    library: site.library,
    resource: site.resource,
    fn: callback,
    creation: callback,
    scope: callback,
    holders: holder ? [holder] : [],
    releaseFunctions: releaseFunction ? [releaseFunction] : [],
    errorParameter: parameterSymbolOf(cx, callback, errorParam),
  };
}

/** The variable a callback's parameter at `index` declares, when it is a plain name. */
function parameterSymbolOf(cx: AnalysisContext, callback: ts.SignatureDeclaration, index: number | undefined): ts.Symbol | undefined {
  const parameter = index === undefined ? undefined : callback.parameters[index];
  return parameter && ts.isIdentifier(parameter.name) ? cx.symbolOf(parameter.name) : undefined;
}

export function holderObligation(cx: AnalysisContext, symbol: ts.Symbol): Obligation | undefined {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) || !ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const call = initialValue(declaration);
    const site = call && ts.isCallExpression(call) ? cx.effects.acquireSite(call) : undefined;
    if (site) {
      const obligation = obligationAt(cx, site);
      return obligation === 'discarded' ? undefined : obligation;
    }
  }
  const fn = ts.isParameter(declaration) ? declaration.parent : analysableFunction(declaration);
  if (!fn || !ts.isFunctionLike(fn)) {
    return undefined;
  }
  // A parameter of an acquisition's callback (`pool.connect((err, client, done) => …)`).
  const call = ts.isParameter(declaration) ? valuePosition(fn as ts.Expression).parent : undefined;
  const site = call && ts.isCallExpression(call) ? cx.effects.acquireSite(call) : undefined;
  if (site?.form === 'callback') {
    const obligation = obligationAt(cx, site);
    return obligation === 'discarded' ? undefined : obligation;
  }
  const match = cx.roles.resourceOfType(cx.checker.getTypeAtLocation(declaration.name));
  if (!match) {
    return undefined;
  }
  const creation = ts.isParameter(declaration) ? fn : declaration;
  return { ...match, fn, creation, scope: fn, holders: [symbol] };
}

/** The call of a builder method on `value` that returns the same resource (`.sort(…)` on a cursor), if there is one. */
function chainedResourceCall(cx: AnalysisContext, value: ts.Expression, resource: ResourceModel): ts.CallExpression | undefined {
  const access = value.parent;
  const call = access.parent;
  if (
    !ts.isPropertyAccessExpression(access) ||
    access.expression !== value ||
    !ts.isCallExpression(call) ||
    call.expression !== access ||
    givesBack(resource, access.name.text)
  ) {
    return undefined;
  }
  return cx.roles.resourceOfType(cx.checker.getTypeAtLocation(call))?.resource === resource ? call : undefined;
}

/** The pool a client variable was acquired from (`pool` in `const client = await pool.connect()`). */
export function poolOf(cx: AnalysisContext, declaration: ts.Declaration): ts.Symbol | undefined {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) {
    return undefined;
  }
  let init = skipOuterExpressions(declaration.initializer);
  if (ts.isAwaitExpression(init)) {
    init = skipOuterExpressions(init.expression);
  }
  if (!ts.isCallExpression(init) || !cx.effects.acquireSite(init)) {
    return undefined;
  }
  const callee = skipOuterExpressions(init.expression);
  return ts.isPropertyAccessExpression(callee) ? rootSymbol(cx, callee.expression) : undefined;
}

/**
 * The idiom `const client = await pool.connect(); try { … } finally { client.release(); … }`,
 * with the release first in `finally`: every path out of the `try` runs the release before
 * anything else, and nothing runs between the acquisition and the `try`. A structural proof
 * that needs no walk, for the most common correct code.
 */
export function releasedByNextFinally(obligation: Obligation): boolean {
  const declaration = obligation.creation;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
    return false;
  }
  const list = declaration.parent;
  const statement = list.parent;
  if (!(list.flags & ts.NodeFlags.Const) || !ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) {
    return false;
  }
  const siblings = statement.parent.statements;
  const next = siblings[siblings.indexOf(statement) + 1];
  const first = next && ts.isTryStatement(next) ? next.finallyBlock?.statements[0] : undefined;
  if (!first || !ts.isExpressionStatement(first)) {
    return false;
  }
  let call = first.expression;
  if (ts.isAwaitExpression(call)) {
    call = call.expression;
  }
  return (
    ts.isCallExpression(call) &&
    ts.isPropertyAccessExpression(call.expression) &&
    ts.isIdentifier(call.expression.expression) &&
    call.expression.expression.text === declaration.name.text &&
    obligation.resource.release.includes(call.expression.name.text) &&
    !obligation.resource.releaseCompletedBy
  );
}

/**
 * The branch of `value` the acquisition is made in, when it is made only on some paths:
 * `createQueryRunner()` in `queryRunner ?? createQueryRunner()`, or in one arm of `c ? a : b`.
 * The resource exists from there, on those paths only; a later `if (!queryRunner)` then tells
 * which paths must release it.
 */
function branchOf(call: ts.Expression, value: ts.Expression): ts.Expression | undefined {
  let branch: ts.Expression | undefined;
  for (let current: ts.Node = call; current !== value; current = current.parent) {
    const parent = current.parent;
    const isShortCircuitRight =
      ts.isBinaryExpression(parent) &&
      parent.right === current &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(parent.operatorToken.kind);
    const isArm = ts.isConditionalExpression(parent) && parent.condition !== current;
    if (isShortCircuitRight || isArm) {
      branch = current as ts.Expression;
    }
  }
  return branch;
}

/**
 * An acquisition kept in a private field (`this.client = await pool.connect()`) of a class that
 * never gives the field back nor hands it on: no code can release it (the field is private), so
 * each call of the member leaks one.
 */
export function unreleasedField(cx: AnalysisContext, site: AcquireSite): { field: string; owner: string } | undefined {
  const value = valuePosition(site.call);
  const assignment = value.parent;
  if (
    site.form === 'callback' ||
    site.form === 'receiver' ||
    (site.form === 'promise' && value === site.call) ||
    !ts.isBinaryExpression(assignment) ||
    assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    assignment.right !== value
  ) {
    return undefined;
  }
  const left = skipOuterExpressions(assignment.left);
  if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) {
    return undefined;
  }
  const field = left.name.text;
  let declaration: ts.Node | undefined = assignment;
  while (declaration && !ts.isClassDeclaration(declaration)) {
    declaration = declaration.parent;
  }
  if (!declaration || !ts.isClassDeclaration(declaration) || !declaration.name || !isPrivateField(declaration, left.name)) {
    return undefined;
  }
  const facts = cx.owningClasses.fieldsOf(declaration);
  if (!facts.borrowedFields.has(field) || listenedOn(facts.fieldUses.get(field), site.resource.keptOpenForEvents)) {
    return undefined;
  }
  return { field, owner: declaration.name.text };
}

/** Whether a member listens on the field for an event it is kept open for (`this.client.on('notification', …)`, a LISTEN client). */
function listenedOn(uses: FieldUses | undefined, events: readonly string[] | undefined): boolean {
  return !!events && !!uses?.calls.some(({ call }) => events.includes(listenerEvent(call) ?? ''));
}

/** Whether no code outside the class can reach the field: `#client`, or declared `private`. */
function isPrivateField(declaration: ts.ClassDeclaration, name: ts.MemberName): boolean {
  if (ts.isPrivateIdentifier(name)) {
    return true;
  }
  const isPrivate = (node: ts.Node): boolean => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword);
  const property = declaration.members.find((member) => ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name.text);
  if (property) {
    return isPrivate(property);
  }
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  const parameter = constructor?.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name.text);
  return !!parameter && isPrivate(parameter);
}

/**
 * A transaction begun with a callback (`conn.beginTransaction((err) => …)`, `client.query('BEGIN',
 * (err) => …)`): it is open inside the callback, once the begin has run, and only when `err` is
 * not set.
 */
export function beginCallbackObligation(
  cx: AnalysisContext,
  begin: ts.CallExpression,
  library: LibraryModel,
  resource: ResourceModel,
  handle: ts.Symbol,
  transaction: TransactionModel,
): Obligation | undefined {
  const callback = begin.arguments.at(-1);
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.asteriskToken) {
    return undefined;
  }
  return {
    library,
    resource,
    fn: callback,
    creation: callback,
    scope: callback,
    holders: [handle],
    errorParameter: parameterSymbolOf(cx, callback, 0),
    releaseFunctions: releaseFunctionsAround(cx, callback, [handle], resource, transaction),
    transaction,
  };
}

/**
 * Functions declared around `fn`, where the holder is in scope, that give the resource back:
 * node-postgres's documented `shouldAbort(err)`, which rolls back, called from inside
 * `client.query('BEGIN', (err) => …)`. Calling one discharges, as calling a local one does.
 * Only the functions between `fn` and the holder's own function are read: a module-level holder
 * would have every obligation on it read the whole module again.
 */
function releaseFunctionsAround(
  cx: AnalysisContext,
  fn: ts.SignatureDeclaration,
  holders: readonly ts.Symbol[],
  resource: ResourceModel,
  transaction: TransactionModel | undefined,
): ts.Symbol[] {
  const holderScopes = new Set(holders.map((symbol) => symbol.valueDeclaration && enclosingFunction(symbol.valueDeclaration)));
  const isHolder = holderTest(holders, cx);
  const givesBackIn = (body: ts.Node): boolean => {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) {
        return;
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isHolder(skipOuterExpressions(node.expression.expression))) {
        const member = node.expression.name.text;
        found = transaction ? endsTransaction(node, member, transaction, cx) : givesBack(resource, member);
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  };
  const found: ts.Symbol[] = [];
  for (let scope = holderScopes.has(fn) ? undefined : enclosingFunction(fn); scope; scope = holderScopes.has(scope) ? undefined : enclosingFunction(scope)) {
    const body = (scope as ts.FunctionLikeDeclarationBase).body;
    for (const statement of body && ts.isBlock(body) ? body.statements : []) {
      const declared = functionDeclaredBy(statement);
      const symbol = declared && cx.symbolOf(declared.name);
      if (declared && symbol && givesBackIn(declared.body)) {
        found.push(symbol);
      }
    }
  }
  return found;
}

/** The function a statement declares (`function abort() {…}`, `const abort = (err) => {…}`), with its body. */
function functionDeclaredBy(statement: ts.Statement): { name: ts.Identifier; body: ts.Node } | undefined {
  if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
    return { name: statement.name, body: statement.body };
  }
  if (!ts.isVariableStatement(statement)) {
    return undefined;
  }
  for (const declaration of statement.declarationList.declarations) {
    const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
    if (ts.isIdentifier(declaration.name) && initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
      return { name: declaration.name, body: initializer.body };
    }
  }
  return undefined;
}

/**
 * A pool made inside a function and left open there: never closed (`pool.end()`), returned,
 * stored or handed on, only used. Each call of the function makes a new one and leaves its
 * connections open. Returns the function, and the variable that holds the pool if one does.
 */
export function poolLeftOpen(cx: AnalysisContext, site: PoolSite): { fn: ts.SignatureDeclaration; holder: ts.Identifier | undefined } | undefined {
  const closedBy = site.pool.closedBy;
  const fn = closedBy && ts.findAncestor(site.node.parent, ts.isFunctionLike);
  if (!closedBy || !fn || !(fn as ts.FunctionLikeDeclaration).body) {
    return undefined;
  }
  // A query through it (`pool.query(…)`, knex's `db('users')`, postgres.js's `` sql`…` ``), not a close.
  // What a call on it gives back may hold the pool, kept for later (a MongoClient's `cached =
  // client.connect()`, which resolves to the client, or its `db()`): such a result assigned or
  // returned keeps it; rows returned (`return pool.query(…)`) do not.
  const typeSymbolOf = (node: ts.Expression): ts.Symbol | undefined => {
    const type = cx.checker.getTypeAtLocation(node);
    return (cx.checker.getAwaitedType(type) ?? type).getSymbol();
  };
  const isThePool = (call: ts.CallExpression): boolean => {
    const symbol = typeSymbolOf(call);
    return symbol !== undefined && symbol === typeSymbolOf(site.node);
  };
  const keepsResult = (call: ts.CallExpression, method: string): boolean => {
    const position = valuePosition(call);
    const parent = position.parent;
    const kept = ts.isReturnStatement(parent) || (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === position);
    return kept && (!!site.pool.keptBy?.includes(method) || isThePool(call));
  };
  const used = (value: ts.Expression): boolean => {
    const parent = value.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
      const call = parent.parent;
      return !closedBy.includes(parent.name.text) && !(ts.isCallExpression(call) && call.expression === parent && keepsResult(call, parent.name.text));
    }
    return (ts.isCallExpression(parent) && parent.expression === value) || (ts.isTaggedTemplateExpression(parent) && parent.tag === value);
  };
  // `mongoose.createConnection(uri).asPromise()`: a method that gives back the pool itself goes on with it.
  const givesBackPool = (node: ts.Node): node is ts.PropertyAccessExpression =>
    ts.isPropertyAccessExpression(node) && ts.isCallExpression(node.parent) && node.parent.expression === node && isThePool(node.parent);
  let value: ts.Expression = site.node;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAwaitExpression(value.parent) || givesBackPool(value.parent)) {
    value = ts.isPropertyAccessExpression(value.parent) ? (value.parent.parent as ts.CallExpression) : value.parent;
  }
  // `new Pool().query(…)`: made, used once and dropped.
  if (used(value)) {
    return { fn, holder: undefined };
  }
  const declaration = value.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== value || !ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  const holder = declaration.name;
  return onlyUsedAs(cx, holder, fn, used) ? { fn, holder } : undefined;
}
