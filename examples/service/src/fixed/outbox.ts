import Database from 'better-sqlite3';

/** A local outbox: events are written here first, and sent to the broker by another process. */
const outbox = new Database('outbox.db');

/** Fixed: nothing to write returns before BEGIN. */
export function enqueue(events: { type: string; payload: unknown }[]): number {
  if (events.length === 0) return 0;
  const insert = outbox.prepare('insert into outbox (type, payload) values (?, ?)');
  outbox.exec('BEGIN IMMEDIATE');
  try {
    for (const event of events) insert.run(event.type, JSON.stringify(event.payload));
    outbox.exec('COMMIT');
  } catch (error) {
    outbox.exec('ROLLBACK');
    throw error;
  }
  return events.length;
}

/** Fixed: one row is asked for with get(), which finishes its statement. */
export function oldestPending(): { id: number; type: string } | undefined {
  return outbox.prepare<[], { id: number; type: string }>('select id, type from outbox order by id limit 1').get();
}
