import type { LibraryModel } from './model.js';

/** Drizzle ORM: only managed transactions; the database object is the pool, `tx` the transaction. */
export const drizzle: LibraryModel = {
  name: 'drizzle-orm',
  packages: ['drizzle-orm'],
  resources: [],
  transactions: {
    handles: ['PgTransaction', 'MySqlTransaction', 'SQLiteTransaction'],
    inTransactionOnly: ['PgTransaction', 'MySqlTransaction', 'SQLiteTransaction'],
    pools: ['PgDatabase', 'MySqlDatabase', 'BaseSQLiteDatabase'],
    managed: [
      { owner: 'PgDatabase', method: 'transaction' },
      { owner: 'MySqlDatabase', method: 'transaction' },
      { owner: 'BaseSQLiteDatabase', method: 'transaction' },
    ],
  },
};
