// The same work, written correctly: nothing here may be reported.
import { DatabaseSession } from './database-session';
import { knex, pool } from './db';
import { EventRepository } from './event-repository';
import { PooledConnection } from './pooled-connection';
import { RequestScope } from './request-scope';
import { TenantConnection } from './tenant-connection';
import { createSession } from './session-factory';
import { UnitOfWork } from './unit-of-work';

export async function processEvent(id: string): Promise<boolean> {
  const session = new DatabaseSession(pool);
  await session.open();
  try {
    const events = new EventRepository(session);
    await session.begin();
    const event = await events.find(id);
    if (!event) {
      await session.rollback();
      return false;
    }
    await events.markProcessed(id);
    await session.commit();
    return true;
  } finally {
    // close() rolls back a transaction still open (an exception above) before releasing.
    await session.close();
  }
}

export async function archiveEvent(id: string): Promise<void> {
  const session = new DatabaseSession(pool);
  await session.open();
  try {
    await session.begin();
    await session.query('update events set archived = true where id = $1', [id]);
    await session.query('insert into audit(action, event_id) values ($1, $2)', ['archive', id]);
    await session.commit();
  } finally {
    await session.close();
  }
  // After the session is closed, the pool is the right handle.
  await pool.query('notify events_archived');
}

export async function publishEvent(id: string): Promise<void> {
  const session = await createSession();
  try {
    await session.begin();
    await session.query('update events set published = true where id = $1', [id]);
    await session.commit();
  } finally {
    await session.close();
  }
  // Committed and closed: the webhook holds nothing.
  await fetch(`https://partner.example/events/${id}`, { method: 'POST' });
}

export async function shipOrder(orderId: number): Promise<boolean> {
  const uow = new UnitOfWork(knex);
  await uow.begin();
  try {
    const order = await uow.db('orders').where({ id: orderId }).forUpdate().first();
    if (!order) {
      await uow.rollback();
      return false;
    }
    await uow.db('orders').where({ id: orderId }).update({ status: 'shipped' });
    await uow.commit();
    return true;
  } finally {
    await uow.dispose();
  }
}

export async function handleRequest(tenant: string): Promise<number> {
  const scope = new RequestScope(pool);
  const session = await scope.start();
  try {
    const rows = await session.query<{ count: number }>('select count(*)::int as count from jobs where tenant = $1', [tenant]);
    if (rows.length === 0) {
      throw new Error(`unknown tenant ${tenant}`);
    }
    return rows[0]!.count;
  } finally {
    await scope.end();
  }
}

export async function countUsers(): Promise<number> {
  const session = await createSession();
  try {
    const rows = await session.query<{ count: number }>('select count(*)::int as count from users');
    return rows[0]?.count ?? 0;
  } finally {
    await session.close();
  }
}

export async function latestInvoice(customerId: string): Promise<string | undefined> {
  await using connection = await PooledConnection.acquire(pool);
  return connection.scalar<string>('select id from invoices where customer_id = $1 order by created_at desc limit 1', [customerId]);
}

export async function replayEvent(id: string): Promise<void> {
  const session = await createSession();
  try {
    const events = new EventRepository(session);
    const event = await events.find(id);
    if (event) {
      await events.markProcessed(id);
    }
  } finally {
    await session.close();
  }
}

// A session kept for the lifetime of a long-running consumer, closed when it stops.
export class EventConsumer {
  private session: DatabaseSession | undefined;

  async start(): Promise<void> {
    this.session = await createSession();
  }

  async stop(): Promise<void> {
    await this.session?.close();
  }
}

// A session opened for the caller, closed here only when opening fails halfway.
export async function openForRequest(): Promise<DatabaseSession> {
  const session = await createSession();
  try {
    await session.query("set application_name = 'api'");
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

// The repository borrows the session for one lookup; the session is closed here.
export async function findEvent(id: string) {
  const session = await createSession();
  try {
    return await new EventRepository(session).find(id);
  } finally {
    await session.close();
  }
}

export async function tenantInvoices(tenant: string) {
  const connection = new TenantConnection(await pool.connect());
  try {
    await connection.setTenant(tenant);
    return await connection.rows<{ id: string }>('select id from invoices');
  } finally {
    connection.release();
  }
}
