import mongoose from 'mongoose';

import { mongo, sql, Stock, StockMove } from '../db.js';

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

/** Leak (Mongoose): the stock update does not pass the session, so it runs outside the transaction. */
export async function restock(sku: string, qty: number): Promise<void> {
  await mongoose.connection.transaction(async (session) => {
    await StockMove.create([{ sku, delta: qty }], { session });
    await Stock.updateOne({ sku }, { $inc: { qty } });
  });
}
