// knex/knex#6186: a not-found error thrown between transaction() and commit() left the transaction open; ten of them filled the pool.
import type { Knex } from 'knex';

export async function shuck(knex: Knex, id: number): Promise<void> {
  const trx = await knex.transaction();
  const ear = await trx('corn').where({ id }).first();
  if (!ear) {
    throw new Error('Ear not found');
  }
  await trx('corn').where({ id }).update({ shucked: true });
  await trx.commit();
}
