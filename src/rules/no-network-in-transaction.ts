import type { TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import path from 'node:path';
import ts from 'typescript';

import type { NetworkOptions, NetworkStep } from '../analysis/network.js';

import { getEngine } from '../analysis/engine.js';
import { awaitedCalls, isAwaited } from '../analysis/network.js';
import { calleeName as tsCalleeName } from '../analysis/types.js';
import { builtinModels } from '../models/index.js';
import { createRule } from '../util/create-rule.js';
import { describeCall, lineOf } from '../util/describe.js';
import { calleeName } from '../util/estree.js';

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
        'Awaits {{chain}} while the transaction begun at line {{line}} is open: the connection stays `idle in transaction`, holding its locks, for as long as the call takes. Commit first, make the call, then write its result in a new transaction.',
      networkWhileHeld:
        'Awaits {{chain}} while holding {{resource}} (line {{line}}): the connection is taken from the pool for as long as the call takes. Release it before the call.',
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
            items: { type: 'string' },
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
    const engine = getEngine(services.program, builtinModels);
    const lifetimeOptions = { unknownCalls: 'transfer' } as const;
    const networkOptions: NetworkOptions = {
      allowModules: options.allowModules ?? [],
      networkFunctions: options.networkFunctions ?? [],
      networkModules: options.networkModules ?? [],
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
            reportCalls(held.filter(isAwaitedCall), call, messageId, `the ${noun} from \`${describeCall(call)}\``);
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
        reportCalls([...finding.heldCalls].filter(isAwaitedCall), node, 'networkInTransaction');
      }
    }

    /** Reports each call (once) that waits for network I/O, directly or through other functions. */
    function reportCalls(calls: readonly ts.Node[], begin: ts.Node, messageId: MessageId, resource?: string): void {
      for (const call of calls) {
        if (reported.has(call) || !(ts.isCallExpression(call) || ts.isNewExpression(call))) {
          continue;
        }
        const chain = networkChain(call);
        // A member of `Promise.all([…])` is reported once, as itself or through the combinator.
        const member = chain && ts.isCallExpression(call) && isPromiseCombinator(call) ? chain[1]?.node : undefined;
        if (!chain || (member && reported.has(member))) {
          continue;
        }
        reported.add(call);
        if (member) {
          reported.add(member);
        }
        context.report({
          node: services.tsNodeToESTreeNodeMap.get<TSESTree.Node>(call),
          messageId,
          data: { chain: describeChain(chain), line: lineOf(begin), resource },
        });
      }
    }

    /**
     * The network I/O behind a call, also inside an awaited `Promise.all([…])` and the callbacks
     * that build its array (`Promise.all(ids.map(async (id) => …))`).
     */
    function networkChain(call: ts.CallExpression | ts.NewExpression): readonly NetworkStep[] | undefined {
      const chain = engine.network.chainOf(call, networkOptions);
      if (chain || !ts.isCallExpression(call) || !isPromiseCombinator(call)) {
        return chain;
      }
      for (const argument of call.arguments) {
        const members = ts.isArrayLiteralExpression(argument) ? argument.elements : [argument];
        for (const member of members) {
          const inner = ts.isCallExpression(member) ? member : undefined;
          const callbacks = inner?.arguments.filter((candidate) => ts.isArrowFunction(candidate) || ts.isFunctionExpression(candidate)) ?? [];
          for (const candidate of [...(inner ? [inner] : []), ...callbacks.flatMap((callback) => awaitedCalls(callback))]) {
            const found = engine.network.chainOf(candidate, networkOptions);
            if (found) {
              return [{ node: call }, ...found];
            }
          }
        }
      }
      return undefined;
    }
  },
});

function isAwaitedCall(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): node is ts.CallExpression | ts.NewExpression {
  return !ts.isTaggedTemplateExpression(node) && isAwaited(node);
}

function isPromiseCombinator(call: ts.CallExpression): boolean {
  const name = tsCalleeName(call);
  const callee = call.expression;
  return (
    !!name &&
    ['all', 'allSettled', 'race', 'any'].includes(name.text) &&
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Promise'
  );
}

/** "`scoreService.calculate()` → `memoryClient.extractFacts()` → `fetch()` (memory-client.ts:42)". */
function describeChain(chain: readonly NetworkStep[]): string {
  const last = chain.at(-1)!.node;
  const where = `${path.basename(last.getSourceFile().fileName)}:${lineOf(last)}`;
  return `${chain.map((step) => `\`${describeCall(step.node)}\``).join(' → ')} (${where})`;
}
