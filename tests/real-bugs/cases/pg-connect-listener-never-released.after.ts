// payloadcms/payload#16893, fixed: the client goes back to the pool once the listener is attached.
import type { Pool } from 'pg';

export async function connectWithRetry(pool: Pool, onLost: () => void): Promise<void> {
  const client = await pool.connect();
  client.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ECONNRESET') {
      onLost();
    }
  });
  client.release();
}
