import { pool, type User } from '../db.js';

/** Leak: the early return when the user does not exist skips the release. */
export async function findUser(id: string): Promise<User | null> {
  const client = await pool.connect();
  const result = await client.query<User>('select id, email from users where id = $1', [id]);
  if (result.rowCount === 0) {
    return null;
  }
  client.release();
  return result.rows[0] ?? null;
}

/** Leak: if the update throws (a constraint violation), the client is never released. */
export async function changeEmail(id: string, email: string): Promise<void> {
  const client = await pool.connect();
  await client.query('update users set email = $2 where id = $1', [id, email]);
  client.release();
}

/** A helper that checks a client out for its caller: whoever calls it must give the client back. */
async function checkoutClient() {
  return pool.connect();
}

/** Leak: the client from the helper is never released at all. */
export async function countUsers(): Promise<number> {
  const client = await checkoutClient();
  const result = await client.query<{ n: number }>('select count(*)::int as n from users');
  return result.rows[0]?.n ?? 0;
}
