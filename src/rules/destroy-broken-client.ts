import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ASTUtils, ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import type { ResourceModel } from '../models/model.js';

import { createRule } from '../util/create-rule.js';
import { code } from '../report/paths.js';
import { calleeName, isFunctionNode } from '../util/estree.js';
import { resolveSettings } from '../util/settings.js';
import { getEngine, isDestroyingArgument } from '../analysis/index.js';

export type Options = [{ errors?: 'any' | 'connection' }];

export type MessageId = 'callBrokenRelease' | 'passError' | 'releasedBroken';

export default createRule<Options, MessageId>({
  name: 'destroy-broken-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a client released in a `catch` block to be destroyed, not returned to the pool',
      recommended: 'warn',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      callBrokenRelease: 'Call {{replacement}} instead, which closes the {{noun}} and removes it from the pool.',
      passError: 'Pass the error: {{replacement}} makes the pool destroy the {{noun}}.',
      releasedBroken:
        '{{call}} in this `catch` returns {{name}} to the pool even if the error broke its connection. The next request would get the broken {{noun}}: use {{replacement}}, or test the error first.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          errors: {
            type: 'string',
            enum: ['connection', 'any'],
            description:
              'Which `catch` blocks are checked: `connection` (those whose `try` block used the client, so the error may have come from its connection) or `any` (every one).',
          },
        },
      },
    ],
    defaultOptions: [{ errors: 'connection' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const engine = getEngine(services.program, resolveSettings(context.settings).models);
    const releaseMethods = engine.effects.releaseMethodNames;
    const releaseFunctions = engine.effects.releaseArgumentMethodNames;
    const handlers: { body: TSESTree.Node; error: TSESTree.Node | null; tried: TSESTree.Node }[] = [];

    return {
      CatchClause(node): void {
        handlers.push({ body: node.body, error: node.param, tried: node.parent.block });
      },
      'CatchClause:exit'(): void {
        handlers.pop();
      },
      // `promise.catch((error) => …)`: the handler plays the catch block, the chain the try.
      'CallExpression > :function.arguments'(node: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
        const call = node.parent as TSESTree.CallExpression;
        if (calleeName(call) === 'catch' && call.arguments[0] === node && call.callee.type === AST_NODE_TYPES.MemberExpression) {
          handlers.push({ body: node.body, error: node.params[0] ?? null, tried: call.callee.object });
        }
      },
      'CallExpression > :function.arguments:exit'(node: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
        if (handlers.at(-1)?.body === node.body) {
          handlers.pop();
        }
      },
      CallExpression(node): void {
        const handler = handlers.at(-1);
        const name = calleeName(node);
        if (!handler || name === undefined || (!releaseMethods.has(name) && !releaseFunctions.has(name)) || !directlyIn(node, handler.body)) {
          return;
        }
        const release = plainRelease(node, name);
        if (!release || testsError(node, handler, isReferencedIn) || answeredBefore(node, handler.body, release.holder)) {
          return;
        }
        const { holder, resource, broken } = release;
        if (options.errors !== 'any' && !isReferencedIn(holder, handler.tried)) {
          return;
        }
        const errorName = handler.error?.type === AST_NODE_TYPES.Identifier ? handler.error.name : 'true';
        const sourceCode = context.sourceCode;
        const callee = node.callee as TSESTree.MemberExpression;
        const data = { noun: resource.noun };
        let suggestion: TSESLint.SuggestionReportDescriptor<MessageId>;
        if (broken.passError) {
          const replacement = `${sourceCode.getText(callee)}(${errorName})`;
          suggestion = { messageId: 'passError', data: { ...data, replacement: code(replacement) }, fix: (fixer) => fixer.replaceTextRange([callee.range[1], node.range[1]], `(${errorName})`) };
        } else if (resource.release.includes(broken.method)) {
          // mysql2: `conn.destroy()`, also in place of `pool.releaseConnection(conn)`.
          const replacement = `${holder.name}.${broken.method}()`;
          suggestion = { messageId: 'callBrokenRelease', data: { ...data, replacement: code(replacement) }, fix: (fixer) => fixer.replaceText(node, replacement) };
        } else {
          // generic-pool: `pool.destroy(conn)` in place of `pool.release(conn)`.
          const replacement = `${sourceCode.getText(callee.object)}.${broken.method}(${holder.name})`;
          suggestion = { messageId: 'callBrokenRelease', data: { ...data, replacement: code(replacement) }, fix: (fixer) => fixer.replaceText(callee.property, broken.method) };
        }
        context.report({
          node,
          messageId: 'releasedBroken',
          data: { call: code(sourceCode.getText(node)), noun: resource.noun, name: code(holder.name), replacement: String(suggestion.data?.replacement) },
          suggest: [suggestion],
        });
      },
    };

    /**
     * Whether an awaited call on the client ran to its end earlier in the `catch`, on the way to
     * the release (`await client.query('ROLLBACK'); client.release()`): the connection answered,
     * so the error did not break it.
     */
    function answeredBefore(node: TSESTree.Node, body: TSESTree.Node, holder: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(holder), holder);
      const awaitsCallOnHolder = (statement: TSESTree.Statement): boolean => {
        const value =
          statement.type === AST_NODE_TYPES.ExpressionStatement
            ? statement.expression
            : statement.type === AST_NODE_TYPES.VariableDeclaration
              ? statement.declarations.at(-1)?.init
              : undefined;
        const call = value?.type === AST_NODE_TYPES.AwaitExpression ? value.argument : undefined;
        const receiver = call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
        return receiver?.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(context.sourceCode.getScope(receiver), receiver) === variable;
      };
      for (let current: TSESTree.Node = node; current !== body && current.parent; current = current.parent) {
        const parent: TSESTree.Node = current.parent;
        if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body.slice(0, parent.body.indexOf(current as TSESTree.Statement)).some(awaitsCallOnHolder)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the variable `name` refers to is referenced inside `node`. */
    function isReferencedIn(name: TSESTree.Identifier, node: TSESTree.Node): boolean {
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(name), name);
      return !!variable?.references.some(({ identifier }) => identifier.range[0] >= node.range[0] && identifier.range[1] <= node.range[1]);
    }

    /**
     * The release call, when it returns the resource to the pool as healthy: pg's `release()`
     * without an error, mysql2's `release()` rather than `destroy()`, generic-pool's
     * `pool.release(resource)` rather than `pool.destroy(resource)`.
     */
    function plainRelease(
      node: TSESTree.CallExpression,
      name: string,
    ): { holder: TSESTree.Identifier; resource: ResourceModel; broken: NonNullable<ResourceModel['releaseBroken']> } | undefined {
      if (node.callee.type !== AST_NODE_TYPES.MemberExpression) {
        return undefined;
      }
      const [argument] = node.arguments;
      const candidates = [
        ...(releaseMethods.has(name) && node.callee.object.type === AST_NODE_TYPES.Identifier ? [{ holder: node.callee.object, byPool: false }] : []),
        ...(releaseFunctions.has(name) && argument?.type === AST_NODE_TYPES.Identifier ? [{ holder: argument, byPool: true }] : []),
      ];
      for (const { holder, byPool } of candidates) {
        const resource = engine.obligationOf(services.esTreeNodeToTSNodeMap.get(holder) as ts.Identifier)?.resource;
        const broken = resource?.releaseBroken;
        const givesBack = byPool ? resource?.releaseBy?.some((ref) => ref.method === name) : resource?.release.includes(name);
        if (!resource || !broken || !givesBack) {
          continue;
        }
        const destroys = broken.passError ? name === broken.method && !byPool && isDestroyingArgument(argument && (services.esTreeNodeToTSNodeMap.get(argument) as ts.Expression)) : name === broken.method;
        return destroys ? undefined : { holder, resource, broken };
      }
      return undefined;
    }
  },
});

/** Whether `node` runs as part of `body` itself, not in a function nested inside it. */
function directlyIn(node: TSESTree.Node, body: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === body) {
      return true;
    }
    if (isFunctionNode(current)) {
      return false;
    }
  }
  return false;
}

/** Whether the release runs only on a branch that looked at the error (`if (err.fatal)`, `isTransient(err)`). */
function testsError(
  node: TSESTree.Node,
  handler: { body: TSESTree.Node; error: TSESTree.Node | null },
  isReferencedIn: (name: TSESTree.Identifier, node: TSESTree.Node) => boolean,
): boolean {
  const error = handler.error;
  if (error?.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  for (let current: TSESTree.Node = node; current !== handler.body && current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    const test =
      parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression
        ? parent.test
        : parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current
          ? parent.left
          : parent.type === AST_NODE_TYPES.SwitchCase
            ? (parent.parent).discriminant
            : undefined;
    if (test && test !== current && isReferencedIn(error, test)) {
      return true;
    }
  }
  return false;
}
