import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import ts from 'typescript';

import type { AcquireFinding } from '../analysis/engine.js';
import type { LeakPath } from '../analysis/lifetime.js';

import { getEngine } from '../analysis/engine.js';
import { disposeKind } from '../analysis/types.js';
import { builtinModels } from '../models/index.js';
import { createRule } from '../util/create-rule.js';
import { describeCall, endLineOf, lineOf } from '../util/describe.js';

export type Options = [
  {
    unknownCalls?: 'borrow' | 'transfer';
  },
];

export type MessageId =
  | 'discarded'
  | 'notReleased'
  | 'notReleasedOnException'
  | 'overwritten'
  | 'releasedOnlyOnFulfilled'
  | 'useUsing'
  | 'wrapInTryFinally';

export default createRule<Options, MessageId>({
  name: 'no-leaked-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require connections acquired from a pool to be released on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      discarded: '{{resource}} is never stored, so it can never be released.',
      notReleased: '{{resource}} is not released {{path}}.{{more}}',
      notReleasedOnException:
        '{{resource}} is not released if `{{call}}` (line {{line}}) throws. Release it in a `finally` block.{{more}}',
      overwritten: '{{resource}} is lost without being released: {{how}} at line {{line}}.{{more}}',
      releasedOnlyOnFulfilled:
        '{{resource}} is released only in `.then()` (line {{line}}): it is not released if the promise rejects. Release it in `.finally()`.',
      useUsing: 'Declare it with `{{keyword}}` so it is released when the block exits.',
      wrapInTryFinally: 'Release it in a `finally` block.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          unknownCalls: {
            type: 'string',
            enum: ['transfer', 'borrow'],
            description:
              'What passing the client to a function the analysis cannot see into (a library function, a function without a body) means: `transfer` (the callee owns it now; nothing is reported) or `borrow` (the caller must still release it).',
          },
        },
      },
    ],
    defaultOptions: [{ unknownCalls: 'transfer' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const engine = getEngine(services.program, builtinModels);
    const lifetimeOptions = { unknownCalls: options.unknownCalls ?? 'transfer' } as const;

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
    };

    function report(node: TSESTree.CallExpression, finding: AcquireFinding): void {
      const resource = describeResource(finding);
      if (finding.kind === 'discarded') {
        context.report({ node, messageId: 'discarded', data: { resource } });
        return;
      }
      const { result } = finding;
      const leak = chooseLeak(result.leaks);
      if (!leak) {
        const thenCall = result.releasedOnlyOnFulfilled[0];
        if (thenCall) {
          context.report({ node, messageId: 'releasedOnlyOnFulfilled', data: { resource, line: lineOf(thenCall) } });
        }
        return;
      }
      const others = result.leaks.length - 1;
      const more = others === 0 ? '' : others === 1 ? ' (1 more path leaks.)' : ` (${others} more paths leak.)`;
      const suggest = suggestions(finding);
      if (leak.kind === 'exception' && !ts.isThrowStatement(leak.at)) {
        context.report({
          node,
          messageId: 'notReleasedOnException',
          data: { resource, call: describeCall(leak.at), line: lineOf(leak.at), more },
          suggest,
        });
      } else if (leak.kind === 'overwritten') {
        const how =
          leak.at === finding.obligation.creation ? 'it is acquired again (the loop repeats)' : 'the variable is reassigned';
        context.report({ node, messageId: 'overwritten', data: { resource, how, line: lineOf(leak.at), more } });
      } else {
        context.report({ node, messageId: 'notReleased', data: { resource, path: describePath(leak, finding), more }, suggest });
      }
    }

    function suggestions(
      finding: Extract<AcquireFinding, { kind: 'tracked' }>,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
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
      const sourceFile = declaration.getSourceFile();
      const text = sourceFile.text;
      const indent = indentationOf(text, statement.getStart(sourceFile));
      const unit = indent.slice(indentationOf(text, block.getStart(sourceFile)).length) || '  ';
      const kept = tail.filter((s) => !removable.has(s));
      const fixes: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const tailRange: [number, number] = [statement.getEnd(), tail.at(-1)!.getEnd()];

      if (releaseMethod && kept.length > 0) {
        const isAsync = ts.isFunctionLike(obligation.fn) && hasAsyncModifier(obligation.fn);
        const awaitRelease = isAsync && releaseReturnsPromise(declaration, releaseMethod) ? 'await ' : '';
        const body = kept
          .map((s) => reindent(text.slice(lineStart(text, s.getStart(sourceFile)), s.getEnd()), unit))
          .join('\n');
        fixes.push({
          messageId: 'wrapInTryFinally',
          fix: (fixer) =>
            fixer.replaceTextRange(
              tailRange,
              `\n${indent}try {\n${body}\n${indent}} finally {\n${indent}${unit}${awaitRelease}${variable}.${releaseMethod}();\n${indent}}`,
            ),
        });
      }

      const dispose = site.resource.suggestUsing ? disposeKind(services.program.getTypeChecker().getTypeAtLocation(declaration.name), services.program.getTypeChecker()) : undefined;
      const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      if (dispose && isConst && (dispose === 'sync' || hasAsyncModifier(obligation.fn))) {
        const keyword = dispose === 'async' ? 'await using' : 'using';
        const listStart = statement.declarationList.getStart(sourceFile);
        fixes.push({
          messageId: 'useUsing',
          data: { keyword },
          fix: (fixer) => [
            fixer.replaceTextRange([listStart, listStart + 'const'.length], keyword),
            ...[...removable].map((s) => fixer.removeRange([lineStart(text, s.getStart(sourceFile)), s.getEnd()])),
          ],
        });
      }
      return fixes;
    }

    function releaseReturnsPromise(declaration: ts.VariableDeclaration, method: string): boolean {
      const checker = services.program.getTypeChecker();
      const type = checker.getNonNullableType(checker.getTypeAtLocation(declaration.name));
      const property = type.getProperty(method);
      const signature = property && checker.getTypeOfSymbolAtLocation(property, declaration).getCallSignatures()[0];
      return !!signature && !!signature.getReturnType().getProperty('then');
    }
  },
});

function calleeName(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    return callee.property.name;
  }
  return callee.type === 'Identifier' ? callee.name : undefined;
}

/** Statement exits first (the line a developer changes), then exceptions, each in source order. */
function chooseLeak(leaks: readonly LeakPath[]): LeakPath | undefined {
  const rank = (leak: LeakPath): number => (leak.kind === 'exception' ? 1 : 0);
  return [...leaks].sort((a, b) => rank(a) - rank(b) || a.at.getStart() - b.at.getStart())[0];
}

function describeResource(finding: AcquireFinding): string {
  const { site } = finding;
  const call = describeCall(site.call);
  if (site.form === 'callback') {
    return `The ${site.resource.noun} that \`${call}\` passes to its callback`;
  }
  if (finding.kind === 'tracked' && finding.obligation.fn !== undefined && site.form !== 'receiver') {
    const name = finding.obligation.holders[0]?.name;
    if (name && finding.obligation.creation !== finding.obligation.fn) {
      return `\`${name}\` (the ${site.resource.noun} from \`${call}\`)`;
    }
  }
  if (site.form === 'receiver') {
    return `The ${site.resource.noun} connected by \`${call}\``;
  }
  return `The ${site.resource.noun} from \`${call}\``;
}

function describePath(leak: LeakPath, finding: Extract<AcquireFinding, { kind: 'tracked' }>): string {
  const { at } = leak;
  const after = leak.cause ? ` after \`${describeCall(leak.cause)}\` (line ${lineOf(leak.cause)}) throws` : '';
  if (ts.isReturnStatement(at) || (at.parent && ts.isArrowFunction(at.parent) && at.parent.body === at)) {
    return `when the function returns at line ${lineOf(at)}${after}`;
  }
  if (ts.isThrowStatement(at)) {
    return `when the error thrown at line ${lineOf(at)} leaves the ${scopeNoun(finding.obligation.scope)}${after}`;
  }
  if (ts.isBreakStatement(at)) {
    return `when \`break\` at line ${lineOf(at)} leaves the ${scopeNoun(finding.obligation.scope)}${after}`;
  }
  if (ts.isContinueStatement(at)) {
    return `when \`continue\` at line ${lineOf(at)} starts the next iteration${after}`;
  }
  const scope = finding.obligation.scope;
  if (ts.isFunctionLike(scope)) {
    return `when the function ends at line ${endLineOf(scope)}${after}`;
  }
  if (ts.isBlock(scope) && isLoopBody(scope)) {
    return `at the end of the loop iteration (line ${endLineOf(scope)})${after}`;
  }
  return `when the block ending at line ${endLineOf(scope)} is left${after}`;
}

function scopeNoun(scope: ts.Node): string {
  return ts.isFunctionLike(scope) ? 'function' : isLoopBody(scope) ? 'loop' : 'block';
}

function isLoopBody(node: ts.Node): boolean {
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

function unwrapAwait(node: ts.Expression): ts.Expression {
  return ts.isAwaitExpression(node) ? node.expression : node;
}

function hasAsyncModifier(fn: ts.SignatureDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

function indentationOf(text: string, position: number): string {
  const start = lineStart(text, position);
  return /^[ \t]*/.exec(text.slice(start, position))![0];
}

function reindent(text: string, unit: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : unit + line))
    .join('\n');
}
