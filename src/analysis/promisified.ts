/**
 * @fileoverview Functions made from a handle's methods. Services on a callback API (mysqljs)
 * write `const getConnection = util.promisify(pool.getConnection).bind(pool)`, or export it in an
 * object (`{ getConnection: promisify(pool.getConnection).bind(pool) }`), and then `await
 * getConnection()`: the promisified function acquires what the method it wraps acquires, in
 * promise form. A function bound to a connection (`promisify(conn.query).bind(conn)`) is another
 * name for it.
 */
import ts = require('typescript');

import { calleeName, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/** The function a call binds: `fn` of `fn.bind(…)`. */
export function boundFunction(call: ts.Node): ts.Expression | undefined {
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'bind'
    ? skipOuterExpressions(call.expression.expression)
    : undefined;
}

/** Whether a call binds a function to `value` (`fn.bind(value)`). */
export function isBoundTo(call: ts.Node, value: ts.Expression): call is ts.CallExpression {
  return boundFunction(call) !== undefined && (call as ts.CallExpression).arguments[0] === value;
}

/** The method a `bind` call binds, by name: `release` of `conn.release.bind(conn)`. */
export function boundMethodName(bind: ts.CallExpression): string | undefined {
  const method = boundFunction(bind);
  return method && ts.isPropertyAccessExpression(method) ? method.name.text : undefined;
}

/**
 * The method a promisified function wraps: `pool.getConnection` of
 * `util.promisify(pool.getConnection)`, `promisify(pool.getConnection).bind(pool)`.
 */
export function promisifiedMethod(expression: ts.Expression): ts.Identifier | undefined {
  const written = skipOuterExpressions(expression);
  const value = boundFunction(written) ?? written;
  if (!ts.isCallExpression(value) || calleeName(value)?.text !== 'promisify') {
    return undefined;
  }
  const wrapped = value.arguments[0] && skipOuterExpressions(value.arguments[0]);
  return wrapped && ts.isPropertyAccessExpression(wrapped) && ts.isIdentifier(wrapped.name) ? wrapped.name : undefined;
}

/**
 * The value a declaration gives its name, for the shapes a promisified function is kept in:
 * `const f = v`, `{ f: v }`, a class field `f = v`, and `exports.f = v` (whose declaration is
 * `exports.f`).
 */
export function assignedValue(declaration: ts.Node): ts.Expression | undefined {
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) {
    return declaration.initializer;
  }
  const parent = declaration.parent;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && (parent.left as ts.Node) === declaration
    ? parent.right
    : undefined;
}

/**
 * The names a program binds to a promisified method of one of `methods` (a variable, an object
 * property, an `exports.x` assignment), each to the method it wraps: a syntactic index, read
 * once per program in the files that call `promisify`.
 */
export function promisifiedNames(program: ts.Program, methods: ReadonlySet<string>): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    const name =
      ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAccessExpression(node) ? node.name : undefined;
    const value = name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? assignedValue(node) : undefined;
    const method = value && promisifiedMethod(value)?.text;
    if (method !== undefined && methods.has(method)) {
      names.set((name as ts.Identifier | ts.StringLiteral).text, method);
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
