// knex/knex#6186, fixed as the reporter did: a managed transaction rolls back on the throw.
import type { Knex } from 'knex';

export async function shuck(knex: Knex, id: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const ear = await trx('corn').where({ id }).first();
    if (!ear) {
      throw new Error('Ear not found');
    }
    await trx('corn').where({ id }).update({ shucked: true });
  });
}
