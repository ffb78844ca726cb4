import type { LibraryModel } from './model.js';

/** Kysely: a controlled transaction holds its connection until `commit().execute()` or `rollback().execute()`. */
export const kysely: LibraryModel = {
  name: 'kysely',
  packages: ['kysely'],
  resources: [
    {
      id: 'kysely.ControlledTransaction',
      kind: 'transaction',
      noun: 'transaction',
      types: ['ControlledTransaction'],
      acquire: [
        {
          owner: 'ControlledTransactionBuilder',
          method: 'execute',
          returns: 'promise',
          receiverBuiltBy: ['startTransaction', 'setIsolationLevel', 'setAccessMode'],
        },
      ],
      release: ['commit', 'rollback'],
      rollback: 'rollback',
      // `await trx.commit()` without `.execute()` silently does nothing.
      releaseCompletedBy: 'execute',
    },
  ],
  transactions: {
    handles: ['ControlledTransaction', 'Transaction'],
    inTransactionOnly: ['ControlledTransaction', 'Transaction'],
    pools: ['Kysely'],
    managed: [{ owner: 'TransactionBuilder', method: 'execute' }],
  },
};
