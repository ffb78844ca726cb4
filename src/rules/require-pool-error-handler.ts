import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { code, indentationOf } from '../report/paths.js';
import { resolveSettings } from '../util/settings.js';
import { getEngine, type PoolSite, valuePosition } from '../analysis/index.js';

export type Options = [];

export type MessageId = 'addClientListener' | 'addListener' | 'clientMissingListener' | 'missingListener';

export default createRule<Options, MessageId>({
  name: 'require-pool-error-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an `error` listener on every pool, and every client kept open for LISTEN, whose unhandled `error` event crashes the process',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      addClientListener: "Log the error with `{{target}}.on('{{event}}', …)` before it listens.",
      addListener: "Log the error with `{{target}}.on('{{event}}', …)` after the declaration.",
      clientMissingListener:
        "The {{library}} client {{client}} listens for `{{stream}}` but has no `{{event}}` listener anywhere in the program, so its connection dropping crashes the process. A client kept open to receive events emits `{{event}}` itself when the server restarts or the network drops, and with no listener Node.js exits: attach one with `{{target}}.on('{{event}}', …)` before listening.",
      missingListener:
        "The {{library}} pool{{named}} has no `{{event}}` listener anywhere in the program, so one failed idle connection crashes the process. A server restart, failover or network drop makes the pool emit `{{event}}`, and with no listener Node.js exits: attach one with `{{target}}.on('{{event}}', …)`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const engine = getEngine(services.program, resolveSettings(context.settings).models);

    // A file that creates a pool imports its library; a project subclass of a pool constructed
    // in a file that does not import the library is not checked.
    const file = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
    const checksPools = engine.pools.mayCreatePools(file);
    const checksClients = engine.pools.mayListen(file);
    if (!checksPools && !checksClients) {
      return {};
    }

    return {
      CallExpression(node): void {
        const unguarded = checksClients ? engine.pools.unguardedListeningClient(services.esTreeNodeToTSNodeMap.get(node)) : undefined;
        if (!unguarded) {
          return;
        }
        const { library, event, client } = unguarded;
        const target = client.getText();
        context.report({
          node,
          messageId: 'clientMissingListener',
          data: { library: library.name, client: code(target), target, stream: library.listeningClients!.listensFor, event },
          suggest: addClientListener(node, target, event),
        });
      },
      'NewExpression, CallExpression'(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
        if (!checksPools) {
          return;
        }
        const site = engine.pools.siteOf(services.esTreeNodeToTSNodeMap.get(node));
        const event = site?.pool.crashEvent;
        if (!site || !event || engine.pools.listenerOf(site) !== 'missing') {
          return;
        }
        const declaration = valuePosition(site.node).parent;
        const name = ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
        const target = name ?? 'pool';
        context.report({
          node,
          messageId: 'missingListener',
          data: { library: site.library.name, named: name ? ` ${code(name)}` : '', event, target },
          suggest: name ? addListener(site, declaration as ts.VariableDeclaration, name, event) : [],
        });
      },
    };

    /** Inserts a listener that logs before the statement that starts listening, when it is a statement of its own. */
    function addClientListener(node: TSESTree.CallExpression, target: string, event: string): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statement = node.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program)) {
        return [];
      }
      const indent = indentationOf(context.sourceCode.text, statement.range[0]);
      const listener = `${target}.on('${event}', (error) => {\n${indent}  console.error('Unexpected error on a listening database connection', error);\n${indent}});\n${indent}`;
      return [{ messageId: 'addClientListener', data: { target, event }, fix: (fixer) => fixer.insertTextBeforeRange(statement.range, listener) }];
    }

    /** Inserts a listener that logs after the statement declaring the pool, when it is a statement of its own. */
    function addListener(site: PoolSite, declaration: ts.VariableDeclaration, name: string, event: string): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const statement = declaration.parent.parent;
      if (!ts.isVariableStatement(statement) || !(ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent))) {
        return [];
      }
      const text = context.sourceCode.text;
      const indent = indentationOf(text, statement.getStart());
      // mariadb's typings leave `error` out of its pool's events, though the pool emits it.
      const typed = /\.[cm]?js$/.test(declaration.getSourceFile().fileName) || engine.pools.acceptsEvent(site, event);
      const emitter = typed ? name : `(${name} as unknown as NodeJS.EventEmitter)`;
      const listener = `\n${indent}${emitter}.on('${event}', (error) => {\n${indent}  console.error('Unexpected error on an idle database connection', error);\n${indent}});`;
      return [{ messageId: 'addListener', data: { target: name, event }, fix: (fixer) => fixer.insertTextAfterRange([statement.getStart(), statement.getEnd()], listener) }];
    }
  },
});
