import mysql from 'mysql2/promise';

import { mysqlPool } from '../db.js';

export async function monthlyRevenue(month: string): Promise<number | null> {
  await using conn = await mysqlPool.getConnection();
  const [rows] = await conn.query<mysql.RowDataPacket[]>('select sum(total) as revenue from orders where month = ?', [month]);
  return rows.length === 0 ? null : Number(rows[0]!.revenue);
}

export async function compareShards(): Promise<void> {
  for (let shard = 0; shard < 2; shard++) {
    const conn = await mysqlPool.getConnection();
    try {
      await conn.query('select 1');
    } finally {
      conn.release();
    }
  }
}

const replica = mysql.createPool({ host: 'analytics-replica', connectionLimit: 2 });

export async function replicaLag(): Promise<number> {
  const [rows] = await replica.query<mysql.RowDataPacket[]>('select seconds_behind_source as lag from replica_status');
  return Number(rows[0]?.lag ?? 0);
}
