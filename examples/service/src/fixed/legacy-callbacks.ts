import { legacyMysqlPool, pool } from '../db.js';

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

/** Each step of the transaction on its own connection, released after commit or rollback. */
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
        conn.query('update credits set amount = amount + ? where user_id = ?', [amount, to], (creditError) => {
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
