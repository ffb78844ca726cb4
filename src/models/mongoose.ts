import type { LibraryModel } from './model.js';

/**
 * Mongoose: its sessions are the MongoDB driver's `ClientSession`, so their transactions are the
 * mongodb model's (by the session's type); this model adds what Mongoose declares itself. A
 * connection from `createConnection()` is a driver client with its own pool.
 *
 * A model's queries, and a new document's `save()`, join a transaction only through `{ session }`
 * or `.session(session)`, inside the driver's `session.withTransaction(fn)` as inside Mongoose's
 * `connection.transaction(fn)`. With `transactionAsyncLocalStorage` turned on they join
 * `connection.transaction(fn)` by async context, so a program that names that setting anywhere
 * is taken to use it.
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
    sessionsOf: 'mongodb',
    transactionOption: {
      name: 'session',
      owners: ['Model'],
      queryMethods: [
        'aggregate', 'bulkWrite', 'countDocuments', 'create', 'deleteMany', 'deleteOne', 'distinct', 'exists', 'find', 'findById',
        'findByIdAndDelete', 'findByIdAndUpdate', 'findOne', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndUpdate',
        'insertMany', 'replaceOne', 'updateMany', 'updateOne',
      ],
      // A document read in the session keeps it for its own `save()`; one made with `new` has none.
      newDocuments: { owner: 'Document', methods: ['save'], setter: '$session' },
      joinedByContextSetting: 'transactionAsyncLocalStorage',
    },
    // `Order.findOne(filter).session(session)`, or the options set on the query.
    joinedBy: ['session', 'setOptions'],
  },
  // A model or database bound to the connection (`conn.model(…)`, `conn.useDb(…)`) holds on to it.
  pools: [{ factories: [{ owner: 'mongoose', method: 'createConnection' }], closedBy: ['close', 'destroy'], keptBy: ['model', 'useDb'] }],
};
