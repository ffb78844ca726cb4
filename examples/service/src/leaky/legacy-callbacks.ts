import { legacyMysqlPool, pool } from '../db.js';

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

/** Leak (callback style): the second step goes through the pool, outside the transaction. */
export function moveCredits(from: string, to: string, amount: number, done: (error: Error | null) => void): void {
  legacyMysqlPool.getConnection((err, conn) => {
    if (err) return done(err);
    conn.beginTransaction((beginError) => {
      if (beginError) {
        conn.release();
        return done(beginError);
      }
      conn.query('update credits set amount = amount - ? where user_id = ?', [amount, from], (error) => {
        if (error) return conn.rollback(() => { conn.release(); done(error); });
        legacyMysqlPool.query('update credits set amount = amount + ? where user_id = ?', [amount, to], (creditError) => {
          if (creditError) return conn.rollback(() => { conn.release(); done(creditError); });
          conn.commit((commitError) => {
            conn.release();
            done(commitError);
          });
        });
      });
    });
  });
}
