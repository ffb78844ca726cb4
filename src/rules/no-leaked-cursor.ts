/* eslint-disable eslint-plugin/no-unused-message-ids -- the shared ids are reported by resourceLeakListener */
import type { TSESTree } from '@typescript-eslint/utils';

import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { exceptionsSchema, unknownCallsSchema } from './shared/options.js';
import { code, describeCall, isLoopBody, lineOf } from '../report/paths.js';
import { describeResource, type ResourceLeakMessageId, resourceLeakListener, type ResourceLeakOptions } from './shared/resource-leak.js';
import { type AcquireFinding, isScopeEnd } from '../analysis/index.js';

export type Options = [ResourceLeakOptions];

export type MessageId = ResourceLeakMessageId | 'createdInLoop' | 'cursorOnPool';

export default createRule<Options, MessageId>({
  name: 'no-leaked-cursor',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require cursors, query streams, result sets and prepared statements to be closed on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- the suggestions are made in resourceLeakListener
    hasSuggestions: true,
    messages: {
      createdInLoop:
        '{{resource}} is {{created}} on every iteration of the loop at line {{line}} and not closed in that iteration. {{advice}}',
      cursorOnPool:
        '{{call}} checks out a pooled client that is never given back. The pool releases it only when the query calls back, which a cursor or a query stream never does: run it on a client from `pool.connect()`, and release that client after closing it.',
      discarded: '{{resource}} is never stored, so it can never be closed.',
      unreleasedField: '{{resource}} is kept in `this.{{field}}`, which no member of `{{owner}}` closes or hands on, so it can never be closed.',
      notReleased: '{{resource}} is not closed {{path}}.{{more}}',
      notReleasedOnException:
        '{{resource}} is not closed if {{call}} (line {{line}}) throws. Close it in a `finally` block.{{more}}',
      overwritten: '{{resource}} is lost without being closed: {{how}} at line {{line}}.{{more}}',
      releasedOnlyOnFulfilled:
        '{{resource}} is closed only in `.then()` (line {{line}}): it stays open if the promise rejects. Close it in `.finally()`.',
      useUsing: 'Declare it with `{{keyword}}` so it is closed when the block exits.',
      wrapInTryFinally: 'Close it in a `finally` block.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          unknownCalls: unknownCallsSchema('the cursor or statement', 'the caller must still close it'),
          exceptions: exceptionsSchema,
        },
      },
    ],
    defaultOptions: [{ unknownCalls: 'transfer', exceptions: 'likely' }],
  },
  create(context, [options]) {
    return resourceLeakListener(context, options, {
      owns: (resource) => resource.kind === 'cursor' || resource.kind === 'statement',
      reportSpecial(node: TSESTree.CallExpression | TSESTree.NewExpression, finding: AcquireFinding): boolean {
        if (finding.kind === 'alwaysLeaks') {
          context.report({ node, messageId: 'cursorOnPool', data: { call: code(describeCall(finding.site.call)) } });
          return true;
        }
        const loop = finding.kind === 'tracked' ? loopLeak(finding) : undefined;
        if (!loop || finding.kind !== 'tracked') {
          return false;
        }
        const { resource } = finding.site;
        const isStatement = resource.kind === 'statement';
        context.report({
          node,
          messageId: 'createdInLoop',
          data: {
            resource: describeResource(finding),
            created: isStatement ? 'prepared' : 'opened',
            line: lineOf(loop),
            advice: isStatement ? 'Prepare it once before the loop, and close it after.' : 'Close it before the iteration ends.',
          },
        });
        return true;
      },
    });
  },
});

/**
 * The loop whose every iteration creates the resource and leaves it open: the variable goes
 * out of scope at the end of the loop body, or the next iteration's creation overwrites it.
 */
function loopLeak(finding: Extract<AcquireFinding, { kind: 'tracked' }>): ts.IterationStatement | undefined {
  const { obligation, result } = finding;
  for (const leak of result.leaks) {
    if (leak.kind === 'exit' && isScopeEnd(leak) && isLoopBody(leak.at)) {
      return leak.at.parent as ts.IterationStatement;
    }
    if (leak.kind === 'overwritten' && leak.at === obligation.creation) {
      return ts.findAncestor(leak.at, (node): node is ts.IterationStatement => ts.isIterationStatement(node, false));
    }
  }
  return undefined;
}
