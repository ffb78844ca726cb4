import Cursor from 'pg-cursor';

import { mongo, mysqlPool, pool } from '../db.js';

declare function upload(rows: unknown[]): Promise<boolean>;

/** Leak (pg-cursor): the upload refuses a batch and the function returns with the portal open. */
export async function exportEvents(): Promise<boolean> {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from events order by id'));
    for (;;) {
      const rows = await cursor.read(500);
      if (rows.length === 0) break;
      if (!(await upload(rows))) return false;
    }
    return true;
  } finally {
    client.release();
  }
}

/** Leak (pg-cursor on the pool): the pool's client is never given back. */
export async function firstEvents(): Promise<unknown[]> {
  const cursor = pool.query(new Cursor('select * from events order by id'));
  try {
    return await cursor.read(100);
  } finally {
    await cursor.close();
  }
}

/** Leak (mysql2): a statement prepared for every row and never closed. */
export async function importItems(rows: [string, number][]): Promise<void> {
  const conn = await mysqlPool.getConnection();
  try {
    for (const row of rows) {
      const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
      await statement.execute(row);
    }
  } finally {
    conn.release();
  }
}

/** Leak (MongoDB): a cursor read by hand and abandoned when a large order is found. */
export async function findLargeOrder(limit: number): Promise<unknown> {
  const cursor = mongo.db('shop').collection<{ total: number }>('orders').find({});
  while (await cursor.hasNext()) {
    const order = await cursor.next();
    if (order && order.total > limit) {
      return order;
    }
  }
  return null;
}
