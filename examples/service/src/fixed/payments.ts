import pg from 'pg';

export const paymentsPool = new pg.Pool({ max: Number(process.env.PAYMENTS_POOL_MAX ?? '20') });
paymentsPool.on('error', (error) => console.error('idle payments client failed', error));

export async function capture(paymentId: string): Promise<void> {
  const client = await paymentsPool.connect();
  try {
    await client.query('update payments set captured_at = now() where id = $1', [paymentId]);
  } finally {
    client.release();
  }
}

export async function settle(paymentId: string): Promise<boolean> {
  const client = await paymentsPool.connect();
  try {
    await client.query('update payments set settled = true where id = $1', [paymentId]);
    client.release();
    return true;
  } catch (error) {
    // A failed query may have broken the connection: the pool destroys the client.
    client.release(error as Error);
    return false;
  }
}
