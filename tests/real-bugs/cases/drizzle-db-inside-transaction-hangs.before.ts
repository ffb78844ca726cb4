// drizzle-team/drizzle-orm#1687: a select on db inside db.transaction waited for a second connection and hung.
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

const categories = pgTable('categories', { id: integer('id').primaryKey(), name: text('name') });

export async function renameAll(pool: Pool, suffix: string): Promise<void> {
  const db = drizzle(pool);
  await db.transaction(async (tx) => {
    const rows = await db.select().from(categories);
    for (const row of rows) {
      await tx.update(categories).set({ name: `${row.name}${suffix}` });
    }
  });
}
