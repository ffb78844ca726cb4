import type { LibraryModel } from './model.js';

/**
 * Mongoose: its sessions are the MongoDB driver's `ClientSession`, so their transactions are the
 * mongodb model's (by the session's type); this model adds what Mongoose declares itself. A
 * connection from `createConnection()` is a driver client with its own pool.
 *
 * Queries join a transaction through `{ session }` or, with `transactionAsyncLocalStorage`, by
 * async context inside `connection.transaction(fn)`: which one a project uses is not in its
 * types, so Mongoose's own queries are not checked against the transaction.
 */
export const mongoose: LibraryModel = {
  name: 'mongoose',
  packages: ['mongoose'],
  resources: [
    {
      id: 'mongoose.ClientSession',
      kind: 'session',
      noun: 'session',
      acquire: [
        { owner: 'mongoose', method: 'startSession', returns: 'promise' },
        { owner: 'Connection', method: 'startSession', returns: 'promise' },
      ],
      release: ['endSession'],
      safeMethods: ['startTransaction'],
      releasedFlag: 'hasEnded',
      suggestUsing: true,
    },
  ],
  transactions: {
    handles: [],
    // Commits when the callback resolves, aborts when it rejects, and ends the session.
    managed: [{ owner: 'Connection', method: 'transaction' }],
  },
  // A model or database bound to the connection (`conn.model(…)`, `conn.useDb(…)`) holds on to it.
  pools: [{ factories: [{ owner: 'mongoose', method: 'createConnection' }], closedBy: ['close', 'destroy'], keptBy: ['model', 'useDb'] }],
};
