// brianc/node-postgres#2013: a QueryStream handed to pool.query() never let its client go back to the pool.
import QueryStream from 'pg-query-stream';
import type { Pool } from 'pg';

export async function countRows(pool: Pool, sql: string): Promise<number> {
  const stream = pool.query(new QueryStream(sql));
  let count = 0;
  for await (const _row of stream) {
    count += 1;
  }
  return count;
}
