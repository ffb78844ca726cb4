import { pool } from '../db.js';

export function listEmails(callback: (error: Error | null, emails?: string[]) => void): void {
  pool.connect((err, client, done) => {
    if (err) return callback(err);
    client!.query<{ email: string }>('select email from users', (queryError, result) => {
      done();
      if (queryError) return callback(queryError);
      callback(null, result.rows.map((row) => row.email));
    });
  });
}

export function countUsers(): Promise<number> {
  return pool.connect().then((client) =>
    client
      .query<{ count: string }>('select count(*) from users')
      .then((result) => Number(result.rows[0]?.count ?? 0))
      .finally(() => client.release()),
  );
}
