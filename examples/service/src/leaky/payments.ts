import pg from 'pg';

/**
 * Leak: the payments replica's pool has no `error` listener, so a failover crashes the process;
 * and its fallback size (120) alone is more than the server's 97 spare connections.
 */
export const paymentsPool = new pg.Pool({ max: Number(process.env.PAYMENTS_POOL_MAX ?? '120') });

/** Leak: a failed capture releases the client in `catch`, and `finally` releases it again. */
export async function capture(paymentId: string): Promise<void> {
  const client = await paymentsPool.connect();
  try {
    await client.query('update payments set captured_at = now() where id = $1', [paymentId]);
  } catch (error) {
    client.release();
    throw error;
  } finally {
    client.release();
  }
}

/** Leak: a client whose connection broke goes back to the pool, and the next request gets it. */
export async function settle(paymentId: string): Promise<boolean> {
  const client = await paymentsPool.connect();
  try {
    await client.query('update payments set settled = true where id = $1', [paymentId]);
    client.release();
    return true;
  } catch {
    client.release();
    return false;
  }
}
