import type { LibraryModel } from './model.js';

/**
 * better-sqlite3: `@types/better-sqlite3`, everything under `declare namespace BetterSqlite3`.
 * One synchronous connection and no pool. Its managed `db.transaction(fn)` takes a synchronous
 * function and no handle, so nothing in it can leak or wait: only raw `BEGIN` and open
 * iterators can.
 */
export const betterSqlite3: LibraryModel = {
  name: 'better-sqlite3',
  packages: ['better-sqlite3'],
  // `stmt.run()` throws a `SqliteError` (a constraint, `SQLITE_BUSY`) from the call itself.
  throwsSynchronously: true,
  resources: [
    {
      // While an iterator is unfinished, every other statement on the connection throws
      // "This database connection is busy executing a query".
      id: 'better-sqlite3.Iterator',
      kind: 'cursor',
      noun: 'iterator',
      acquire: [{ owner: 'Statement', method: 'iterate', returns: 'value' }],
      release: ['return'],
      // An iterator that `next()` found done has finished its statement.
      exhaustedBy: ['next'],
      closedByIteration: true,
    },
  ],
  transactions: {
    // A raw `BEGIN` holds the database's write lock (`SQLITE_BUSY` for other connections), and
    // the next `BEGIN` on this one throws, until `COMMIT` or `ROLLBACK`.
    handles: ['Database'],
    sqlMethods: ['exec'],
    // The form of the library's own sticky issue on transactions (WiseLibs/better-sqlite3#49).
    preparedSql: { prepare: 'prepare', run: 'run' },
    activeFlag: 'inTransaction',
  },
};
