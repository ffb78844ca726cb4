import { createRule } from '../util/create-rule.js';
import { exceptionsSchema, unknownCallsSchema } from './shared/options.js';
import { poolLeftOpenCheck } from './shared/pool-left-open.js';
import { type ResourceLeakMessageId, resourceLeakListener, type ResourceLeakOptions } from './shared/resource-leak.js';

export type Options = [ResourceLeakOptions];

export type MessageId = ResourceLeakMessageId | 'poolNeverClosed';

export default createRule<Options, MessageId>({
  name: 'no-leaked-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require connections acquired from a pool to be released on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- the suggestions are made in resourceLeakListener
    hasSuggestions: true,
    messages: {
      discarded: '{{resource}} is never stored, so it can never be released.',
      unreleasedField: '{{resource}} is kept in `this.{{field}}`, which no member of `{{owner}}` releases or hands on, so it can never be released.',
      notReleased: '{{resource}} is not released {{path}}.{{more}}',
      notReleasedOnException:
        '{{resource}} is not released if {{call}} (line {{line}}) throws. Release it in a `finally` block.{{more}}',
      overwritten: '{{resource}} is lost without being released: {{how}} at line {{line}}.{{more}}',
      releasedOnlyOnFulfilled:
        '{{resource}} is released only in `.then()` (line {{line}}): it is not released if the promise rejects. Release it in `.finally()`.',
      useUsing: 'Declare it with `{{keyword}}` so it is released when the block exits.',
      wrapInTryFinally: 'Release it in a `finally` block.',
      poolNeverClosed:
        '{{pool}} is made anew each time {{fn}} runs, and never closed. Each call leaves its connections open after it returns, and under load they pile up until the database refuses more: make it once, outside the function, or close it with {{close}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          unknownCalls: unknownCallsSchema('the client', 'the caller must still release it'),
          exceptions: exceptionsSchema,
        },
      },
    ],
    defaultOptions: [{ unknownCalls: 'transfer', exceptions: 'likely' }],
  },
  create(context, [options]) {
    const leaks = resourceLeakListener(context, options, {
      // An unmanaged transaction (knex, Sequelize, Kysely, mssql) is no-unfinished-transaction's;
      // cursors and statements are no-leaked-cursor's.
      owns: (resource) => resource.kind === 'connection' || resource.kind === 'session',
    });
    const checkPool = poolLeftOpenCheck(context);

    return {
      ...leaks,
      CallExpression(node): void {
        leaks.CallExpression?.(node);
        checkPool(node);
      },
      NewExpression: checkPool,
    };
  },
});
