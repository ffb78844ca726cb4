// brianc/node-postgres#2013, the maintainer's workaround: stream on a checked-out client, released in finally.
import QueryStream from 'pg-query-stream';
import type { Pool } from 'pg';

export async function countRows(pool: Pool, sql: string): Promise<number> {
  const client = await pool.connect();
  try {
    const stream = client.query(new QueryStream(sql));
    let count = 0;
    for await (const _row of stream) {
      count += 1;
    }
    return count;
  } finally {
    client.release();
  }
}
