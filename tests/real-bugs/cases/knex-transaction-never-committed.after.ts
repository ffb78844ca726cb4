// knex/knex#4395, fixed: every write goes through the transaction, which commits or rolls back.
import type { Knex } from 'knex';

export async function insertWithLog(knex: Knex, list: { name: string }[]): Promise<unknown> {
  try {
    return await knex.transaction(async (trx) => {
      const result: { id: number }[] = await trx('insert_table').insert(list).returning('*');
      await Promise.all(result.map((row) => trx('log_table').insert({ event_id: 1, resource: row.id })));
      return result;
    });
  } catch (error) {
    return new Error(String(error));
  }
}
