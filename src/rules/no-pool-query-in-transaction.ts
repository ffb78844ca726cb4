import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import { createRule } from '../util/create-rule.js';
import { code, describeCallChain, lineOf } from '../report/paths.js';
import { resolveSettings } from '../util/settings.js';
import { transactionVisitor } from './shared/transaction-visitor.js';
import { type ForeignQuery, getEngine } from '../analysis/index.js';

export type Options = [
  {
    allowedHandles?: string[];
    sequelizeCls?: boolean;
  },
];

export type MessageId = 'handTransaction' | 'helperQuery' | 'missingArgument' | 'missingOption' | 'outerHandle' | 'poolQuery' | 'useTransactionHandle';

export default createRule<Options, MessageId>({
  name: 'no-pool-query-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queries that bypass the open transaction by going through the pool or the outer handle',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      handTransaction: 'Hand it the transaction: {{call}}.',
      helperQuery:
        'This call queries outside {{transaction}}, on another connection: {{chain}} sends its query through {{handle}}, not the transaction.',
      missingArgument: 'This query runs outside {{transaction}}, on another connection: it is not handed the transaction, as in {{call}}.',
      missingOption: 'This query runs outside {{transaction}}, on another connection: it does not pass {{option}}.',
      outerHandle:
        'This query runs outside {{transaction}}, on another connection. {{handle}} is the handle the transaction was started from: use {{tx}}.',
      poolQuery: 'This query runs outside {{transaction}}, on another pooled connection: it goes through {{handle}}.',
      useTransactionHandle: 'Send it through {{tx}} instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedHandles: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Handles, as written in the code (`auditDb`, `this.readReplica`), that may be queried while a transaction is open: a different database, or work that must not join the transaction.',
          },
          sequelizeCls: {
            type: 'boolean',
            description:
              'Whether Sequelize runs with CLS (`Sequelize.useCLS(namespace)`), so queries inside a managed transaction join it without `{ transaction: t }`. A call of `Sequelize.useCLS()` in the linted program is seen without it.',
          },
        },
      },
    ],
    defaultOptions: [{ allowedHandles: [], sequelizeCls: false }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const settings = resolveSettings(context.settings);
    const engine = getEngine(services.program, settings.models);
    const allowed = new Set([...(options.allowedHandles ?? []), ...settings.ignoreHandles]);

    const transactions = transactionVisitor(context, engine, { unknownCalls: 'transfer' }, (transaction) => {
      report(transaction.foreignQueries(), `the transaction begun at line ${lineOf(transaction.node)}`, transaction.handle);
    });
    // A function given its caller's transaction (`trx: Knex.Transaction`) runs inside it.
    const handedTo = (node: TSESTree.FunctionLike): void => {
      const handed = engine.transactionHandedTo(services.esTreeNodeToTSNodeMap.get(node));
      if (handed) {
        report(handed.foreignQueries(), `the transaction ${code(handed.handle)} this function is given`, handed.handle);
      }
    };
    return {
      ...transactions,
      ArrowFunctionExpression: handedTo,
      FunctionDeclaration: handedTo,
      FunctionExpression: handedTo,
    };

    function report(queries: readonly ForeignQuery[], transaction: string, tx: string | undefined): void {
      for (const query of queries) {
        const handle = query.handle.getText();
        if (allowed.has(handle)) {
          continue;
        }
        const node = services.tsNodeToESTreeNodeMap.get(query.node);
        if (query.joinedByContextWhen && options[query.joinedByContextWhen as keyof Options[0]]) {
          continue;
        }
        if (query.helper) {
          const chain = describeCallChain([...query.helper.via, query.helper.node]);
          context.report({ node, messageId: 'helperQuery', data: { chain, handle: code(handle), transaction } });
          continue;
        }
        if (query.reason === 'missingOption') {
          if (query.argumentIndex !== undefined) {
            reportMissingArgument(node, query.node as ts.CallExpression, query.argumentIndex, transaction, tx);
            continue;
          }
          const option = optionText(query, tx);
          context.report({ node, messageId: 'missingOption', data: { option: code(option), transaction } });
          continue;
        }
        const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = tx && query.fixable
          ? [
              {
                messageId: 'useTransactionHandle',
                data: { tx: code(tx) },
                fix: (fixer) => fixer.replaceTextRange([query.handle.getStart(), query.handle.getEnd()], tx),
              },
            ]
          : [];
        context.report({
          node,
          messageId: query.reason === 'outerHandle' ? 'outerHandle' : 'poolQuery',
          data: { handle: code(handle), transaction, tx: tx ? code(tx) : 'the transaction handle' },
          suggest,
        });
      }
    }

    // `Person.query()` → `Person.query(trx)`, suggested when the call stops just short of the transaction's place.
    function reportMissingArgument(node: TSESTree.Node, call: ts.CallExpression, index: number, transaction: string, tx: string | undefined): void {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] =
        tx && call.arguments.length === index
          ? [
              {
                messageId: 'handTransaction',
                data: { call: code(handedCall(call, index, tx)) },
                fix: (fixer) => fixer.insertTextAfterRange([call.arguments.end, call.arguments.end], index === 0 ? tx : `, ${tx}`),
              },
            ]
          : [];
      context.report({ node, messageId: 'missingArgument', data: { call: code(handedCall(call, index, tx ?? 'trx')), transaction }, suggest });
    }
  },
});

/** `Person.query(trx)`: the call with the transaction handed at its place. */
function handedCall(call: ts.CallExpression, index: number, tx: string): string {
  const before = call.arguments.slice(0, index).map((argument) => argument.getText());
  return `${call.expression.getText()}(${[...before, tx].join(', ')})`;
}

/** `{ transaction: t }`, or `{ session }` when the handle has the option's name. */
function optionText(query: ForeignQuery, tx: string | undefined): string {
  const name = query.option!;
  return `{ ${name}${tx && tx !== name ? `: ${tx}` : ''} }`;
}
