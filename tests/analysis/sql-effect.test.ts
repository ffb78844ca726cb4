import { describe, expect, it } from 'vitest';

import { sqlTransactionEffect } from '../../src/analysis/effects.js';

/** What each piece of SQL does to a transaction, across the dialects the models cover. */
const table: [sql: string, effect: 'begin' | 'end' | undefined][] = [
  ['BEGIN', 'begin'],
  ['begin isolation level serializable', 'begin'],
  ['START TRANSACTION READ ONLY', 'begin'],
  ['BEGIN TRAN', 'begin'],
  ['BEGIN TRANSACTION', 'begin'],
  ['  -- open it\n  BEGIN', 'begin'],
  ['COMMIT', 'end'],
  ['END', 'end'],
  ['ROLLBACK', 'end'],
  ['COMMIT TRAN', 'end'],
  ['ROLLBACK TRANSACTION', 'end'],
  ['ROLLBACK TO SAVEPOINT a', undefined],
  ['ROLLBACK WORK TO a', undefined],
  ['ROLLBACK TRANSACTION TO SAVEPOINT a', undefined],
  ['SAVEPOINT a', undefined],
  ['RELEASE SAVEPOINT a', undefined],
  ['COMMIT PREPARED \'t1\'', undefined],
  ['BEGIN TRY SELECT 1 END TRY BEGIN CATCH SELECT 2 END CATCH', undefined],
  ['SELECT 1', undefined],
  ['commit', 'end'],
  // A keyword inside a name is no keyword (the quick pre-test must agree).
  ['SELECT * FROM begin_log WHERE started_at > $1', undefined],
  ['UPDATE endpoints SET rollback_count = 0', undefined],
  // A batch counts as a whole.
  ['BEGIN; UPDATE users SET name = $1; COMMIT', undefined],
  ['BEGIN TRAN; UPDATE t SET x = 1; COMMIT TRAN;', undefined],
  ['BEGIN; UPDATE users SET name = $1', 'begin'],
  ['UPDATE users SET n = 1; COMMIT', 'end'],
  // Keywords and semicolons inside bodies, strings and comments do not count.
  ['DO $$ BEGIN UPDATE t SET x = 1; END $$', undefined],
  ['DO $body$ BEGIN PERFORM 1; END $body$', undefined],
  ["INSERT INTO log VALUES ('x; COMMIT')", undefined],
  ['SELECT 1; /* ; COMMIT */ SELECT 2', undefined],
];

describe('sqlTransactionEffect', () => {
  it.each(table)('%j → %s', (sql, effect) => {
    expect(sqlTransactionEffect(sql)).toBe(effect);
  });
});
