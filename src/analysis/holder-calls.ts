/**
 * @fileoverview What a call on a resource's holder means: which expressions are its holders,
 * and whether a call gives the resource back or ends its transaction.
 */
import ts = require('typescript');

import type { LibraryModel, ResourceModel, TransactionModel } from '../models/model.js';
import type { AnalysisContext } from './context.js';

import { sendsSql, sqlTransactionEffect } from './effects.js';
import { isThisMember, skipOuterExpressions } from './syntax.js';

/** Whether an expression is one of the variables that hold the resource, or `this.x` for a field that does. */
export function holderTest(holders: readonly ts.Symbol[], cx: AnalysisContext): (node: ts.Expression) => boolean {
  const names = new Set(holders.map((symbol) => symbol.name));
  return (node) =>
    (ts.isIdentifier(node) && names.has(node.text) && holders.includes(cx.symbolOf(node)!)) ||
    (isThisMember(node) && names.has(node.name.text) && holders.includes(cx.symbolOf(node.name)!));
}

/**
 * Whether a release's argument makes pg destroy the client rather than return it (`release(err)`,
 * `release(true)`): anything but nothing, `false` or `undefined`.
 */
export function isDestroyingArgument(argument: ts.Expression | undefined): boolean {
  return argument !== undefined && argument.kind !== ts.SyntaxKind.FalseKeyword && !(ts.isIdentifier(argument) && argument.text === 'undefined');
}

/** Whether `handle.member(…)` ends the transaction: a method that ends it, or SQL that commits or rolls back. */
export function endsTransaction(call: ts.CallExpression, member: string, transaction: TransactionModel, cx: AnalysisContext): boolean {
  if (transaction.end?.includes(member)) {
    return true;
  }
  const text = sendsSql(call, member, transaction) ? cx.effects.sqlTextOf(call) : undefined;
  return text !== undefined && sqlTransactionEffect(text) === 'end';
}

/** Whether calling `method` on the resource gives it back: a release, or a read to its end. */
export function givesBack(resource: ResourceModel, method: string): boolean {
  return resource.release.includes(method) || !!resource.consumedBy?.includes(method);
}

/**
 * The call that gives `value` under another API of the same connection (`conn.promise()` for
 * `conn`), if `value` is the receiver of one of the library's views.
 */
export function viewCallOf(value: ts.Expression, library: LibraryModel): ts.CallExpression | undefined {
  const access = value.parent;
  const call = access.parent;
  return library.views && ts.isPropertyAccessExpression(access) && access.expression === value && library.views.includes(access.name.text) && ts.isCallExpression(call) && call.expression === access && call.arguments.length === 0
    ? call
    : undefined;
}

/** `conn` for `conn.promise()`: the connection a view call wraps, through any number of views. */
export function withoutViews(handle: ts.Expression, library: LibraryModel): ts.Expression {
  let current = skipOuterExpressions(handle);
  while (ts.isCallExpression(current) && current.arguments.length === 0 && ts.isPropertyAccessExpression(current.expression) && library.views?.includes(current.expression.name.text)) {
    current = skipOuterExpressions(current.expression.expression);
  }
  return current;
}

/** The view a call is made through (`promise` for `conn.promise().beginTransaction()`), to end a transaction the way it began. */
export function viewOfCall(node: ts.Node, library: LibraryModel): string | undefined {
  let call = skipOuterExpressions(node as ts.Expression);
  call = ts.isAwaitExpression(call) ? skipOuterExpressions(call.expression) : call;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) {
    return undefined;
  }
  const receiver = skipOuterExpressions(call.expression.expression);
  return receiver !== withoutViews(receiver, library) && ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) ? receiver.expression.name.text : undefined;
}
