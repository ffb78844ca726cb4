import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';

import { code, describeFunction } from '../../report/paths.js';
import { resolveSettings } from '../../util/settings.js';
import { getEngine } from '../../analysis/index.js';

/**
 * `no-leaked-client`'s check of a pool made inside a function and left open there: a pool holds
 * connections as a client does, only more of them, and one made per call holds them per call.
 */
export function poolLeftOpenCheck(
  context: TSESLint.RuleContext<'poolNeverClosed', readonly unknown[]>,
): (node: TSESTree.NewExpression | TSESTree.CallExpression) => void {
  const services = ESLintUtils.getParserServices(context);
  const engine = getEngine(services.program, resolveSettings(context.settings).models);
  return (node) => {
    const site = engine.pools.siteOf(services.esTreeNodeToTSNodeMap.get(node));
    const open = site && engine.poolLeftOpen(site);
    if (!site || !open) {
      return;
    }
    const holder = open.holder?.text;
    context.report({
      node,
      messageId: 'poolNeverClosed',
      data: {
        pool: holder ? `The ${site.library.name} pool ${code(holder)}` : `This ${site.library.name} pool`,
        fn: describeFunction(open.fn),
        close: code(`${holder ?? 'pool'}.${site.pool.closedBy![0]}()`),
      },
    });
  };
}
