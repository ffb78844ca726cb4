import type { LibraryModel } from './model.js';

/** generic-pool: the resource type is the user's own, so it is tracked from `acquire()`. */
export const genericPool: LibraryModel = {
  name: 'generic-pool',
  packages: ['generic-pool'],
  resources: [
    {
      id: 'generic-pool.Resource',
      kind: 'connection',
      noun: 'resource',
      acquire: [{ owner: 'Pool', method: 'acquire', returns: 'promise' }],
      release: [],
      releaseBy: [
        { owner: 'Pool', method: 'release' },
        { owner: 'Pool', method: 'destroy' },
      ],
      // `pool.destroy(resource)` removes it from the pool and calls the factory's destroy.
      releaseBroken: { method: 'destroy' },
      // `if (pool.isBorrowedResource(conn)) await pool.release(conn)`: false once given back.
      heldTestedBy: [{ owner: 'Pool', method: 'isBorrowedResource' }],
    },
  ],
};
