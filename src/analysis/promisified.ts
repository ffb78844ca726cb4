/**
 * @fileoverview Acquisitions through `util.promisify`: services on a callback API (mysqljs)
 * write `const getConnection = util.promisify(pool.getConnection).bind(pool)`, or export it in an
 * object (`{ getConnection: promisify(pool.getConnection).bind(pool) }`), and then `await
 * getConnection()`. The promisified function acquires what the method it wraps acquires, in
 * promise form.
 */
import ts = require('typescript');

import { calleeName, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/**
 * The method a promisified function wraps: `pool.getConnection` of
 * `util.promisify(pool.getConnection)`, `promisify(pool.getConnection).bind(pool)`.
 */
export function promisifiedMethod(expression: ts.Expression): ts.Identifier | undefined {
  let value = skipOuterExpressions(expression);
  if (ts.isCallExpression(value) && calleeName(value)?.text === 'bind' && ts.isPropertyAccessExpression(value.expression)) {
    value = skipOuterExpressions(value.expression.expression);
  }
  if (!ts.isCallExpression(value) || calleeName(value)?.text !== 'promisify') {
    return undefined;
  }
  const wrapped = value.arguments[0] && skipOuterExpressions(value.arguments[0]);
  return wrapped && ts.isPropertyAccessExpression(wrapped) && ts.isIdentifier(wrapped.name) ? wrapped.name : undefined;
}

/**
 * The names a program binds to a promisified method of one of `methods` (a variable, an object
 * property, an `exports.x` assignment), each to the method it wraps: a syntactic index, read
 * once per program in the files that call `promisify`.
 */
export function promisifiedNames(program: ts.Program, methods: ReadonlySet<string>): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const bind = (name: ts.Node, value: ts.Expression): void => {
    const method = promisifiedMethod(value)?.text;
    if (method !== undefined && methods.has(method) && (ts.isIdentifier(name) || ts.isStringLiteral(name))) {
      names.set(name.text, method);
    }
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && node.initializer) {
      bind(node.name, node.initializer);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      bind(node.left.name, node.right);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (isProjectFile(file) && /\bpromisify\s*\(/.test(file.text)) {
      visit(file);
    }
  }
  return names;
}
