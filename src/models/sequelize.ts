import type { LibraryModel } from './model.js';

/** Sequelize 6: an unmanaged `sequelize.transaction()` holds a connection until commit or rollback. */
export const sequelize: LibraryModel = {
  name: 'sequelize',
  packages: ['sequelize'],
  resources: [
    {
      id: 'sequelize.Transaction',
      kind: 'transaction',
      noun: 'transaction',
      types: ['Transaction'],
      // With a callback (`sequelize.transaction(async (t) => …)`) Sequelize commits or rolls back itself.
      acquire: [{ owner: 'Sequelize', method: 'transaction', returns: 'promise' }],
      release: ['commit', 'rollback'],
      rollback: 'rollback',
    },
  ],
  transactions: {
    handles: [],
    pools: ['Sequelize'],
    sqlMethods: ['query'],
    managed: [{ owner: 'Sequelize', method: 'transaction' }],
    // `t.afterCommit(fn)` runs fn after COMMIT, outside the transaction.
    afterEnd: ['afterCommit'],
    // Without CLS, every query inside must name the transaction.
    transactionOption: {
      name: 'transaction',
      // With CLS (`Sequelize.useCLS(namespace)`), queries join it by async context.
      joinedByContextWhen: 'sequelizeCls',
      joinedByContextAfter: { owner: 'Sequelize', method: 'useCLS' },
      queryMethods: ['query', 'findAll', 'findOne', 'findByPk', 'findOrCreate', 'findAndCountAll', 'count', 'create', 'bulkCreate', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'max', 'min', 'sum', 'save', 'reload'],
    },
  },
  pools: [{ types: ['Sequelize'], size: { options: [['pool', 'max']], default: 5 }, closedBy: ['close'] }],
};
