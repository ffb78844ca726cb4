import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ASTUtils, ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { code, describeCall, lineOf, releasePathWords, wholeLineRange } from '../report/paths.js';
import { calleeName, isFunctionNode } from '../util/estree.js';
import { resolveSettings } from '../util/settings.js';
import { type DoubleRelease, getEngine } from '../analysis/index.js';

export type Options = [];

export type MessageId = 'releasedAgainInLoop' | 'releasedTwice' | 'removeReleaseInCatch';

const LOOPS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

export default createRule<Options, MessageId>({
  name: 'no-double-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow releasing a client, cursor or statement that a path has already released',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      releasedAgainInLoop:
        '{{call}} releases the {{noun}} {{name}} again on the next iteration of the loop: it was acquired once, outside the loop.',
      releasedTwice: '{{call}} releases {{name}} a second time: {{first}} at line {{line}} already released it{{path}}.',
      removeReleaseInCatch: 'Remove the release at line {{line}} in `catch`: the `finally` block releases it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const engine = getEngine(services.program, resolveSettings(context.settings).models);
    const releaseMethods = engine.effects.releaseMethodNames;
    const releaseFunctions = engine.effects.releaseArgumentMethodNames;
    const releaseCounts = new WeakMap<TSESLint.Scope.Variable, number>();
    // Parameter names of the callbacks passed to the acquisitions being walked through: only a
    // plain call of one of these names (pg's `done()`) can be a release.
    const callbackParameters = new Map<string, number>();
    const countCallbackParameters = (call: TSESTree.CallExpression, delta: number): void => {
      if (!engine.effects.isAcquireName(calleeName(call) ?? '')) {
        return;
      }
      for (const argument of call.arguments) {
        if (isFunctionNode(argument)) {
          for (const parameter of argument.params) {
            if (parameter.type === AST_NODE_TYPES.Identifier) {
              callbackParameters.set(parameter.name, (callbackParameters.get(parameter.name) ?? 0) + delta);
            }
          }
        }
      }
    };

    return {
      CallExpression(node): void {
        countCallbackParameters(node, 1);
        for (const holder of releasedHolders(node)) {
          if (!mayBeReleasedTwice(holder, node)) {
            continue;
          }
          const call = services.esTreeNodeToTSNodeMap.get(node);
          const found = engine.doubleReleases(services.esTreeNodeToTSNodeMap.get(holder) as ts.Identifier);
          const release = found?.releases.find((candidate) => candidate.second === call);
          // A transaction's commit after rollback is no-unfinished-transaction's concern.
          if (!found || !release || found.obligation.resource.kind === 'transaction') {
            continue;
          }
          // For pg's `done()`, name the client it gives back.
          const name = holder === node.callee ? (found.obligation.holders[0]?.name ?? holder.name) : holder.name;
          const data = { call: code(describeCall(call)), noun: found.obligation.resource.noun, name: code(name) };
          if (release.first === call) {
            context.report({ node, messageId: 'releasedAgainInLoop', data });
            return;
          }
          const removable = releaseInCatchBeforeFinally(release);
          context.report({
            node,
            messageId: 'releasedTwice',
            data: { call: data.call, name: data.name, first: code(describeCall(release.first)), line: lineOf(release.first), path: releasePathWords(release) },
            suggest: removable
              ? [
                  {
                    messageId: 'removeReleaseInCatch',
                    data: { line: lineOf(release.first) },
                    fix: (fixer) => fixer.removeRange(wholeLineRange(context.sourceCode.text, removable.getStart(), removable.getEnd())),
                  },
                ]
              : [],
          });
          return;
        }
      },
      'CallExpression:exit'(node: TSESTree.CallExpression): void {
        countCallbackParameters(node, -1);
      },
    };

    /**
     * A cheap syntactic test before the flow walk: the variable is released in two places, or
     * in a loop that does not declare it again.
     */
    function mayBeReleasedTwice(holder: TSESTree.Identifier, call: TSESTree.CallExpression): boolean {
      // A function called as a release (pg's `done()`) is a parameter of an acquisition's
      // callback: `expect(…)` and every other plain call is not asked about, nor its scope read.
      if (holder === call.callee && !((callbackParameters.get(holder.name) ?? 0) > 0 && isAcquisitionCallbackParameter(holder))) {
        return false;
      }
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(holder), holder);
      if (!variable) {
        return false;
      }
      const releases = releaseCount(variable);
      // Released once here and handed to a function that may release it too (`finish(runner)`).
      if (releases > 1 || (releases === 1 && isHandedToCall(variable))) {
        return true;
      }
      const declaration = variable.defs[0]?.node;
      for (let current: TSESTree.Node | undefined = call.parent; current && !isFunctionNode(current); current = current.parent) {
        if (LOOPS.has(current.type) && !(declaration && declaration.range[0] >= current.range[0] && declaration.range[1] <= current.range[1])) {
          return true;
        }
      }
      return false;
    }

    /** Whether the nearest function declaring a parameter of this name is a callback passed to an acquisition. */
    function isAcquisitionCallbackParameter(name: TSESTree.Identifier): boolean {
      for (let node: TSESTree.Node | undefined = name.parent; node; node = node.parent) {
        if (isFunctionNode(node) && node.params.some((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === name.name)) {
          const call = node.parent;
          return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument === node) && engine.effects.isAcquireName(calleeName(call) ?? '');
        }
      }
      return false;
    }

    /**
     * How many references release the variable, counted once per variable: a function called
     * thousands of times (`expect(…)`) must not be rescanned at each call.
     */
    function releaseCount(variable: TSESLint.Scope.Variable): number {
      let count = releaseCounts.get(variable);
      if (count === undefined) {
        count = variable.references.filter(({ identifier }) => {
          const parent = identifier.parent;
          if (parent.type === AST_NODE_TYPES.MemberExpression) {
            return parent.property.type === AST_NODE_TYPES.Identifier && releaseMethods.has(parent.property.name);
          }
          return parent.type === AST_NODE_TYPES.CallExpression && (parent.callee === identifier || releaseFunctions.has(calleeName(parent) ?? ''));
        }).length;
        releaseCounts.set(variable, count);
      }
      return count;
    }

    /** Whether the variable is passed to a call as an argument, where a helper may give it back. */
    function isHandedToCall(variable: TSESLint.Scope.Variable): boolean {
      return variable.references.some(({ identifier }) => {
        const parent = identifier.parent;
        return parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(identifier as TSESTree.Expression) && !releaseFunctions.has(calleeName(parent) ?? '');
      });
    }

    /**
     * The variables a release call may give back: `client` in `client.release()`, `conn` in
     * `pool.releaseConnection(conn)` (generic-pool's `pool.release(conn)` is both shapes), and
     * pg's `done` in `done()`.
     */
    function releasedHolders(node: TSESTree.CallExpression): TSESTree.Identifier[] {
      const name = calleeName(node);
      const { callee } = node;
      if (name === undefined) {
        return [];
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        return [callee];
      }
      const holders: TSESTree.Identifier[] = [];
      const [argument] = node.arguments;
      if (releaseFunctions.has(name) && argument?.type === AST_NODE_TYPES.Identifier) {
        holders.push(argument);
      }
      if (releaseMethods.has(name) && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
        holders.push(callee.object);
      }
      return holders;
    }
  },
});

/**
 * The first release's statement, when it is a plain release (no argument that would destroy
 * the client) in a `catch` block whose `try` statement's `finally` block holds the second.
 */
function releaseInCatchBeforeFinally(release: DoubleRelease): ts.Statement | undefined {
  const { first, second } = release;
  const statement = ts.isAwaitExpression(first.parent) ? first.parent.parent : first.parent;
  if (first.arguments.length > 0 || !ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent)) {
    return undefined;
  }
  const clause = statement.parent.parent;
  if (!ts.isCatchClause(clause)) {
    return undefined;
  }
  const { finallyBlock } = clause.parent;
  return finallyBlock && second.pos >= finallyBlock.pos && second.end <= finallyBlock.end ? statement : undefined;
}
