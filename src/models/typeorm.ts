import type { LibraryModel } from './model.js';

/** TypeORM 0.3 and 1.x. `Connection` is the 0.3 name of `DataSource`. */
export const typeorm: LibraryModel = {
  name: 'typeorm',
  packages: ['typeorm'],
  resources: [
    {
      id: 'typeorm.QueryRunner',
      kind: 'connection',
      noun: 'query runner',
      types: ['QueryRunner'],
      acquire: [
        { owner: 'DataSource', method: 'createQueryRunner', returns: 'value' },
        { owner: 'Connection', method: 'createQueryRunner', returns: 'value' },
      ],
      release: ['release'],
      lazy: true,
      // Any other use connects it: `runner.manager`, a helper that queries it, a library call.
      idleReads: ['connection', 'isReleased', 'isTransactionActive', 'data'],
      acquireSteps: ['connect', 'startTransaction'],
      releasedFlag: 'isReleased',
      states: [
        { query: 'isTransactionActive', initially: false, setBy: { startTransaction: true, commitTransaction: false, rollbackTransaction: false } },
        { query: 'isReleased', initially: false, setBy: { release: true } },
      ],
      // 1.x dispose commits an open transaction before releasing: never suggest it.
      suggestUsing: false,
    },
    {
      // The runner's stream holds its connection until it ends; the runner is released after.
      id: 'typeorm.Stream',
      kind: 'cursor',
      noun: 'stream',
      acquire: [{ owner: 'QueryRunner', method: 'stream', returns: 'promise' }],
      release: ['destroy', 'close'],
      consumedBy: ['pipe'],
      closedByIteration: true,
      consumedByListener: ['data'],
    },
  ],
  transactions: {
    handles: ['QueryRunner'],
    pools: ['DataSource', 'Connection'],
    // Repositories (injected, or from `dataSource.getRepository()`) query through the data source.
    poolBound: ['Repository'],
    sqlMethods: ['query'],
    begin: ['startTransaction'],
    activeFlag: 'isTransactionActive',
    states: [{ query: 'isTransactionActive', initially: true, setBy: { startTransaction: true, commitTransaction: false, rollbackTransaction: false } }],
    managed: [
      { owner: 'DataSource', method: 'transaction' },
      { owner: 'EntityManager', method: 'transaction' },
    ],
    end: ['commitTransaction', 'rollbackTransaction'],
    rollback: 'rollbackTransaction',
    // release() never rolls back; the next runner on that connection inherits the transaction.
    releaseKeepsTransaction: ['release'],
  },
  // `poolSize` becomes the driver's `max` (pg) or `connectionLimit` (MySQL); `extra` is passed to the driver as is.
  pools: [{ types: ['DataSource'], size: { options: [['poolSize'], ['extra', 'max'], ['extra', 'connectionLimit']], default: 10 }, closedBy: ['destroy'] }],
};
