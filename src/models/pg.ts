import type { LibraryModel } from './model.js';

/** node-postgres: `@types/pg` (pg-pool's API is declared on `Pool` there). */
export const pg: LibraryModel = {
  name: 'pg',
  packages: ['pg', 'pg-pool'],
  resources: [
    {
      id: 'pg.PoolClient',
      kind: 'connection',
      noun: 'client',
      types: ['PoolClient'],
      acquire: [
        {
          owner: 'Pool',
          method: 'connect',
          returns: 'promise',
          callback: { errorParam: 0, resourceParam: 1, releaseParam: 2 },
        },
      ],
      // release(truthy) destroys the client instead of returning it; both end the obligation.
      release: ['release'],
    },
    {
      id: 'pg.Client',
      kind: 'connection',
      noun: 'client',
      acquire: [{ owner: 'Client', method: 'connect', returns: 'receiver' }],
      release: ['end'],
    },
  ],
  transactions: {
    handles: ['PoolClient', 'Client'],
    pools: ['Pool'],
    sqlMethods: ['query'],
    releaseKeepsTransaction: ['release'],
    releaseArgumentDestroys: true,
  },
};
