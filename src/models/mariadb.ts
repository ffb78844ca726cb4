import type { LibraryModel } from './model.js';

/** mariadb: types in `types/index.d.ts` (import) or `index.d.cts` (require). */
export const mariadb: LibraryModel = {
  name: 'mariadb',
  packages: ['mariadb'],
  resources: [
    {
      id: 'mariadb.PoolConnection',
      kind: 'connection',
      noun: 'connection',
      types: ['PoolConnection'],
      acquire: [
        { owner: 'Pool', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'PoolCluster', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'FilteredPoolCluster', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
      ],
      // On a pooled connection, end() and close() are replaced by release() at run time.
      release: ['release', 'end', 'close', 'destroy'],
      suggestUsing: true,
      releaseBroken: { method: 'destroy' },
    },
    {
      id: 'mariadb.Connection',
      kind: 'connection',
      noun: 'connection',
      acquire: [{ owner: null, method: 'createConnection', returns: 'promise' }],
      release: ['end', 'close', 'destroy'],
      suggestUsing: true,
    },
    {
      id: 'mariadb.Prepare',
      kind: 'statement',
      noun: 'statement',
      types: ['Prepare'],
      acquire: [{ owner: 'Connection', method: 'prepare', returns: 'promise' }],
      release: ['close'],
    },
    {
      // `queryStream()` keeps the connection busy until the stream is read to the end or destroyed.
      id: 'mariadb.QueryStream',
      kind: 'cursor',
      noun: 'query stream',
      acquire: [{ owner: 'Connection', method: 'queryStream', returns: 'value' }],
      release: ['destroy', 'close'],
      consumedBy: ['pipe'],
      closedByIteration: true,
      consumedByListener: ['data'],
    },
  ],
  transactions: {
    // release() rolls an open transaction back by default, so it is not a leak here.
    handles: ['PoolConnection', 'Connection'],
    pools: ['Pool', 'PoolCluster'],
    sqlMethods: ['query', 'execute'],
    begin: ['beginTransaction'],
    // release() (and end/close, its aliases on a pooled connection) rolls back first.
    end: ['commit', 'rollback', 'release', 'end', 'close', 'destroy'],
    rollback: 'rollback',
  },
  // The pool emits `error` when it cannot create connections (mariadb 3).
  pools: [{ factories: [{ owner: null, method: 'createPool' }], crashEvent: 'error', size: { options: [['connectionLimit']], default: 10 }, closedBy: ['end'] }],
};
