// sidorares/node-mysql2#1110, fixed as suggested in the thread: the connection is released in finally.
import type { Pool, PoolConnection } from 'mysql2/promise';

interface Reply {
  status(code: number): { json(body: unknown): void };
}

export async function listActiveUsers(pool: Pool, res: Reply): Promise<void> {
  let connection: PoolConnection | undefined;
  try {
    connection = await pool.getConnection();
    const [rows] = await connection.query('SELECT * FROM users WHERE is_active = ?', ['Y']);
    res.status(200).json({ message: 'success', data: rows });
  } catch (error) {
    res.status(400).json({ message: 'error', error });
  } finally {
    connection?.release();
  }
}
