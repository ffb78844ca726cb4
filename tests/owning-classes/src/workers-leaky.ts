// Callers that leak. Each line a rule must report ends with a cross and the rule's name; no
// other line may be reported (see owning-classes.test.ts).
import { DatabaseSession } from './database-session';
import { knex, pool } from './db';
import { EventRepository } from './event-repository';
import { PooledConnection } from './pooled-connection';
import { RequestScope } from './request-scope';
import { TenantConnection } from './tenant-connection';
import { createSession } from './session-factory';
import { UnitOfWork } from './unit-of-work';

// The founding incident: the event is not found, the worker returns, the session's client stays
// checked out and its transaction open (`idle in transaction`), and the pool drains.
export async function processEvent(id: string): Promise<boolean> {
  const session = new DatabaseSession(pool);
  await session.open(); // ✖ no-leaked-client
  const events = new EventRepository(session);
  await session.begin(); // ✖ no-unfinished-transaction
  const event = await events.find(id);
  if (!event) {
    return false; // ✖ no-unfinished-transaction
  }
  await events.markProcessed(id);
  await session.commit();
  await session.close();
  return true;
}

// The audit row goes through the pool while the session's transaction is open.
export async function archiveEvent(id: string): Promise<void> {
  const session = new DatabaseSession(pool);
  await session.open();
  try {
    await session.begin();
    await session.query('update events set archived = true where id = $1', [id]);
    await pool.query('insert into audit(action, event_id) values ($1, $2)', ['archive', id]); // ✖ no-pool-query-in-transaction
    await session.commit();
  } finally {
    await session.close();
  }
}

// The partner's webhook is awaited while the session's transaction holds the event's row lock.
export async function publishEvent(id: string): Promise<void> {
  const session = await createSession();
  try {
    await session.begin();
    await session.query('update events set published = true where id = $1', [id]);
    await fetch(`https://partner.example/events/${id}`, { method: 'POST' }); // ✖ no-network-in-transaction
    await session.commit();
  } finally {
    await session.close();
  }
}

// The unit of work is left open when the order is missing.
export async function shipOrder(orderId: number): Promise<boolean> {
  const uow = new UnitOfWork(knex);
  await uow.begin(); // ✖ no-unfinished-transaction
  const order = await uow.db('orders').where({ id: orderId }).forUpdate().first();
  if (!order) {
    return false; // ✖ no-unfinished-transaction
  }
  await uow.db('orders').where({ id: orderId }).update({ status: 'shipped' });
  await uow.commit();
  return true;
}

// The request scope is not ended when the tenant check fails.
export async function handleRequest(tenant: string): Promise<number> {
  const scope = new RequestScope(pool);
  const session = await scope.start(); // ✖ no-leaked-client
  const rows = await session.query<{ count: number }>('select count(*)::int as count from jobs where tenant = $1', [tenant]);
  if (rows.length === 0) {
    throw new Error(`unknown tenant ${tenant}`);
  }
  await scope.end();
  return rows[0]!.count;
}

// A session from the factory, never closed.
export async function countUsers(): Promise<number> {
  const session = await createSession(); // ✖ no-leaked-client
  const rows = await session.query<{ count: number }>('select count(*)::int as count from users');
  return rows[0]?.count ?? 0;
}

// A disposable connection held by `const` instead of `await using`.
export async function latestInvoice(customerId: string): Promise<string | undefined> {
  const connection = await PooledConnection.acquire(pool); // ✖ no-leaked-client
  return connection.scalar<string>('select id from invoices where customer_id = $1 order by created_at desc limit 1', [customerId]);
}

// Handing the session to a repository does not hand over closing it.
export async function replayEvent(id: string): Promise<void> {
  const session = await createSession(); // ✖ no-leaked-client
  const events = new EventRepository(session);
  const event = await events.find(id);
  if (!event) {
    return;
  }
  await events.markProcessed(id);
  await session.close();
}

// The repository borrows the session; nobody closes it.
export async function findEvent(id: string) {
  const session = await createSession(); // ✖ no-leaked-client
  const events = new EventRepository(session);
  return events.find(id);
}


// The wrapper is released on the normal path only: a tenant with no invoices returns early.
export async function tenantInvoices(tenant: string) {
  const connection = new TenantConnection(await pool.connect()); // ✖ no-leaked-client
  await connection.setTenant(tenant);
  const invoices = await connection.rows<{ id: string }>('select id from invoices');
  if (invoices.length === 0) {
    return [];
  }
  connection.release();
  return invoices;
}
