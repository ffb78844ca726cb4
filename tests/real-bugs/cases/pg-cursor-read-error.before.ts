// brianc/node-pg-cursor#10: when the cursor's first read failed, neither the cursor nor the client was given back.
import Cursor from 'pg-cursor';
import type { Pool } from 'pg';

export function firstRows(pool: Pool, sql: string, done: (rows: unknown[]) => void): void {
  pool.connect((connectError, client, release) => {
    if (connectError || !client) {
      console.error('error fetching client from pool', connectError);
      return;
    }
    const cursor = client.query(new Cursor(sql));
    cursor.read(10, (readError, rows) => {
      if (readError) {
        console.log('found an error');
        return;
      }
      cursor.close(() => {
        release();
        done(rows);
      });
    });
  });
}
