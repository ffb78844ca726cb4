import type { TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import path from 'node:path';
import ts from 'typescript';


import { createRule } from '../util/create-rule.js';
import { code, describeCall, lineOf } from '../util/describe.js';
import { calleeName } from '../util/estree.js';
import { resolveSettings } from '../util/settings.js';
import { awaitedCalls, getEngine, isAwaited, type NetworkOptions, type NetworkStep } from '../analysis/index.js';

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

    return {
      CallExpression(node): void {
        const name = calleeName(node);
        if (name === undefined) {
          return;
        }
        const call = services.esTreeNodeToTSNodeMap.get(node);
        if (engine.effects.isManagedName(name)) {
          const site = engine.effects.managedSite(call);
          if (site) {
            // Inside a managed transaction's callback, everything it waits for is inside the transaction.
            reportCalls(awaitedCalls(site.callback), call, 'networkInTransaction');
            return;
          }
        }
        // A project function that runs the callback while it holds a transaction or a client.
        const wrapped = engine.wrappers.siteOf(call);
        if (wrapped?.kind === 'transaction') {
          reportCalls(awaitedCalls(wrapped.callback), call, 'networkInTransaction');
          return;
        }
        if (wrapped && options.checkHeldClients) {
          reportCalls(awaitedCalls(wrapped.callback), call, 'networkWhileHeld', `the ${wrapped.noun} of ${code(describeCall(call))}`);
          return;
        }
        if (engine.effects.isBeginName(name)) {
          checkBegin(call);
        }
        if (engine.effects.isAcquireName(name)) {
          const finding = engine.acquisition(call, lifetimeOptions);
          if (finding?.kind !== 'tracked') {
            return;
          }
          const { kind, noun } = finding.site.resource;
          if (kind === 'transaction' || (options.checkHeldClients && (kind === 'connection' || kind === 'session'))) {
            const held = [...engine.callsWhileHeld(finding.obligation, lifetimeOptions)];
            const messageId = kind === 'transaction' ? 'networkInTransaction' : 'networkWhileHeld';
            reportCalls(held.filter(isAwaitedCall), call, messageId, `the ${noun} from ${code(describeCall(call))}`);
          }
        }
      },
      TaggedTemplateExpression(node): void {
        checkBegin(services.esTreeNodeToTSNodeMap.get(node));
      },
    };

    function checkBegin(node: ts.CallExpression | ts.TaggedTemplateExpression): void {
      const finding = engine.transactionBegin(node, lifetimeOptions);
      if (finding?.kind === 'tracked') {
        reportCalls([...engine.callsWhileHeld(finding.obligation, lifetimeOptions)].filter(isAwaitedCall), node, 'networkInTransaction');
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
          data: { chain: describeChain(chain), line: lineOf(begin), resource },
        });
      }
    }
  },
});

function isAwaitedCall(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): node is ts.CallExpression | ts.NewExpression {
  return !ts.isTaggedTemplateExpression(node) && isAwaited(node);
}

/** "`scoreService.calculate()` → `memoryClient.extractFacts()` → `fetch()` (memory-client.ts:42)". */
function describeChain(chain: readonly NetworkStep[]): string {
  const last = chain.at(-1)!.node;
  const where = `${path.basename(last.getSourceFile().fileName)}:${lineOf(last)}`;
  return `${chain.map((step) => code(describeCall(step.node))).join(' → ')} (${where})`;
}
