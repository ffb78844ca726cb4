import { Queue } from 'bullmq';

import { knex, pool } from '../db.js';

const receipts = new Queue('receipts', { connection: { host: '127.0.0.1' } });

export async function chargeInvoice(id: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('select amount from invoices where id = $1 for update', [id]);
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query('update invoices set paid = true where id = $1', [id]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function refund(id: string): Promise<void> {
  // One statement is atomic on its own; no transaction needed.
  await pool.query('update invoices set refunded = true where id = $1', [id]);
}

export async function recordPayment(invoiceId: string, amount: number): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('payments').insert({ invoice_id: invoiceId, amount });
  });
}

/** The receipt job is queued once the invoice is closed and committed. */
export async function closeInvoice(id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('invoices').where({ id }).forUpdate().first();
    await trx('invoices').where({ id }).update({ closed: true });
  });
  await receipts.add('receipt', { invoiceId: id });
}
