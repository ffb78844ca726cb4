import Cursor from 'pg-cursor';

import { mongo, mysqlPool, pool } from '../db.js';

declare function upload(rows: unknown[]): Promise<boolean>;

/** Fixed: the cursor is closed in `finally`, whichever way the loop ends. */
export async function exportEvents(): Promise<boolean> {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from events order by id'));
    try {
      for (;;) {
        const rows = await cursor.read(500);
        if (rows.length === 0) break;
        if (!(await upload(rows))) return false;
      }
      return true;
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}

/** Fixed: the cursor runs on a client of our own, released after the cursor is closed. */
export async function firstEvents(): Promise<unknown[]> {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from events order by id'));
    try {
      return await cursor.read(100);
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}

/** Fixed: one statement for all rows, closed when done. */
export async function importItems(rows: [string, number][]): Promise<void> {
  const conn = await mysqlPool.getConnection();
  try {
    const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
    try {
      for (const row of rows) {
        await statement.execute(row);
      }
    } finally {
      await statement.close();
    }
  } finally {
    conn.release();
  }
}

/** Fixed: `for await` closes the cursor when the loop is left early. */
export async function findLargeOrder(limit: number): Promise<unknown> {
  const cursor = mongo.db('shop').collection<{ total: number }>('orders').find({});
  for await (const order of cursor) {
    if (order.total > limit) {
      return order;
    }
  }
  return null;
}
