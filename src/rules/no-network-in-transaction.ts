import type { TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { code, describeCall, describeCallChain, lineOf } from '../report/paths.js';
import { calleeName } from '../util/estree.js';
import { resolveSettings } from '../util/settings.js';
import { transactionVisitor } from './shared/transaction-visitor.js';
import { awaitedCalls, getEngine, isAwaited, type NetworkOptions } from '../analysis/index.js';

export type Options = [
  {
    allowModules?: string[];
    checkHeldClients?: boolean;
    maxDepth?: number;
    networkFunctions?: string[];
    networkModules?: string[];
  },
];

export type MessageId = 'networkWhileHeld' | 'networkInTransaction';

export default createRule<Options, MessageId>({
  name: 'no-network-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow awaiting network I/O while a transaction is open, also through other functions and files',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      networkInTransaction:
        'Awaits {{chain}} while the transaction begun at line {{line}} is open. Its connection sits `idle in transaction`, holding locks, until the call returns: commit before the call, and write its result in a new transaction.',
      networkWhileHeld:
        'Awaits {{chain}} while holding {{resource}} (line {{line}}). The connection is out of the pool as long as the call takes: release it before the call.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          networkModules: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Modules (npm packages, `node:` modules, `@scope/*`) whose calls count as network I/O, in addition to the default list.',
          },
          allowModules: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Modules taken off the network list (a cache on localhost, say).',
          },
          networkFunctions: {
            type: 'array',
            items: { type: 'string', format: 'regex' },
            uniqueItems: true,
            description: 'Regular expressions for names of your own functions or methods to treat as network calls (`^callPartner`).',
          },
          maxDepth: {
            type: 'integer',
            minimum: 0,
            description: 'How many of your functions deep to follow a call looking for network I/O.',
          },
          checkHeldClients: {
            type: 'boolean',
            description: 'Also report network calls awaited while a pooled client is held outside any transaction.',
          },
        },
      },
    ],
    defaultOptions: [{ allowModules: [], checkHeldClients: false, maxDepth: 5, networkFunctions: [], networkModules: [] }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const settings = resolveSettings(context.settings);
    const engine = getEngine(services.program, settings.models);
    const lifetimeOptions = { unknownCalls: 'transfer' } as const;
    const networkOptions: NetworkOptions = {
      allowModules: options.allowModules ?? [],
      networkFunctions: [...(options.networkFunctions ?? []), ...settings.networkFunctions],
      networkModules: [...(options.networkModules ?? []), ...settings.networkModules],
      maxDepth: options.maxDepth ?? 5,
    };
    const reported = new Set<ts.Node>();

    const listener = transactionVisitor(context, engine, lifetimeOptions, (transaction) => {
      if (!transaction.onPool) {
        reportCalls(transaction.awaitedWhileOpen(), transaction.node, 'networkInTransaction');
      }
    });
    if (!options.checkHeldClients) {
      return listener;
    }
    return {
      ...listener,
      CallExpression(node): void {
        listener.CallExpression?.(node);
        checkHeldClient(node);
      },
    };

    /** With `checkHeldClients`: a client (not a transaction) held while the code waits for the network. */
    function checkHeldClient(node: TSESTree.CallExpression): void {
      const name = calleeName(node);
      if (name === undefined) {
        return;
      }
      const call = services.esTreeNodeToTSNodeMap.get(node);
      const wrapped = engine.wrapperSite(call);
      if (wrapped?.kind === 'connection') {
        reportCalls(awaitedCalls(wrapped.callback), call, 'networkWhileHeld', `the ${wrapped.noun} of ${code(describeCall(call))}`);
        return;
      }
      const finding = engine.effects.isAcquireName(name) ? engine.acquisition(call, lifetimeOptions) : undefined;
      if (finding?.kind === 'tracked' && (finding.site.resource.kind === 'connection' || finding.site.resource.kind === 'session')) {
        const held = [...engine.callsWhileHeld(finding.obligation, lifetimeOptions)];
        reportCalls(held.filter(isAwaitedCall), call, 'networkWhileHeld', `the ${finding.site.resource.noun} from ${code(describeCall(call))}`);
      }
    }

    /** Reports each call (once) that waits for network I/O, directly or through other functions. */
    function reportCalls(calls: readonly ts.Node[], begin: ts.Node, messageId: MessageId, resource?: string): void {
      for (const call of calls) {
        if (reported.has(call) || !(ts.isCallExpression(call) || ts.isNewExpression(call))) {
          continue;
        }
        const chain = engine.network.chainOf(call, networkOptions);
        if (!chain) {
          continue;
        }
        // A call written inside another (`Promise.all([fetch(url)])`) is reported once.
        const nested = chain.filter(
          (step) => step.node.getSourceFile() === call.getSourceFile() && step.node.pos >= call.pos && step.node.end <= call.end,
        );
        if (nested.some((step) => reported.has(step.node))) {
          continue;
        }
        for (const step of nested) {
          reported.add(step.node);
        }
        context.report({
          node: services.tsNodeToESTreeNodeMap.get<TSESTree.Node>(call),
          messageId,
          data: { chain: describeCallChain(chain.map((step) => step.node)), line: lineOf(begin), resource },
        });
      }
    }
  },
});

function isAwaitedCall(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): node is ts.CallExpression | ts.NewExpression {
  return !ts.isTaggedTemplateExpression(node) && isAwaited(node);
}
