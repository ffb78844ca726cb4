import type { LibraryModel } from './model.js';

/** MongoDB Node driver: sessions come from the client's session pool. */
export const mongodb: LibraryModel = {
  name: 'mongodb',
  packages: ['mongodb'],
  resources: [
    {
      id: 'mongodb.ClientSession',
      kind: 'session',
      noun: 'session',
      types: ['ClientSession'],
      acquire: [{ owner: 'MongoClient', method: 'startSession', returns: 'value' }],
      release: ['endSession'],
      // Throws only when a transaction is already in progress, never on a new session.
      safeMethods: ['startTransaction'],
      releasedFlag: 'hasEnded',
      suggestUsing: true,
    },
    {
      // A cursor opens on the server at its first read and lives there until it is read to the
      // end, closed, or killed by the server's idle timeout (10 minutes by default).
      id: 'mongodb.Cursor',
      kind: 'cursor',
      noun: 'cursor',
      types: ['FindCursor', 'AggregationCursor'],
      acquire: [
        { owner: 'Collection', method: 'find', returns: 'value' },
        { owner: 'Collection', method: 'aggregate', returns: 'value' },
        { owner: 'Db', method: 'aggregate', returns: 'value' },
      ],
      release: ['close'],
      // `stream()` hands the cursor to a Readable that closes it when read to the end.
      consumedBy: ['toArray', 'forEach', 'stream'],
      lazy: true,
      openedBy: ['next', 'hasNext', 'tryNext', 'readBufferedDocuments'],
      exhaustedBy: ['next', 'hasNext'],
      closedByIteration: true,
      suggestUsing: true,
    },
  ],
  transactions: {
    // endSession() aborts a transaction in progress, so ending the session is not a leak.
    handles: ['ClientSession'],
    begin: ['startTransaction'],
    managed: [{ owner: 'ClientSession', method: 'withTransaction' }],
    // Operations join the transaction only through `{ session }`.
    transactionOption: {
      name: 'session',
      queryMethods: ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOne', 'find', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'aggregate', 'countDocuments', 'bulkWrite', 'distinct'],
    },
    end: ['commitTransaction', 'abortTransaction', 'endSession'],
    rollback: 'abortTransaction',
  },
  // A MongoClient is a connection pool (`maxPoolSize` 100). No size here: the budget rule counts
  // a SQL server's `max_connections`, which MongoDB has no counterpart of.
  // `MongoClient.connect(url)` makes and connects one in a single call.
  pools: [{ types: ['MongoClient'], factories: [{ owner: 'MongoClient', method: 'connect', static: true }], closedBy: ['close'], keptBy: ['db'] }],
};
