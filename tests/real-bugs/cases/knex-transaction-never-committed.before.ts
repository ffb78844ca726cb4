// knex/knex#4395: a handler opened a transaction it never committed, and wrote its log rows outside it; the pool filled up.
import type { Knex } from 'knex';

export async function insertWithLog(knex: Knex, list: { name: string }[]): Promise<unknown> {
  const trx = await knex.transaction();
  try {
    const result: { id: number }[] = await trx('insert_table').insert(list).returning('*');
    await Promise.all(result.map((row) => knex('log_table').insert({ event_id: 1, resource: row.id })));
    return result;
  } catch (error) {
    return new Error(String(error));
  }
}
