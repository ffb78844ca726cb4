/**
 * @fileoverview The one way the engine follows a name back to the expression that defines it.
 *
 * A pool's size written as a constant, a listener attached to a variable initialised from a
 * getter, a query handle kept in a constant: each question follows names to their initializers.
 * Valid code can make that a cycle (`var emitter = emitter`, two modules' constants naming each
 * other), so every walk goes through a {@link ValueTrail}, which passes each declaration once.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';

import { withoutViews } from './holder-calls.js';
import { enclosingFunction, skipOuterExpressions } from './syntax.js';
import { symbolAt } from './types.js';

export interface TrailOptions {
  /** Follow `let` and `var` too, not only `const` and the properties of constant objects. */
  readonly anyVariable?: boolean;
}

/**
 * One question's walk through initializers. Each declaration is followed at most once per
 * trail: a cycle ends the walk instead of the stack.
 */
export class ValueTrail {
  private readonly seen = new Set<ts.Declaration>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly options: TrailOptions = {},
  ) {}

  /**
   * The initializer of the variable (or object property) that `node` names, without
   * parentheses and casts; `undefined` when there is none to follow, or when this trail has
   * already passed through that declaration.
   */
  initializerOf(node: ts.Expression): ts.Expression | undefined {
    const inner = skipOuterExpressions(node);
    const name = ts.isIdentifier(inner) ? inner : ts.isPropertyAccessExpression(inner) ? inner.name : undefined;
    const declaration = name && symbolAt(this.checker, name)?.valueDeclaration;
    if (!declaration || this.seen.has(declaration)) {
      return undefined;
    }
    let initializer: ts.Expression | undefined;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isVariableDeclarationList(declaration.parent)) {
      const isConst = (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
      initializer = isConst || this.options.anyVariable ? declaration.initializer : undefined;
    } else if (ts.isPropertyAssignment(declaration)) {
      initializer = declaration.initializer;
    }
    if (!initializer) {
      return undefined;
    }
    this.seen.add(declaration);
    return skipOuterExpressions(initializer);
  }
}

/** How many project functions deep a returned value is followed. */
const MAX_RETURN_DEPTH = 3;

/**
 * Whether `expression` reads a value that exists before it runs, rather than making one: a
 * parameter or outer variable, a field or element (`this.client`, `clients[id]`), an entry of a
 * built-in collection (`this.reserved.get(tabId)`), or what a project function returns of those
 * (`this.peekConnection(tabId)`), through `const` locals and views (`db.promise()`). A handle
 * read this way is lent by whoever keeps it, and may be left in a transaction for them.
 */
export function readsExistingValue(cx: AnalysisContext, expression: ts.Expression, trail = new ValueTrail(cx.checker), depth = 0): boolean {
  let value = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(value)) {
    value = skipOuterExpressions(value.expression);
  }
  if (ts.isIdentifier(value)) {
    const declaration = cx.symbolOf(value)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || enclosingFunction(declaration) !== enclosingFunction(value)) {
      return !!declaration;
    }
    const initializer = trail.initializerOf(value);
    return !!initializer && readsExistingValue(cx, initializer, trail, depth);
  }
  if (ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
    return true;
  }
  if (!ts.isCallExpression(value)) {
    return false;
  }
  // `db.promise()`: the same connection under another API, existing as `db` does.
  const viewed = cx.roles.models.map((library) => withoutViews(value, library)).find((inner) => inner !== value);
  if (viewed) {
    return readsExistingValue(cx, viewed, trail, depth);
  }
  const fn = cx.roles.projectCallee(value);
  if (fn) {
    const returned = depth < MAX_RETURN_DEPTH ? returnedValues(fn) : [];
    return returned.length > 0 && returned.every((result) => result !== undefined && readsExistingValue(cx, result, trail, depth + 1));
  }
  // `Map.prototype.get`, `Array.prototype.find`: TypeScript's own library holds no connection.
  const callee = skipOuterExpressions(value.expression);
  const declarations = ts.isPropertyAccessExpression(callee) ? cx.roles.symbolAt(callee.name)?.declarations : undefined;
  return !!declarations?.length && declarations.every((declaration) => cx.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/** What each `return` of a function gives back (`undefined` for a bare `return`), or its expression body. */
export function returnedValues(fn: ts.FunctionLikeDeclaration): (ts.Expression | undefined)[] {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) {
    return body ? [body] : [];
  }
  const values: (ts.Expression | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isReturnStatement(node)) {
      values.push(node.expression);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return values;
}
