/**
 * @fileoverview The one way the engine follows a name back to the expression that defines it.
 *
 * A pool's size written as a constant, a listener attached to a variable initialised from a
 * getter, a query handle kept in a constant: each question follows names to their initializers.
 * Valid code can make that a cycle (`var emitter = emitter`, two modules' constants naming each
 * other), so every walk goes through a {@link ValueTrail}, which passes each declaration once.
 */
import ts = require('typescript');
import { skipOuterExpressions } from './syntax.js';
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
