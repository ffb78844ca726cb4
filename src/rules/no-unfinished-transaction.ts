import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESLintUtils } from '@typescript-eslint/utils';
import ts = require('typescript');

import type { TransactionModel } from '../models/model.js';

import { createRule } from '../util/create-rule.js';
import { code, describeCall, endWords, indentationOf, isAsyncFunction, lineOf, openExitWords, viaWords } from '../report/paths.js';
import { resolveSettings } from '../util/settings.js';
import { exceptionsSchema, unknownCallsSchema } from './shared/options.js';
import { transactionVisitor } from './shared/transaction-visitor.js';
import { getEngine, type LeakPath, leakPosition, type LifetimeResult, type Obligation, viewOfCall } from '../analysis/index.js';

export type Options = [
  {
    exceptions?: 'all' | 'likely';
    unknownCalls?: 'borrow' | 'transfer';
  },
];

export type MessageId =
  | 'beginOnPool'
  | 'notEnded'
  | 'openAtExit'
  | 'openOnException'
  | 'releasedWhileOpen'
  | 'releaseNotRun'
  | 'rollbackBeforeExit'
  | 'runRelease';

export default createRule<Options, MessageId>({
  name: 'no-unfinished-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every transaction to be committed or rolled back on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      beginOnPool:
        '{{sql}} is sent through the pool, so the transaction runs on an arbitrary connection. That connection goes back to the pool inside the transaction: run the transaction on one dedicated connection.',
      notEnded: 'This transaction is never committed or rolled back {{path}}.',
      openAtExit: 'The transaction begun at line {{line}} is still open {{how}}. Commit or roll it back first.',
      openOnException:
        'This transaction is not rolled back if {{call}} (line {{line}}) throws. Roll it back in a `catch` block.',
      releasedWhileOpen:
        '{{name}} goes back to the pool with the transaction begun at line {{line}} still open{{path}}. The next user of the connection inherits it: commit or roll back first, or destroy the connection.',
      releaseNotRun:
        '{{call}} only builds the command: without `.{{completion}}()` it is never sent, and the transaction stays open on its connection.',
      rollbackBeforeExit: 'Roll the transaction back before leaving: {{rollback}}.',
      runRelease: 'Send it: {{call}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          unknownCalls: unknownCallsSchema('the transaction (or its connection)', 'this function must still commit or roll back'),
          exceptions: exceptionsSchema,
        },
      },
    ],
    defaultOptions: [{ unknownCalls: 'transfer', exceptions: 'likely' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const settings = resolveSettings(context.settings);
    const engine = getEngine(services.program, settings.models);
    const lifetimeOptions = { unknownCalls: options.unknownCalls ?? 'transfer', exceptions: options.exceptions ?? 'likely' } as const;

    return transactionVisitor(context, engine, lifetimeOptions, (transaction) => {
      const node = services.tsNodeToESTreeNodeMap.get<TSESTree.Node>(transaction.node);
      if (transaction.onPool) {
        const text = transaction.onPool.node.getText();
        // Name the statement that begins, not the rest of a batch: `BEGIN TRAN`, not `BEGIN TRAN; UPDATE`.
        const statement = engine.effects
          .sqlTextOf(transaction.onPool.node)
          ?.split(';')
          .map((part) => part.trim())
          .findLast((part) => /^(begin|start)\b/i.test(part));
        const sql = statement?.split(/\s+/).slice(0, 3).join(' ') ?? text;
        context.report({ node, messageId: 'beginOnPool', data: { sql: code(sql) } });
      } else if (transaction.tracked) {
        const { obligation, result, model, ownsHandle } = transaction.tracked;
        reportObligation(node, obligation, result, model, ownsHandle);
      }
    });

    /**
     * Reports each leak where a developer changes the code: an early exit on the exit
     * statement, a release on the release, an exception path or a missing end on the begin.
     */
    function reportObligation(
      begin: TSESTree.Node,
      obligation: Obligation,
      result: LifetimeResult,
      model: TransactionModel | undefined,
      ownsHandle: boolean,
    ): void {
      // A function that begins a transaction on a handle it was given, and never ends one, is
      // a helper whose caller finishes the transaction: only a release while open is a bug there.
      const beginsForCaller = !ownsHandle && result.dischargeNodes.length === 0;
      const line = lineOf(obligation.creation);
      const reported = new Set<string>();
      const once = (key: string): boolean => !reported.has(key) && !!reported.add(key);
      // Beginning again while the last one is open is the report; the new BEGIN failing then is the same path.
      const begunAgain = result.leaks.some((leak) => leak.kind === 'overwritten');
      // Kysely's `await trx.commit()` without `.execute()`: the cause of the paths it leaves open.
      const completion = obligation.resource.releaseCompletedBy;
      for (const call of completion ? (result.releasesNotRun ?? []) : []) {
        once('end');
        const sent = `${call.getText()}.${completion}()`;
        context.report({
          node: services.tsNodeToESTreeNodeMap.get(call),
          messageId: 'releaseNotRun',
          data: { call: code(call.getText()), completion },
          suggest: [{ messageId: 'runRelease', data: { call: code(sent) }, fix: (fixer) => fixer.insertTextAfterRange([call.getStart(), call.getEnd()], `.${completion}()`) }],
        });
      }
      const leaks = result.leaks.filter((leak) => !(begunAgain && leak.kind === 'exception' && leak.at === obligation.creation));
      for (const leak of sortLeaks(leaks)) {
        if (leak.kind === 'releasedWhileOpen') {
          if (once(`release:${leak.at.pos}`)) {
            const node = services.tsNodeToESTreeNodeMap.get(leak.at);
            const path = leak.via ? ` ${viaWords(leak.via)}` : '';
            context.report({
              node,
              messageId: 'releasedWhileOpen',
              data: { name: code(obligation.holders[0]?.name ?? 'client'), line, path },
              suggest: leak.via ? rollbackSuggestion(leak.via, obligation, model) : [],
            });
          }
          continue;
        }
        if (beginsForCaller) {
          continue;
        }
        if (leak.kind === 'exception' && !ts.isThrowStatement(leak.at)) {
          if (once('exception')) {
            context.report({ node: begin, messageId: 'openOnException', data: { call: code(describeCall(leak.at)), line: lineOf(leak.at) } });
          }
          continue;
        }
        const how = openExitWords(leak, obligation);
        if (how && leak.kind === 'exit') {
          const node = services.tsNodeToESTreeNodeMap.get(leak.at);
          context.report({ node, messageId: 'openAtExit', data: { line, how }, suggest: rollbackSuggestion(leak.at, obligation, model) });
        } else if (once('end')) {
          context.report({ node: begin, messageId: 'notEnded', data: { path: endWords(leak, obligation) } });
        }
      }
    }

    /**
     * Whether the handle's rollback method takes a callback it cannot do without (mysql2's
     * callback API, `conn.rollback((err) => …)`): `await conn.rollback()` would not compile.
     */
    function wantsCallback(holder: ts.Symbol, method: string | undefined, at: ts.Node): boolean {
      const checker = services.program.getTypeChecker();
      const member = method && checker.getTypeOfSymbolAtLocation(holder, at).getProperty(method);
      const signatures = member ? checker.getTypeOfSymbolAtLocation(member, at).getCallSignatures() : [];
      const needsArgument = (signature: ts.Signature): boolean => {
        const first = signature.getParameters()[0]?.valueDeclaration;
        return !!first && ts.isParameter(first) && !first.questionToken && !first.initializer && !first.dotDotDotToken;
      };
      return signatures.length > 0 && signatures.every(needsArgument);
    }

    function rollbackSuggestion(
      exit: ts.Node,
      obligation: Obligation,
      model: TransactionModel | undefined,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const holder = obligation.holders[0];
      // A handle kept on the instance is written `this.db`; one begun through a view (`db.promise()`) is ended through it.
      const view = viewOfCall(obligation.creation, obligation.library);
      const handle = holder && `${holder.flags & ts.SymbolFlags.Property ? `this.${holder.name}` : holder.name}${view ? `.${view}()` : ''}`;
      const rollback = handle && rollbackCall(handle, model, obligation);
      // better-sqlite3's `db.exec('ROLLBACK')` runs synchronously.
      const awaited = !obligation.library.throwsSynchronously;
      if (
        !rollback ||
        !(ts.isReturnStatement(exit) || ts.isThrowStatement(exit)) ||
        (awaited && !isAsyncFunction(obligation.fn)) ||
        // Only a rollback method (`conn.rollback()`) can want one, not SQL (`client.query('ROLLBACK')`).
        (!view && wantsCallback(holder, model?.rollback ?? obligation.resource.rollback, exit))
      ) {
        return [];
      }
      const sourceFile = exit.getSourceFile();
      const start = exit.getStart(sourceFile);
      const statement = `${awaited ? 'await ' : ''}${rollback};`;
      return [
        {
          messageId: 'rollbackBeforeExit',
          data: { rollback: code(statement) },
          fix: (fixer) =>
            ts.isBlock(exit.parent) || ts.isCaseClause(exit.parent) || ts.isDefaultClause(exit.parent)
              ? fixer.insertTextBeforeRange([start, start], `${statement}\n${indentationOf(sourceFile.text, start)}`)
              : fixer.replaceTextRange([start, exit.getEnd()], `{ ${statement} ${exit.getText(sourceFile)} }`),
        },
      ];
    }
  },
});

/** Releases and exits in source order, then exceptions, so each line is reported once, top down. */
function sortLeaks(leaks: readonly LeakPath[]): LeakPath[] {
  const isException = (node: ts.Node | undefined): boolean => !!node && !ts.isStatement(node);
  const rank = (leak: LeakPath): number => (leak.kind === 'exception' || isException(leak.via) ? 1 : 0);
  return [...leaks].sort((a, b) => rank(a) - rank(b) || leakPosition(a) - leakPosition(b));
}

/** The call that rolls the transaction back, in the library's own terms. */
function rollbackCall(handle: string, model: TransactionModel | undefined, obligation: Obligation): string | undefined {
  const method = model?.rollback ?? obligation.resource.rollback;
  if (method) {
    // Kysely's `trx.rollback()` does nothing until `.execute()`.
    const completion = obligation.resource.releaseCompletedBy;
    return `${handle}.${method}()${completion ? `.${completion}()` : ''}`;
  }
  if (model?.taggedTemplate) {
    return `${handle}\`ROLLBACK\``;
  }
  const sqlMethod = model?.sqlMethods?.[0];
  return sqlMethod ? `${handle}.${sqlMethod}('ROLLBACK')` : undefined;
}
