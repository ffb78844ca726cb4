// graphile/crystal#978, fixed: the release no longer depends on COMMIT succeeding.
import type { Pool, PoolClient } from 'pg';

export async function withSchemaTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      return await work(client);
    } finally {
      await client.query('commit');
    }
  } finally {
    client.release();
  }
}
