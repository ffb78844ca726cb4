// knex/knex#4932, fixed: the API call happens after the insert has committed; the transaction always ends.
import type { Knex } from 'knex';

interface Asset {
  id: number;
  name: string;
}

export async function insertAsset(knex: Knex, asset: Omit<Asset, 'id'>): Promise<Asset | undefined> {
  const created = await knex.transaction(async (trx) => {
    const rows: Asset[] = await trx('asset').insert(asset, '*');
    return rows[0]!;
  });
  const response = await fetch('https://assets.example.com/v1/assets', { method: 'POST', body: JSON.stringify(created) });
  if (!response.ok) {
    await knex('asset').where({ id: created.id }).delete();
    return undefined;
  }
  return created;
}
