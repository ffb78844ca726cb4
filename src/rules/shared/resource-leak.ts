import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import type { ResourceModel } from '../../models/model.js';

import { code, describeCall, indentationOf, isAsyncFunction, leakPathWords, lineOf, wholeLineRange } from '../../report/paths.js';
import { calleeName, hasMethodCalled, initializerCall, passesParameter } from '../../util/estree.js';
import { resolveSettings } from '../../util/settings.js';
import { type AcquireFinding, disposeKind, getEngine, type LeakPath, leakPosition, skipOuterExpressions } from '../../analysis/index.js';

/**
 * Reporting shared by the rules that follow an acquired resource until it is given back
 * (`no-leaked-client`, `no-leaked-cursor`): each owns some kinds of resource and words its own
 * messages under these ids.
 */
export type ResourceLeakMessageId =
  | 'discarded'
  | 'notReleased'
  | 'notReleasedOnException'
  | 'overwritten'
  | 'releasedOnlyOnFulfilled'
  | 'unreleasedField'
  | 'useUsing'
  | 'wrapInTryFinally';

export interface ResourceLeakOptions {
  exceptions?: 'all' | 'likely';
  unknownCalls?: 'borrow' | 'transfer';
}

export interface ResourceLeakConfig {
  /** The resources this rule reports. */
  readonly owns: (resource: ResourceModel) => boolean;
  /** Reports a finding in a rule-specific way; returns false to leave it to the shared report. */
  readonly reportSpecial?: (node: TSESTree.CallExpression | TSESTree.NewExpression, finding: AcquireFinding) => boolean;
}

export function resourceLeakListener<MessageId extends string>(
  context: TSESLint.RuleContext<MessageId | ResourceLeakMessageId, [ResourceLeakOptions]>,
  options: ResourceLeakOptions,
  config: ResourceLeakConfig,
): TSESLint.RuleListener {
  const services = ESLintUtils.getParserServices(context);
  const settings = resolveSettings(context.settings);
  const checker = services.program.getTypeChecker();
  const engine = getEngine(services.program, settings.models);
  const lifetimeOptions = { unknownCalls: options.unknownCalls ?? 'transfer', exceptions: options.exceptions ?? 'likely' } as const;

  return {
    CallExpression(node): void {
      const name = calleeName(node);
      if (name === undefined || !engine.effects.isAcquireName(name)) {
        return;
      }
      const call = services.esTreeNodeToTSNodeMap.get(node);
      const finding = engine.acquisition(call, lifetimeOptions);
      if (finding) {
        report(node, finding);
      }
    },
    VariableDeclarator(node): void {
      // `const client = await db.getClient()`: a project wrapper. Only when this function
      // releases the variable somewhere (it owns it) is the type asked for, or when the wrapper
      // is a factory that returns only what it acquired, or makes one unless given one
      // (`this.runnerFor(queryRunner)`).
      const init = initializerCall(node);
      if (!init) {
        return;
      }
      const declaration = services.esTreeNodeToTSNodeMap.get(node);
      const owned =
        hasMethodCalled(context, node, (method) => engine.effects.releaseMethodNames.has(method)) ||
        (passesParameter(context, init) && engine.madeUnlessGiven(declaration)) ||
        engine.madeByFactory(declaration);
      if (!owned) {
        return;
      }
      const finding = engine.ownedByDeclaration(declaration, lifetimeOptions);
      if (finding) {
        report(init, finding);
      }
    },
  };

  function report(call: TSESTree.CallExpression | TSESTree.NewExpression, finding: AcquireFinding): void {
    if (!config.owns(finding.site.resource) || config.reportSpecial?.(call, finding)) {
      return;
    }
    const resource = describeResource(finding);
    // A callback form spans many lines; underline the method that acquires.
    const node = finding.site.form === 'callback' ? call.callee : call;
    // A resource the code cannot give back at all is the owning rule's to word.
    if (finding.kind === 'alwaysLeaks') {
      return;
    }
    if (finding.kind === 'discarded') {
      context.report({ node, messageId: 'discarded', data: { resource } });
      return;
    }
    if (finding.kind === 'unreleasedField') {
      context.report({ node, messageId: 'unreleasedField', data: { resource, field: finding.field, owner: finding.owner } });
      return;
    }
    const { result } = finding;
    const leak = chooseLeak(result.leaks);
    const thenCall = result.releasedOnlyOnFulfilled[0];
    // A release only in `.then()` is the root cause of the exception paths it leaves open.
    if (thenCall && (!leak || leak.kind === 'exception')) {
      context.report({ node, messageId: 'releasedOnlyOnFulfilled', data: { resource, line: lineOf(thenCall) } });
      return;
    }
    if (!leak) {
      return;
    }
    const others = result.leaks.length - 1;
    const more = others === 0 ? '' : others === 1 ? ' (1 more path leaks.)' : ` (${others} more paths leak.)`;
    const suggest = suggestions(finding);
    if (leak.kind === 'exception' && !ts.isThrowStatement(leak.at)) {
      context.report({
        node,
        messageId: 'notReleasedOnException',
        data: { resource, call: code(describeCall(leak.at)), line: lineOf(leak.at), more },
        suggest,
      });
    } else if (leak.kind === 'overwritten') {
      const how =
        leak.at === finding.obligation.creation ? 'it is acquired again (the loop repeats)' : 'the variable is reassigned';
      context.report({ node, messageId: 'overwritten', data: { resource, how, line: lineOf(leak.at), more } });
    } else {
      context.report({ node, messageId: 'notReleased', data: { resource, path: leakPathWords(leak), more }, suggest });
    }
  }

  function suggestions(
    finding: Extract<AcquireFinding, { kind: 'tracked' }>,
  ): TSESLint.SuggestionReportDescriptor<ResourceLeakMessageId>[] {
    const { obligation, result, site } = finding;
    const declaration = obligation.creation;
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
      return [];
    }
    const statement = declaration.parent.parent;
    const block = statement.parent;
    if (!ts.isVariableStatement(statement) || !ts.isBlock(block) || statement.declarationList.declarations.length !== 1) {
      return [];
    }
    const tail = block.statements.slice(block.statements.indexOf(statement) + 1);
    if (tail.length === 0 || tail.some((s) => ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s))) {
      return [];
    }
    // A callback that may release it too (an abort listener) would release it twice after the edit.
    if (tail.some((s) => releasedInCallback(s, declaration.name.getText()))) {
      return [];
    }
    // Existing top-level releases are replaced by the new one; any other release or transfer
    // (in a branch, a return of the client) makes the edit unsafe.
    const removable = new Set<ts.Statement>();
    for (const discharge of result.dischargeNodes) {
      const releaseStatement = tail.find((s) => ts.isExpressionStatement(s) && unwrapAwait(s.expression) === discharge);
      if (!releaseStatement) {
        return [];
      }
      removable.add(releaseStatement);
    }
    const variable = declaration.name.text;
    const releaseMethod = site.resource.release[0];
    // Made only where the caller gave none (`this.runnerFor(queryRunner)`): the caller's own is not released here.
    const guard = obligation.alternative ? `if (${variable} !== ${obligation.alternative.getText()}) ` : '';
    const sourceFile = declaration.getSourceFile();
    const text = sourceFile.text;
    const indent = indentationOf(text, statement.getStart(sourceFile));
    const unit = indent.slice(indentationOf(text, block.getStart(sourceFile)).length) || '  ';
    const kept = tail.filter((s) => !removable.has(s));
    const fixes: TSESLint.SuggestionReportDescriptor<ResourceLeakMessageId>[] = [];
    const tailRange: [number, number] = [statement.getEnd(), tail.at(-1)!.getEnd()];

    if (releaseMethod && kept.length > 0) {
      const isAsync = ts.isFunctionLike(obligation.fn) && isAsyncFunction(obligation.fn);
      const releaseProperty = checker.getNonNullableType(checker.getTypeAtLocation(declaration.name)).getProperty(releaseMethod);
      const awaitRelease = isAsync && releaseProperty && releaseReturnsPromise(declaration, releaseProperty) ? 'await ' : '';
      // An iterator's `return()` is optional in its type.
      const call = releaseProperty && releaseProperty.flags & ts.SymbolFlags.Optional ? '?.()' : '()';
      // Inside try/finally, `return promise` would release before the promise settles.
      const awaitAt = new Set(isAsync ? kept.flatMap((s) => unawaitedReturns(s, checker)) : []);
      // Each statement moves one level in; its own continuation lines keep their relative indent.
      const body = kept
        .map((s) => indent + unit + reindent(sliceWithAwaits(text, s.getStart(sourceFile), s.getEnd(), awaitAt), unit))
        .join('\n');
      fixes.push({
        messageId: 'wrapInTryFinally',
        fix: (fixer) =>
          fixer.replaceTextRange(
            tailRange,
            `\n${indent}try {\n${body}\n${indent}} finally {\n${indent}${unit}${guard}${awaitRelease}${variable}.${releaseMethod}${call};\n${indent}}`,
          ),
      });
    }

    const dispose = site.resource.suggestUsing ? disposeKind(checker.getTypeAtLocation(declaration.name), checker) : undefined;
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    if (dispose && isConst && !guard && (dispose === 'sync' || isAsyncFunction(obligation.fn))) {
      const keyword = dispose === 'async' ? 'await using' : 'using';
      const listStart = statement.declarationList.getStart(sourceFile);
      fixes.push({
        messageId: 'useUsing',
        data: { keyword },
        fix: (fixer) => [
          fixer.replaceTextRange([listStart, listStart + 'const'.length], keyword),
          ...[...removable].map((s) => fixer.removeRange(wholeLineRange(text, s.getStart(sourceFile), s.getEnd()))),
        ],
      });
    }
    return fixes;
  }

  function releaseReturnsPromise(declaration: ts.VariableDeclaration, property: ts.Symbol): boolean {
    const signature = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration)).getCallSignatures()[0];
    return !!signature && !!signature.getReturnType().getProperty('then');
  }
}

/**
 * The path to name: an overwrite first (the most specific), then exits in the order they
 * appear (a scope's own end counts at its closing brace), then exceptions.
 */
function chooseLeak(leaks: readonly LeakPath[]): LeakPath | undefined {
  const rank = (leak: LeakPath): number => (leak.kind === 'overwritten' ? 0 : leak.kind === 'exit' ? 1 : 2);
  return [...leaks].sort((a, b) => rank(a) - rank(b) || leakPosition(a) - leakPosition(b))[0];
}

/** How messages name the resource: its variable and where it came from. */
export function describeResource(finding: AcquireFinding): string {
  const { site } = finding;
  const call = describeCall(site.call);
  if (site.form === 'callback') {
    return `The ${site.resource.noun} that ${code(call)} passes to its callback`;
  }
  if (finding.kind === 'tracked' && site.form !== 'receiver') {
    const name = finding.obligation.holders[0]?.name;
    if (name && finding.obligation.creation !== finding.obligation.fn) {
      return `${code(name)} (the ${site.resource.noun} from ${code(call)})`;
    }
  }
  if (site.form === 'receiver') {
    const verb = { connection: 'connected', cursor: 'opened', session: 'started', statement: 'prepared', transaction: 'begun' }[site.resource.kind];
    const name = finding.kind === 'tracked' ? finding.obligation.holders[0]?.name : undefined;
    return name ? `${code(name)} (the ${site.resource.noun} ${verb} by ${code(call)})` : `The ${site.resource.noun} ${verb} by ${code(call)}`;
  }
  return `The ${site.resource.noun} from ${code(call)}`;
}

function unwrapAwait(node: ts.Expression): ts.Expression {
  return ts.isAwaitExpression(node) ? node.expression : node;
}

/** Start positions of `return <promise>` expressions in `statement`, outside nested functions. */
function unawaitedReturns(statement: ts.Statement, checker: ts.TypeChecker): number[] {
  const positions: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isReturnStatement(node) && node.expression && !ts.isAwaitExpression(node.expression) && !isNeverAPromise(node.expression, checker)) {
      if (checker.getTypeAtLocation(node.expression).getProperty('then')) {
        positions.push(node.expression.getStart());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return positions;
}

/**
 * Values the syntax alone shows are no promise (`rows.length > 0`, `{ id }`, `Number(count)`,
 * `result.rows[0] ?? null` where `const result = await …`), so the checker is not asked: typing
 * a query's result means resolving the library's overloads of `query`.
 */
function isNeverAPromise(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  const value = skipOuterExpressions(expression);
  if (ts.isBinaryExpression(value)) {
    const operator = value.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) {
      return isNeverAPromise(value.right, checker);
    }
    return !EITHER_OPERAND.has(operator) || (isNeverAPromise(value.left, checker) && isNeverAPromise(value.right, checker));
  }
  if (ts.isConditionalExpression(value)) {
    return isNeverAPromise(value.whenTrue, checker) && isNeverAPromise(value.whenFalse, checker);
  }
  if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
    return isReadFromAwaited(value, checker);
  }
  return (
    ts.isLiteralExpression(value) ||
    ts.isTemplateExpression(value) ||
    ts.isObjectLiteralExpression(value) ||
    ts.isArrayLiteralExpression(value) ||
    ts.isPrefixUnaryExpression(value) ||
    ts.isTypeOfExpression(value) ||
    ts.isVoidExpression(value) ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    value.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isCallExpression(value) && ts.isIdentifier(value.expression) && CONVERSIONS.has(value.expression.text))
  );
}

/**
 * Whether a value is a constant holding an awaited result, or read from one (`result.rows[0]`):
 * `await` never yields a thenable, and no database library puts a promise among a result's
 * fields.
 */
function isReadFromAwaited(value: ts.Expression, checker: ts.TypeChecker): boolean {
  let root = value;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
    root = skipOuterExpressions(root.expression);
  }
  let declaration: ts.Node | undefined = ts.isIdentifier(root) ? checker.getSymbolAtLocation(root)?.valueDeclaration : undefined;
  while (declaration && ts.isBindingElement(declaration)) {
    declaration = declaration.parent.parent;
  }
  return (
    !!declaration &&
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
    !!declaration.initializer &&
    ts.isAwaitExpression(skipOuterExpressions(declaration.initializer))
  );
}

/** Operators whose result is one of their operands, either of which may be a promise. */
const EITHER_OPERAND: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken]);
const CONVERSIONS: ReadonlySet<string> = new Set(['Number', 'String', 'Boolean', 'BigInt']);

function sliceWithAwaits(text: string, start: number, end: number, awaitAt: ReadonlySet<number>): string {
  let result = '';
  let from = start;
  for (const position of [...awaitAt].filter((p) => p >= start && p < end).sort((a, b) => a - b)) {
    result += `${text.slice(from, position)}await `;
    from = position;
  }
  return result + text.slice(from, end);
}

/** Indents every line but the first by `unit`. */
function reindent(text: string, unit: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line : unit + line))
    .join('\n');
}

/** Whether a nested function in `statement` names the variable (and may give it back itself). */
function releasedInCallback(statement: ts.Statement, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node, nested: boolean): void => {
    if (found) {
      return;
    }
    if (nested && ts.isIdentifier(node) && node.text === name) {
      found = true;
      return;
    }
    ts.forEachChild(node, (child) => visit(child, nested || ts.isFunctionLike(node)));
  };
  visit(statement, false);
  return found;
}
