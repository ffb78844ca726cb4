// brianc/node-pg-cursor#10, fixed: the error path closes the cursor and releases the client too.
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
      cursor.close(() => {
        release(readError ?? undefined);
        if (!readError) {
          done(rows);
        }
      });
    });
  });
}
