/**
 * Project helpers that begin a transaction on a handle their caller gives them, and leave it
 * open for the caller to end: `const beginTransaction = (client) => client.query('BEGIN')`.
 * Their calls begin the transaction where they are made, on the argument.
 */
import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { BeginSite, Effects } from './effects.js';

import { calleeName, calleeReceiver, escapeRegExp, functionsFoundInRounds, parameterNames, promiseExecutor, skipOuterExpressions } from './syntax.js';
import { isProjectFile } from './types.js';

/**
 * The names of the project's functions that may be such helpers: a call that may begin is made
 * on one of its parameters, and none that may end. A syntactic pre-filter, read once per
 * program and only in the files that call a method that may begin.
 */
export function beginHelperNames(program: ts.Program, effects: Effects): ReadonlySet<string> {
  const begins = new Set(effects.beginMethodNames);
  const methodCall = new RegExp(String.raw`\.\s*(${[...begins].map(escapeRegExp).join('|')})\s*\(`);
  return functionsFoundInRounds(program.getSourceFiles().filter(isProjectFile), begins, 1, (fn) => {
    const parameters = parameterNames(fn);
    // Its calls are walked only when its own text calls such a method.
    if (parameters.size === 0 || !methodCall.test(fn.getSourceFile().text.slice(fn.pos, fn.end))) {
      return false;
    }
    const onParameter = (call: ts.CallExpression): boolean => {
      const receiver = calleeReceiver(call);
      const handle = receiver && skipOuterExpressions(receiver);
      return !!handle && ts.isIdentifier(handle) && parameters.has(handle.text);
    };
    const made = ownCalls(fn).filter(onParameter);
    return made.some((call) => effects.mayBegin(call)) && !made.some((call) => effects.mayEnd(call));
  });
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
  const calls = ownCalls(callee);
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
function ownCalls(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && !(ts.isNewExpression(node.parent) && promiseExecutor(node.parent) === node)) {
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
