import type { LibraryModel } from './model.js';

/** mysql2: the promise API (`mysql2/promise`) and the callback API share names and owners. */
export const mysql2: LibraryModel = {
  name: 'mysql2',
  packages: ['mysql2'],
  resources: [
    {
      id: 'mysql2.PoolConnection',
      kind: 'connection',
      noun: 'connection',
      types: ['PoolConnection'],
      acquire: [
        { owner: 'Pool', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'PoolCluster', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'PoolNamespace', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
      ],
      // end() on a pooled connection is deprecated but releases it.
      release: ['release', 'destroy', 'end'],
      releaseBy: [{ owner: 'Pool', method: 'releaseConnection' }],
      suggestUsing: true,
      // destroy() closes the socket and removes the connection from the pool.
      releaseBroken: { method: 'destroy' },
    },
    {
      id: 'mysql2.Connection',
      kind: 'connection',
      noun: 'connection',
      acquire: [{ owner: null, method: 'createConnection', returns: 'promise' }],
      release: ['end', 'destroy'],
      suggestUsing: true,
    },
    {
      // A prepared statement lives on the server until closed or until its connection ends;
      // the server-wide limit is `max_prepared_stmt_count`.
      id: 'mysql2.PreparedStatement',
      kind: 'statement',
      noun: 'statement',
      types: ['PreparedStatementInfo'],
      acquire: [{ owner: 'Connection', method: 'prepare', returns: 'promise' }],
      release: ['close'],
    },
  ],
  transactions: {
    handles: ['PoolConnection', 'Connection'],
    pools: ['Pool', 'PoolCluster', 'PoolNamespace'],
    sqlMethods: ['query', 'execute'],
    begin: ['beginTransaction'],
    end: ['commit', 'rollback'],
    // release() does no reset: the next borrower gets the open transaction.
    releaseKeepsTransaction: ['release'],
  },
  pools: [{ factories: [{ owner: null, method: 'createPool' }], size: { options: [['connectionLimit']], default: 10 } }],
};
