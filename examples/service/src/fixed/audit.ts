import { knex, pool } from '../db.js';

export async function renameUser(id: number, name: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await trx('audit').insert({ action: 'rename', user_id: id });
  });
}

export async function closeAccount(id: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set closed = true where id = $1', [id]);
    await client.query('insert into audit(action, account_id) values ($1, $2)', ['close', id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
