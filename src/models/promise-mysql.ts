import type { LibraryModel } from './model.js';

import { mysql } from './mysql.js';

/**
 * promise-mysql: mysqljs with every callback made a (Bluebird) promise, typed by its own
 * `index.d.ts`. `await mysql.createPool(…)` gives the pool, `await pool.getConnection()` a pooled
 * connection that `release()` gives back; as in mysqljs, `end()` on a pooled connection releases
 * it and the pool emits no connection's `error`.
 */
export const promiseMysql: LibraryModel = {
  name: 'promise-mysql',
  packages: ['promise-mysql'],
  resources: [
    {
      id: 'promise-mysql.PoolConnection',
      kind: 'connection',
      noun: 'connection',
      types: ['PoolConnection'],
      acquire: [
        { owner: 'Pool', method: 'getConnection', returns: 'promise' },
        { owner: 'PoolCluster', method: 'getConnection', returns: 'promise' },
      ],
      release: ['release', 'destroy', 'end'],
      releaseBroken: { method: 'destroy' },
    },
    {
      id: 'promise-mysql.Connection',
      kind: 'connection',
      noun: 'connection',
      types: ['Connection'],
      acquire: [{ owner: null, method: 'createConnection', returns: 'promise' }],
      release: ['end', 'destroy'],
    },
  ],
  // The same protocol underneath: mysqljs's transactions and pools, by the same names.
  transactions: mysql.transactions,
  pools: mysql.pools,
};
