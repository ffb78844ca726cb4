import { pool } from '../db.js';

/** Leak (callback style): `done()` is skipped when the query fails. */
export function listEmails(callback: (error: Error | null, emails?: string[]) => void): void {
  pool.connect((err, client, done) => {
    if (err) return callback(err);
    client!.query<{ email: string }>('select email from users', (queryError, result) => {
      if (queryError) return callback(queryError);
      done();
      callback(null, result.rows.map((row) => row.email));
    });
  });
}

/** Leak (promise chain): released only when the query succeeds. */
export function countUsers(): Promise<number> {
  return pool.connect().then((client) =>
    client.query<{ count: string }>('select count(*) from users').then((result) => {
      client.release();
      return Number(result.rows[0]?.count ?? 0);
    }),
  );
}
