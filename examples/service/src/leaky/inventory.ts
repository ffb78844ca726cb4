import { mongo, sql } from '../db.js';

/** Leak (MongoDB): the session is not ended when the transaction throws. */
export async function reserveStock(sku: string): Promise<void> {
  const session = mongo.startSession();
  await session.withTransaction(async () => {
    await mongo.db('shop').collection('stock').updateOne({ sku }, { $inc: { qty: -1 } }, { session });
  });
  await session.endSession();
}

/** Leak (postgres.js): the reserved connection is kept when the lock query throws. */
export async function withInventoryLock(work: () => Promise<void>): Promise<void> {
  const reserved = await sql.reserve();
  await reserved`select pg_advisory_lock(42)`;
  await work();
  await reserved`select pg_advisory_unlock(42)`;
  reserved.release();
}
