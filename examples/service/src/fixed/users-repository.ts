import { pool, type User } from '../db.js';

export async function findUser(id: string): Promise<User | null> {
  const client = await pool.connect();
  try {
    const result = await client.query<User>('select id, email from users where id = $1', [id]);
    return result.rows[0] ?? null;
  } finally {
    client.release();
  }
}

export async function changeEmail(id: string, email: string): Promise<void> {
  // One statement needs no dedicated client: pool.query() acquires and releases for us.
  await pool.query('update users set email = $2 where id = $1', [id, email]);
}

/** A helper that checks a client out for its caller: whoever calls it must give the client back. */
async function checkoutClient() {
  return pool.connect();
}

export async function countUsers(): Promise<number> {
  const client = await checkoutClient();
  try {
    const result = await client.query<{ n: number }>('select count(*)::int as n from users');
    return result.rows[0]?.n ?? 0;
  } finally {
    client.release();
  }
}
