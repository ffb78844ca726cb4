// payloadcms/payload#16893: a client checked out to attach an error listener was never given back.
import type { Pool } from 'pg';

export async function connectWithRetry(pool: Pool, onLost: () => void): Promise<void> {
  const client = await pool.connect();
  client.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ECONNRESET') {
      onLost();
    }
  });
}
