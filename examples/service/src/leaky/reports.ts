import mysql from 'mysql2/promise';

import { mysqlPool } from '../db.js';

/** Leak (mysql2): the connection is kept when the report is empty. */
export async function monthlyRevenue(month: string): Promise<number | null> {
  const conn = await mysqlPool.getConnection();
  const [rows] = await conn.query<mysql.RowDataPacket[]>('select sum(total) as revenue from orders where month = ?', [month]);
  if (rows.length === 0) {
    return null;
  }
  conn.release();
  return Number(rows[0]!.revenue);
}

/** Leak: the variable is reassigned while the first connection is still checked out. */
export async function compareShards(): Promise<void> {
  let conn = await mysqlPool.getConnection();
  await conn.query('select 1').catch(() => undefined);
  conn = await mysqlPool.getConnection();
  conn.release();
}

/** Leak: a pool for the analytics replica is made on every call and never ended. */
export async function replicaLag(): Promise<number> {
  const replica = mysql.createPool({ host: 'analytics-replica', connectionLimit: 2 });
  const [rows] = await replica.query<mysql.RowDataPacket[]>('select seconds_behind_source as lag from replica_status');
  return Number(rows[0]?.lag ?? 0);
}
