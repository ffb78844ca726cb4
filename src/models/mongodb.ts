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
      releasedFlag: 'hasEnded',
      suggestUsing: true,
    },
  ],
};
