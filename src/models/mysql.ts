import type { LibraryModel } from './model.js';

/**
 * mysql (mysqljs, typed by `@types/mysql`): the callback API that mysql2 copied, still in many
 * services. Every acquisition and transaction step takes a callback; nothing returns a promise.
 *
 * A pooled connection's `release()` neither rolls back nor resets it (lib/Pool.js
 * `releaseConnection`), and the pool re-emits no connection's `error`: a pooled connection
 * listens for its own and leaves the pool when it is fatal (lib/PoolConnection.js).
 */
export const mysql: LibraryModel = {
  name: 'mysql',
  packages: ['mysql'],
  resources: [
    {
      id: 'mysql.PoolConnection',
      kind: 'connection',
      noun: 'connection',
      types: ['PoolConnection'],
      acquire: [
        { owner: 'Pool', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'PoolCluster', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
      ],
      // end() on a pooled connection releases it (PoolConnection.prototype.end).
      release: ['release', 'destroy', 'end'],
      releaseBy: [{ owner: 'Pool', method: 'releaseConnection' }],
      // destroy() closes the socket and removes the connection from the pool.
      releaseBroken: { method: 'destroy' },
    },
    {
      id: 'mysql.Connection',
      kind: 'connection',
      noun: 'connection',
      acquire: [{ owner: null, method: 'createConnection', returns: 'value' }],
      release: ['end', 'destroy'],
    },
  ],
  transactions: {
    handles: ['PoolConnection', 'Connection'],
    pools: ['Pool', 'PoolCluster'],
    sqlMethods: ['query'],
    begin: ['beginTransaction'],
    end: ['commit', 'rollback'],
    rollback: 'rollback',
    releaseKeepsTransaction: ['release'],
  },
  pools: [
    { factories: [{ owner: null, method: 'createPool' }], size: { options: [['connectionLimit']], default: 10 }, closedBy: ['end'] },
    { factories: [{ owner: null, method: 'createPoolCluster' }], closedBy: ['end'] },
  ],
};
