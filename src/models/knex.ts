import type { LibraryModel } from './model.js';

/** knex: unmanaged transactions and the low-level connection API of `knex.client`. */
export const knex: LibraryModel = {
  name: 'knex',
  packages: ['knex'],
  resources: [
    {
      // `await knex.transaction()` without a callback holds a pooled connection until
      // commit or rollback; with a callback, knex manages it.
      id: 'knex.Transaction',
      kind: 'transaction',
      noun: 'transaction',
      types: ['Transaction'],
      acquire: [{ owner: 'Knex', method: 'transaction', returns: 'promise' }],
      release: ['commit', 'rollback'],
      rollback: 'rollback',
      states: [{ query: 'isCompleted', call: true, initially: false, setBy: { commit: true, rollback: true } }],
    },
    {
      id: 'knex.Connection',
      kind: 'connection',
      noun: 'connection',
      acquire: [{ owner: 'Client', method: 'acquireConnection', returns: 'promise' }],
      release: [],
      releaseBy: [{ owner: 'Client', method: 'releaseConnection' }],
    },
    {
      // `.stream()` without a handler holds its connection until the stream closes.
      id: 'knex.Stream',
      kind: 'cursor',
      noun: 'stream',
      acquire: [{ owner: 'ChainableInterface', method: 'stream', returns: 'value' }],
      release: ['destroy'],
      consumedBy: ['pipe'],
      closedByIteration: true,
      consumedByListener: ['data'],
    },
  ],
  transactions: {
    handles: ['Transaction'],
    inTransactionOnly: ['Transaction'],
    pools: ['Knex'],
    sqlMethods: ['raw'],
    managed: [{ owner: 'Knex', method: 'transaction' }],
    joinedBy: ['transacting'],
  },
  // tarn's pool: knex's default is min 2, max 10.
  pools: [{ factories: [{ owner: null, method: 'knex' }], size: { options: [['pool', 'max']], default: 10 }, closedBy: ['destroy'] }],
};
