/**
 * @fileoverview One vocabulary for where a path goes, in the words every rule's messages use:
 * lines, calls quoted as code, the jump that leaves ("when the function returns at line 42").
 */
import path from 'node:path';
import ts = require('typescript');

import type { DoubleRelease, LeakPath, Obligation } from '../analysis/index.js';

/** 1-based line of a node's first token. */
export function lineOf(node: ts.Node): number {
  const file = node.getSourceFile();
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/** 1-based line of a node's last character (a block's closing brace). */
export function endLineOf(node: ts.Node): number {
  const file = node.getSourceFile();
  return file.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
}

/**
 * Source text quoted as Markdown inline code, which editors and SARIF viewers render: a text
 * that holds backticks itself (a postgres.js tagged template) is fenced with two.
 */
export function code(text: string): string {
  if (!text.includes('`')) {
    return `\`${text}\``;
  }
  const fence = text.includes('``') ? '```' : '``';
  return `${fence} ${text} ${fence}`;
}

/** A function as messages name it: `` `report()` `` for a named one (also `const report = () => …`), "this function" for others. */
export function describeFunction(fn: ts.SignatureDeclaration): string {
  let name: ts.Node | undefined = fn.name;
  if (!name && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
    const holder = fn.parent;
    name = ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder) ? holder.name : undefined;
  }
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? code(`${name.text}()`) : 'this function';
}

/** "`scoreService.calculate()` → `memoryClient.extractFacts()` → `fetch()` (memory-client.ts:42)": calls into helpers, and where the last one is. */
export function describeCallChain(calls: readonly ts.Node[]): string {
  const last = calls.at(-1)!;
  const where = `${path.basename(last.getSourceFile().fileName)}:${lineOf(last)}`;
  return `${calls.map((call) => code(describeCall(call))).join(' → ')} (${where})`;
}

/** Short source text for messages: `client.query()`, `new Cursor()`, `` sql`…` ``. */
export function describeCall(node: ts.Node): string {
  if (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node)) {
    return describeCall(node.expression);
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    // `mongo.db('app').collection('a').updateOne()` reads better as `….updateOne()`.
    if (ts.isPropertyAccessExpression(callee) && callee.getText().length > 40) {
      return `….${callee.name.text}()`;
    }
    return `${shorten(callee)}()`;
  }
  if (ts.isNewExpression(node)) {
    return `new ${shorten(node.expression)}()`;
  }
  if (ts.isTaggedTemplateExpression(node)) {
    const template = node.template;
    const head = ts.isNoSubstitutionTemplateLiteral(template) ? template.text : template.head.text;
    const text = head.replace(/\s+/g, ' ').trim();
    const complete = ts.isNoSubstitutionTemplateLiteral(template) && text.length <= 24;
    return `${shorten(node.tag)}\`${complete ? text : `${text.slice(0, 24).trimEnd()}…`}\``;
  }
  return shorten(node);
}

function shorten(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Whether a function is declared `async`. */
export function isAsyncFunction(fn: ts.SignatureDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** Start of the line that contains `position`. */
export function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** The whitespace that indents the line containing `position`. */
export function indentationOf(text: string, position: number): string {
  const start = lineStart(text, position);
  return /^[ \t]*/.exec(text.slice(start, position))![0];
}

/** ` after \`x()\` (line 37) throws` when a path went through a caught exception first; else ''. */
export function afterThrow(leak: { readonly at: ts.Node; readonly cause?: ts.Node }): string {
  return leak.cause && leak.cause !== leak.at ? ` after ${code(describeCall(leak.cause))} (line ${lineOf(leak.cause)}) throws` : '';
}

/** Whether `node` is the body of a loop statement. */
export function isLoopBody(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    !!parent &&
    (ts.isForStatement(parent) ||
      ts.isForOfStatement(parent) ||
      ts.isForInStatement(parent) ||
      ts.isWhileStatement(parent) ||
      ts.isDoStatement(parent)) &&
    parent.statement === node
  );
}

/** The statement's range, widened to its whole line(s) when nothing else shares them. */
export function wholeLineRange(text: string, start: number, end: number): [number, number] {
  const before = lineStart(text, start);
  const lineEnd = text.indexOf('\n', end);
  const after = lineEnd === -1 ? text.length : lineEnd + 1;
  const alone = text.slice(before, start).trim() === '' && text.slice(end, after).trim() === '';
  return alone ? [before, after] : [start, end];
}

// --- paths in words ----------------------------------------------------------------

export function leakPathWords(leak: LeakPath): string {
  const { at } = leak;
  const after = afterThrow(leak);
  if (ts.isReturnStatement(at) || isExpressionBody(at)) {
    return `when the ${functionNoun(at)} returns at line ${lineOf(at)}${after}`;
  }
  if (ts.isThrowStatement(at)) {
    return `when the error thrown at line ${lineOf(at)} leaves the ${functionNoun(at)}${after}`;
  }
  if (ts.isBreakStatement(at)) {
    return `when \`break\` at line ${lineOf(at)} leaves the loop${after}`;
  }
  if (ts.isContinueStatement(at)) {
    return `when \`continue\` at line ${lineOf(at)} starts the next iteration${after}`;
  }
  // Otherwise `at` is the scope itself: control fell off its end.
  if (ts.isFunctionLike(at) || (ts.isBlock(at) && ts.isFunctionLike(at.parent))) {
    return `when the ${functionNoun(at)} ends at line ${endLineOf(at)}${after}`;
  }
  if (isLoopBody(at)) {
    return `at the end of the loop iteration (line ${endLineOf(at)})${after}`;
  }
  return `when the block ending at line ${endLineOf(at)} is left${after}`;
}

/** "callback" for a function passed as an argument, "function" otherwise. */
function functionNoun(node: ts.Node): string {
  let fn: ts.Node | undefined = node;
  while (fn && !ts.isFunctionLike(fn)) {
    fn = fn.parent;
  }
  let value: ts.Node | undefined = fn;
  while (value?.parent && ts.isParenthesizedExpression(value.parent)) {
    value = value.parent;
  }
  const parent = value?.parent;
  return parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value as ts.Expression)
    ? 'callback'
    : 'function';
}

function isExpressionBody(node: ts.Node): boolean {
  return !!node.parent && ts.isArrowFunction(node.parent) && node.parent.body === node;
}

/** How an exit statement leaves with the transaction open, or `undefined` for a scope's end. */
export function openExitWords(leak: LeakPath, obligation: Obligation): string | undefined {
  const { at } = leak;
  const after = afterThrow(leak);
  if (ts.isReturnStatement(at)) {
    return `when the function returns here${after}`;
  }
  if (ts.isThrowStatement(at)) {
    return `when this error is thrown${after}`;
  }
  if (ts.isBreakStatement(at)) {
    return `when \`break\` leaves ${ts.isFunctionLike(obligation.scope) ? 'the loop' : 'the block that owns the connection'}${after}`;
  }
  if (ts.isContinueStatement(at)) {
    return `when \`continue\` starts the next iteration${after}`;
  }
  return undefined;
}

/** The path that brought an open transaction to a release in `finally`. */
export function viaWords(via: ts.Node): string {
  if (ts.isReturnStatement(via)) {
    return `when the function returns at line ${lineOf(via)}`;
  }
  if (ts.isThrowStatement(via)) {
    return `when the error at line ${lineOf(via)} is thrown`;
  }
  if (ts.isBreakStatement(via) || ts.isContinueStatement(via)) {
    return `when \`${ts.isBreakStatement(via) ? 'break' : 'continue'}\` at line ${lineOf(via)} runs`;
  }
  return `if ${code(describeCall(via))} (line ${lineOf(via)}) throws`;
}

export function endWords(leak: LeakPath, obligation: Obligation): string {
  if (leak.kind === 'overwritten') {
    return `before it is begun again at line ${lineOf(leak.at)}`;
  }
  const scope = obligation.scope;
  const end = ts.isFunctionLike(scope) || (ts.isBlock(scope) && ts.isFunctionLike(scope.parent)) ? 'the function ends' : 'the block ends';
  return `when ${end} at line ${endLineOf(scope)}${afterThrow(leak)}`;
}

/** How the path went from the first release to the second: straight on, or through a jump. */
export function releasePathWords(release: DoubleRelease): string {
  const { after } = release;
  if (!after) {
    return '';
  }
  const line = lineOf(after);
  if (ts.isThrowStatement(after)) {
    return `, and then the error thrown at line ${line} reached it`;
  }
  if (ts.isReturnStatement(after)) {
    return `, and then the \`return\` at line ${line} ran the \`finally\` block`;
  }
  if (ts.isBreakStatement(after) || ts.isContinueStatement(after)) {
    return `, and then the \`${ts.isBreakStatement(after) ? 'break' : 'continue'}\` at line ${line} reached it`;
  }
  return `, and then ${code(describeCall(after))} (line ${line}) threw`;
}
