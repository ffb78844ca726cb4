/**
 * Project helpers that begin a transaction on a handle their caller gives them, and leave it
 * open for the caller to end: `const beginTransaction = (client) => client.query('BEGIN')`.
 * Their calls begin the transaction where they are made, on the argument.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { BeginSite, Effects } from './effects.js';

import { calleeName, calleeReceiver, escapeRegExp, namedFunctions, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/**
 * The names of the project's functions that may be such helpers: a call that may begin is made
 * on one of its parameters, and none that may end. A syntactic pre-filter, read once per
 * program and only in the files that call a method that may begin.
 */
export function beginHelperNames(program: ts.Program, effects: Effects): ReadonlySet<string> {
  const names = new Set<string>();
  const calls = new RegExp(String.raw`\.\s*(${[...effects.beginMethodNames].map(escapeRegExp).join('|')})\s*\(`);
  for (const file of program.getSourceFiles()) {
    if (!isProjectFile(file) || !calls.test(file.text)) {
      continue;
    }
    for (const [name, fn] of namedFunctions(file)) {
      const parameters = new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
      // Its calls are walked only when its own text calls such a method.
      if (parameters.size === 0 || !calls.test(file.text.slice(fn.pos, fn.end))) {
        continue;
      }
      const onParameter = (call: ts.CallExpression): boolean => {
        const receiver = calleeReceiver(call);
        const handle = receiver && skipOuterExpressions(receiver);
        return !!handle && ts.isIdentifier(handle) && parameters.has(handle.text);
      };
      const made = callsIn(fn).filter(onParameter);
      if (made.some((call) => effects.mayBegin(call)) && !made.some((call) => effects.mayEnd(call))) {
        names.add(name);
      }
    }
  }
  return names;
}

/**
 * The transaction a call of such a helper begins: the one its body begins on the parameter the
 * argument is given to, now on that argument (`beginTransaction(client)` begins on `client`).
 */
export function helperBeginSite(cx: AnalysisContext, call: ts.CallExpression, names: ReadonlySet<string>): BeginSite | undefined {
  const name = calleeName(call);
  const callee = name && names.has(name.text) ? cx.roles.projectCallee(call) : undefined;
  if (!callee) {
    return undefined;
  }
  const calls = callsIn(callee);
  for (const [index, parameter] of callee.parameters.entries()) {
    const argument = call.arguments[index];
    const symbol = ts.isIdentifier(parameter.name) ? cx.symbolOf(parameter.name) : undefined;
    if (!argument || !symbol) {
      continue;
    }
    const onParameter = (inner: ts.CallExpression): boolean => {
      const receiver = calleeReceiver(inner);
      const handle = receiver && skipOuterExpressions(receiver);
      return !!handle && ts.isIdentifier(handle) && cx.symbolOf(handle) === symbol;
    };
    // Another function of the same name may end what it begins: this one must not.
    if (calls.some((inner) => onParameter(inner) && cx.effects.mayEnd(inner))) {
      continue;
    }
    for (const inner of calls) {
      const site = cx.effects.mayBegin(inner) ? cx.effects.beginSite(inner) : undefined;
      const handle = site && skipOuterExpressions(site.handle);
      if (site && !site.onPool && handle && ts.isIdentifier(handle) && cx.symbolOf(handle) === symbol) {
        return { ...site, node: call, handle: argument };
      }
    }
  }
  return undefined;
}

/**
 * The calls a function makes itself, not those of the functions nested in it, but with those of
 * a promise's executor, which runs at once: the helper that wraps a callback API in a promise
 * (`new Promise((resolve, reject) => conn.beginTransaction((err) => …))`) makes its call.
 */
function callsIn(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && !isPromiseExecutor(node)) {
      return;
    }
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

function isPromiseExecutor(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isNewExpression(parent) &&
    parent.arguments?.[0] === node &&
    ts.isIdentifier(parent.expression) &&
    parent.expression.text === 'Promise'
  );
}
