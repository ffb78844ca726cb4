import type { LibraryModel } from './model.js';

/** postgres.js: `sql.reserve()` takes one connection out of the pool. */
export const postgres: LibraryModel = {
  name: 'postgres',
  packages: ['postgres'],
  resources: [
    {
      id: 'postgres.ReservedSql',
      kind: 'connection',
      noun: 'reserved connection',
      types: ['ReservedSql'],
      acquire: [{ owner: 'Sql', method: 'reserve', returns: 'promise' }],
      release: ['release'],
    },
  ],
  transactions: {
    handles: ['ReservedSql', 'TransactionSql'],
    inTransactionOnly: ['TransactionSql'],
    pools: ['Sql'],
    sqlMethods: ['unsafe'],
    taggedTemplate: true,
    managed: [{ owner: 'Sql', method: 'begin' }],
    releaseKeepsTransaction: ['release'],
  },
  pools: [{ factories: [{ owner: null, method: 'postgres' }], size: { options: [['max']], default: 10 }, closedBy: ['end'] }],
};
