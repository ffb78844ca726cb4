// knex/knex#4932: the transaction was committed only when a third-party API call succeeded, and awaited that call while open.
import type { Knex } from 'knex';

interface Asset {
  id: number;
  name: string;
}

export async function insertAsset(knex: Knex, asset: Omit<Asset, 'id'>): Promise<Asset | undefined> {
  const trx = await knex.transaction();
  return await trx('asset')
    .insert(asset, '*')
    .then(async (rows: Asset[]) => {
      const created = rows[0]!;
      const response = await fetch('https://assets.example.com/v1/assets', { method: 'POST', body: JSON.stringify(created) });
      if (response.ok) {
        await trx.commit();
        return created;
      }
      return undefined;
    })
    .catch(async (error: unknown) => {
      await trx.rollback();
      throw error;
    });
}
