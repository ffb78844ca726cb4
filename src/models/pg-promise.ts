import type { LibraryModel } from './model.js';

/**
 * pg-promise: the database object (`IDatabase`) is the pool; `db.tx(cb)` and `db.txIf(cb)` run a
 * managed transaction on the task handle `t` they pass; `db.connect()` checks out a connection
 * (`IConnected`) that only `done()` gives back (pg-promise's own docs: "you must call done()").
 */
export const pgPromise: LibraryModel = {
  name: 'pg-promise',
  packages: ['pg-promise'],
  resources: [
    {
      id: 'pg-promise.IConnected',
      kind: 'connection',
      noun: 'connection',
      types: ['IConnected'],
      acquire: [{ owner: 'IDatabase', method: 'connect', returns: 'promise' }],
      release: ['done'],
    },
  ],
  transactions: {
    handles: ['ITask', 'IConnected'],
    pools: ['IDatabase'],
    sqlMethods: ['none', 'query'],
    managed: [
      { owner: 'IBaseProtocol', method: 'tx' },
      { owner: 'IBaseProtocol', method: 'txIf' },
    ],
  },
};
