// sidorares/node-mysql2#1110: release() after the query inside try; a failing query skipped it.
import type { Pool } from 'mysql2/promise';

interface Reply {
  status(code: number): { json(body: unknown): void };
}

export async function listActiveUsers(pool: Pool, res: Reply): Promise<void> {
  try {
    const connection = await pool.getConnection();
    const [rows] = await connection.query('SELECT * FROM users WHERE is_active = ?', ['Y']);
    connection.release();
    res.status(200).json({ message: 'success', data: rows });
  } catch (error) {
    res.status(400).json({ message: 'error', error });
  }
}
