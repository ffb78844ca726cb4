// graphile/crystal#978: the client was released after COMMIT, so a failing COMMIT kept it.
import type { Pool, PoolClient } from 'pg';

export async function withSchemaTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  await client.query('begin');
  try {
    return await work(client);
  } finally {
    await client.query('commit');
    client.release();
  }
}
