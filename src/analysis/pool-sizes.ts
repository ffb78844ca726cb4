/**
 * @fileoverview How many connections a pool opens, read from the code that creates it: the
 * option as written (`max: 20`, a constant it names, an environment variable's fallback), or
 * the library's default when it is not set.
 */
import ts = require('typescript');

import type { PoolModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { skipOuterExpressions } from './syntax.js';
import { ValueTrail } from './values.js';

/** A pool's statically known size, and where it comes from. */
export interface PoolSize {
  readonly value: number;
  /**
   * - `option`: written in the code (`max: 20`, or a constant it names);
   * - `environment`: the fallback of an environment variable (`Number(process.env.X ?? '25')`);
   * - `default`: not set, so the library's default.
   */
  readonly source: 'default' | 'environment' | 'option';
  /** For `environment`, the variable (`PG_POOL_MAX`). */
  readonly variable?: string;
}

const PARSE_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat']);

/** The most connections a pool opens, when the code creating it at `node` says so statically (or leaves the default). */
export function readPoolSize(cx: AnalysisContext, node: ts.NewExpression | ts.CallExpression, pool: PoolModel): PoolSize | undefined {
  const size = pool.size;
  if (!size) {
    return undefined;
  }
  const { checker } = cx;
  const trail = new ValueTrail(checker);
  // The options follow any connection string (`postgres(url, { max })`, `new Sequelize(uri, { pool })`).
  const argument = node.arguments?.find((candidate) => !(checker.getTypeAtLocation(candidate).flags & ts.TypeFlags.StringLike));
  if (!argument) {
    return { value: size.default, source: 'default' };
  }
  const options = objectOf(cx, argument, trail);
  if (!options) {
    return undefined;
  }
  for (const path of size.options) {
    const found = lookup(cx, options, path, trail);
    if (found === 'unknown') {
      return undefined;
    }
    if (found) {
      return numberOf(cx, found, trail);
    }
  }
  return { value: size.default, source: 'default' };
}

/**
 * The property at `path` of an object literal: the expression, `undefined` when the literal
 * certainly does not set it, `unknown` when a spread or a computed name might.
 */
function lookup(cx: AnalysisContext, object: ts.ObjectLiteralExpression, path: readonly string[], trail: ValueTrail): ts.Expression | undefined | 'unknown' {
  const [head, ...rest] = path;
  let found: ts.Expression | undefined | 'unknown';
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = objectOf(cx, property.expression, trail);
      found = spread ? (lookup(cx, spread, [head!], trail) ?? found) : 'unknown';
    } else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === head) {
      found = property.initializer;
    } else if (ts.isShorthandPropertyAssignment(property) && property.name.text === head) {
      found = property.name;
    } else if (ts.isPropertyAssignment(property) && ts.isComputedPropertyName(property.name)) {
      found = 'unknown';
    }
  }
  if (rest.length === 0 || found === undefined || found === 'unknown') {
    return found;
  }
  const inner = objectOf(cx, found, trail);
  return inner ? lookup(cx, inner, rest, trail) : 'unknown';
}

/** The object literal an expression evaluates to, through constants it names. */
function objectOf(cx: AnalysisContext, expression: ts.Expression, trail: ValueTrail): ts.ObjectLiteralExpression | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return node;
  }
  const initializer = trail.initializerOf(node);
  return initializer && objectOf(cx, initializer, trail);
}

/** A number the code states: a literal, a constant, or an environment variable's fallback. */
function numberOf(cx: AnalysisContext, expression: ts.Expression, trail: ValueTrail): PoolSize | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(node) || (ts.isStringLiteralLike(node) && node.text.trim() !== '' && Number.isFinite(Number(node.text)))) {
    return { value: Number(node.text), source: 'option' };
  }
  const type = cx.checker.getTypeAtLocation(node);
  if (type.isNumberLiteral()) {
    return { value: type.value, source: 'option' };
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && PARSE_FUNCTIONS.has(node.expression.text) && node.arguments[0]) {
    return numberOf(cx, node.arguments[0], trail);
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.PlusToken) {
    return numberOf(cx, node.operand, trail);
  }
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    const variable = environmentVariable(node.left);
    const fallback = variable !== undefined ? numberOf(cx, node.right, trail) : undefined;
    return fallback && { value: fallback.value, source: 'environment', variable };
  }
  if (ts.isConditionalExpression(node)) {
    // `process.env.X ? Number(process.env.X) : 25`
    const variable = environmentVariable(node.condition);
    const fallback = variable !== undefined ? numberOf(cx, node.whenFalse, trail) : undefined;
    return fallback && { value: fallback.value, source: 'environment', variable };
  }
  const initializer = trail.initializerOf(node);
  return initializer ? numberOf(cx, initializer, trail) : undefined;
}

/** `process.env.X` (or `process.env['X']`), possibly inside the test: the variable's name. */
function environmentVariable(expression: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) {
      return;
    }
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isProcessEnv(node.expression)) {
      found = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '';
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

function isProcessEnv(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process';
}
