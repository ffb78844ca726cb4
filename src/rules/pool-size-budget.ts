import type { TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import path from 'node:path';
import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { lineOf } from '../report/paths.js';
import { resolveSettings } from '../util/settings.js';
import { getEngine, isTestFile, type PoolSite, type PoolSize } from '../analysis/index.js';

export type Options = [{ checkTests?: boolean; maxConnections?: number; processes?: number; reservedConnections?: number }];

export type MessageId = 'poolOverBudget' | 'poolsOverBudget';

/** How many other pools a message lists by name before it counts the rest. */
const LISTED_POOLS = 3;

export default createRule<Options, MessageId>({
  name: 'pool-size-budget',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow pools whose size, times the service's processes, exceeds the database server's connection budget",
      requiresTypeChecking: true,
    },
    messages: {
      poolOverBudget:
        "This {{library}} pool opens up to {{size}} connections{{source}}{{times}}, over the server's budget of {{budget}}. The budget is maxConnections {{max}} − reservedConnections {{reserved}}.",
      poolsOverBudget:
        "This program's pools open up to {{total}} connections together{{times}}, over the server's budget of {{budget}}. The pools: {{list}}; the budget is maxConnections {{max}} − reservedConnections {{reserved}}.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxConnections: {
            type: 'integer',
            minimum: 1,
            description: "The database server's `max_connections` (PostgreSQL's default is 100, MySQL's 151).",
          },
          reservedConnections: {
            type: 'integer',
            minimum: 0,
            description: 'Connections kept for others: superuser and admin slots, migrations, other services (PostgreSQL’s `superuser_reserved_connections`).',
          },
          processes: {
            type: 'integer',
            minimum: 1,
            description: 'How many instances of the service run at once (replicas × cluster workers), each with its own pools.',
          },
          checkTests: {
            type: 'boolean',
            description:
              'Whether pools created in tests and their helpers (`*.test.ts`, `*.spec.ts`, `__tests__/`, `test/`, `fixtures/`) count: they are sized for a test database, not the production budget.',
          },
        },
      },
    ],
    defaultOptions: [{ checkTests: false, maxConnections: 100, reservedConnections: 3, processes: 1 }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const engine = getEngine(services.program, resolveSettings(context.settings).models);
    const max = options.maxConnections ?? 100;
    const reserved = options.reservedConnections ?? 3;
    const processes = options.processes ?? 1;
    const budget = max - reserved;

    // A file that creates a pool imports its library; a project subclass of a pool constructed
    // in a file that does not import the library is not checked.
    const file = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
    if (!engine.pools.mayCreatePools(file) || (!options.checkTests && isTestFile(file, services.program))) {
      return {};
    }

    return {
      'NewExpression, CallExpression'(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
        const site = engine.pools.siteOf(services.esTreeNodeToTSNodeMap.get(node));
        const size = site && engine.pools.sizeOf(site);
        if (!site || !size) {
          return;
        }
        if (size.value * processes > budget) {
          context.report({
            node,
            messageId: 'poolOverBudget',
            data: { library: site.library.name, size: size.value, source: describeSource(size), times: times(size.value), budget, max, reserved },
          });
          return;
        }
        const sized = engine.pools
          .allSites()
          .map((other) => ({ site: other, size: engine.pools.sizeOf(other) }))
          .filter((entry): entry is { site: PoolSite; size: PoolSize } => entry.size !== undefined);
        const total = sized.reduce((sum, entry) => sum + entry.size.value, 0);
        // A pool over the budget on its own is the one report to act on; the sum waits for it.
        const alone = sized.some((entry) => entry.size.value * processes > budget);
        if (alone || total * processes <= budget || !sized.some((entry) => entry.site.node === site.node)) {
          return;
        }
        const others = sized.filter((entry) => entry.site.node !== site.node);
        const listed = others.slice(0, LISTED_POOLS).map((entry) => `${entry.size.value} at ${where(entry.site.node, site.node)}`);
        const rest = others.length - listed.length;
        const list = [`${size.value} here`, ...listed, ...(rest > 0 ? [`${rest} more`] : [])].join(', ');
        context.report({ node, messageId: 'poolsOverBudget', data: { total, list, times: times(total), budget, max, reserved } });
      },
    };

    function times(connections: number): string {
      return processes > 1 ? ` × ${processes} processes = ${connections * processes}` : '';
    }

    /** `line 4` in the same file, `src/db/reports.ts:4` in another (relative to the program's directory). */
    function where(node: ts.Node, from: ts.Node): string {
      const file = node.getSourceFile().fileName;
      if (file === from.getSourceFile().fileName) {
        return `line ${lineOf(node)}`;
      }
      return `${path.relative(services.program.getCurrentDirectory(), file).replaceAll('\\', '/')}:${lineOf(node)}`;
    }
  },
});

function describeSource(size: PoolSize): string {
  if (size.source === 'default') {
    return " (the library's default)";
  }
  return size.source === 'environment' ? ` (the fallback when \`${size.variable}\` is unset)` : '';
}
