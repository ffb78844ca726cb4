import mongoose from 'mongoose';

import { mongo, sql, Stock, StockMove } from '../db.js';

export async function reserveStock(sku: string): Promise<void> {
  await using session = mongo.startSession();
  await session.withTransaction(async () => {
    await mongo.db('shop').collection('stock').updateOne({ sku }, { $inc: { qty: -1 } }, { session });
  });
}

export async function withInventoryLock(work: () => Promise<void>): Promise<void> {
  const reserved = await sql.reserve();
  try {
    await reserved`select pg_advisory_lock(42)`;
    try {
      await work();
    } finally {
      await reserved`select pg_advisory_unlock(42)`;
    }
  } finally {
    reserved.release();
  }
}

export async function restock(sku: string, qty: number): Promise<void> {
  await mongoose.connection.transaction(async (session) => {
    await StockMove.create([{ sku, delta: qty }], { session });
    await Stock.updateOne({ sku }, { $inc: { qty } }, { session });
  });
}
