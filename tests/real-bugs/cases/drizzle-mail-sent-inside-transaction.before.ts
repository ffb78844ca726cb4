// LanternOps/breeze#4856: a quote was mailed (a fetch to the mail API) inside the transaction that locked it.
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

const quotes = pgTable('quotes', { id: integer('id').primaryKey(), status: text('status'), email: text('email') });

async function mailQuote(to: string, quoteId: number): Promise<void> {
  await fetch('https://api.mailgun.example/v3/messages', { method: 'POST', body: new URLSearchParams({ to, text: `Quote ${quoteId}` }) });
}

export async function sendQuote(pool: Pool, quoteId: number): Promise<void> {
  const db = drizzle(pool);
  await db.transaction(async (tx) => {
    const [quote] = await tx.select().from(quotes).where(eq(quotes.id, quoteId)).for('update');
    await tx.update(quotes).set({ status: 'sent' }).where(eq(quotes.id, quoteId));
    await mailQuote(quote!.email!, quoteId);
  });
}
