import type { LibraryModel } from './model.js';

/**
 * mysql2: the promise API (`mysql2/promise`) and the callback API share names and owners.
 *
 * Prepared statements are not a resource here: mysql2 (3.24) keeps every statement it prepares
 * in its connection's LRU cache (`maxPreparedStatements`, 16,000 by default), returns the cached
 * one when the same SQL is prepared again, and closes it on eviction or when the connection
 * ends (lib/base/connection.js, lib/commands/prepare.js). `statement.close()` does not evict it,
 * so the next `prepare()` of that SQL on the connection returns a closed statement.
 */
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
      acquire: [{ owner: null, method: 'createConnection', returns: 'promise', valueWhereDeclaredSo: true }],
      release: ['end', 'destroy'],
      suggestUsing: true,
    },
  ],
  transactions: {
    handles: ['PoolConnection', 'Connection'],
    pools: ['Pool', 'PoolCluster', 'PoolNamespace'],
    sqlMethods: ['query', 'execute'],
    begin: ['beginTransaction'],
    end: ['commit', 'rollback'],
    rollback: 'rollback',
    // release() does no reset: the next borrower gets the open transaction.
    releaseKeepsTransaction: ['release'],
  },
  pools: [{ factories: [{ owner: null, method: 'createPool' }], size: { options: [['connectionLimit']], default: 10 }, closedBy: ['end'] }],
  // The callback API's `conn.promise()` wraps the same connection in the promise API.
  views: ['promise'],
};
