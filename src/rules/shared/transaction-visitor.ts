/**
 * @fileoverview The one way a rule meets transactions: a listener that hands it every
 * transaction of the file, of every kind, found by the engine once for all rules.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';

import { type Engine, type LifetimeOptions, type Transaction } from '../../analysis/index.js';
import { calleeName, hasMethodCalled, initializerCall } from '../../util/estree.js';

/**
 * A listener that calls `onTransaction` for each transaction that starts in the file: a
 * `BEGIN`, an unmanaged or managed transaction, a wrapper's callback, or a transaction a
 * project function returned. Cheap syntactic filters come before any question to the engine.
 */
export function transactionVisitor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  engine: Engine,
  options: LifetimeOptions,
  onTransaction: (transaction: Transaction) => void,
): TSESLint.RuleListener {
  const services = ESLintUtils.getParserServices(context);
  const { effects } = engine;
  const visit = (transaction: Transaction | undefined): void => {
    if (transaction) {
      onTransaction(transaction);
    }
  };
  return {
    CallExpression(node): void {
      const name = calleeName(node);
      if (name === undefined) {
        return;
      }
      const startsOne =
        effects.isManagedName(name) ||
        engine.isBeginName(name) ||
        effects.isAcquireName(name) ||
        // A project wrapper: it runs a callback written in place.
        node.arguments.some((argument) => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression);
      if (startsOne) {
        visit(engine.transactionAt(services.esTreeNodeToTSNodeMap.get(node), options));
      }
    },
    TaggedTemplateExpression(node): void {
      visit(engine.transactionAt(services.esTreeNodeToTSNodeMap.get(node), options));
    },
    VariableDeclarator(node: TSESTree.VariableDeclarator): void {
      // `const trx = await repo.begin()`: only when this function ends it somewhere, or `begin` is
      // a factory that returns only what it began, is the type asked for.
      if (
        initializerCall(node) &&
        (hasMethodCalled(context, node, (method) => effects.transactionEndNames.has(method)) ||
          engine.madeByFactory(services.esTreeNodeToTSNodeMap.get(node)))
      ) {
        visit(engine.transactionAt(services.esTreeNodeToTSNodeMap.get(node), options));
      }
    },
  };
}
