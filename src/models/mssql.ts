import type { LibraryModel } from './model.js';

/** node-mssql: a begun transaction and a prepared statement each hold one pooled connection. */
export const mssql: LibraryModel = {
  name: 'mssql',
  packages: ['mssql'],
  resources: [
    {
      id: 'mssql.Transaction',
      kind: 'transaction',
      noun: 'transaction',
      acquire: [{ owner: 'Transaction', method: 'begin', returns: 'receiver' }],
      release: ['commit', 'rollback'],
      rollback: 'rollback',
    },
    {
      id: 'mssql.PreparedStatement',
      kind: 'statement',
      noun: 'statement',
      acquire: [{ owner: 'PreparedStatement', method: 'prepare', returns: 'receiver' }],
      release: ['unprepare'],
    },
  ],
  transactions: {
    handles: ['Transaction'],
    // Each request runs on whichever pooled connection it gets, and mssql does not reset a
    // connection given back: a raw `BEGIN TRAN` leaves `@@TRANCOUNT > 0` on one of them.
    pools: ['ConnectionPool', 'Request'],
    sqlMethods: ['query', 'batch'],
  },
  // The pool emits `error` when acquiring a connection fails.
  pools: [{ types: ['ConnectionPool'], crashEvent: 'error', size: { options: [['pool', 'max']], default: 10 }, closedBy: ['close'] }],
};
