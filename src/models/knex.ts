import type { LibraryModel } from './model.js';

/** knex: the low-level connection API of `knex.client`. Transactions are modelled separately. */
export const knex: LibraryModel = {
  name: 'knex',
  packages: ['knex'],
  resources: [
    {
      id: 'knex.Connection',
      noun: 'connection',
      acquire: [{ owner: 'Client', method: 'acquireConnection', returns: 'promise' }],
      release: [],
      releaseBy: [{ owner: 'Client', method: 'releaseConnection' }],
    },
  ],
};
