import ts from 'typescript';

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
