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
    },
  ],
  transactions: {
    handles: [],
    pools: ['Sequelize'],
    sqlMethods: ['query'],
  },
};
