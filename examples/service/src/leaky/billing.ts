import { Queue } from 'bullmq';

import { knex, pool } from '../db.js';

const receipts = new Queue('receipts', { connection: { host: '127.0.0.1' } });

/** Leak: the early return leaves the transaction open, and `finally` releases the client inside it. */
export async function chargeInvoice(id: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('select amount from invoices where id = $1 for update', [id]);
    if (rows.length === 0) {
      return false;
    }
    await client.query('update invoices set paid = true where id = $1', [id]);
    await client.query('COMMIT');
    return true;
  } finally {
    client.release();
  }
}

/** Leak: BEGIN and COMMIT sent through the pool run on different connections. */
export async function refund(id: string): Promise<void> {
  await pool.query('BEGIN');
  await pool.query('update invoices set refunded = true where id = $1', [id]);
  await pool.query('COMMIT');
}

/** Leak: an unmanaged knex transaction that a failing insert leaves open. */
export async function recordPayment(invoiceId: string, amount: number): Promise<void> {
  const trx = await knex.transaction();
  await trx('payments').insert({ invoice_id: invoiceId, amount });
  await trx.commit();
}

/** Leak: the receipt job is queued (a round trip to Redis) while the invoice row is locked. */
export async function closeInvoice(id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('invoices').where({ id }).forUpdate().first();
    await trx('invoices').where({ id }).update({ closed: true });
    await receipts.add('receipt', { invoiceId: id });
  });
}
