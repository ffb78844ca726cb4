import Database from 'better-sqlite3';

/** A local outbox: events are written here first, and sent to the broker by another process. */
const outbox = new Database('outbox.db');

/** Leak (transaction on SQLite): an empty batch returns with BEGIN open, and every later BEGIN fails. */
export function enqueue(events: { type: string; payload: unknown }[]): number {
  const insert = outbox.prepare('insert into outbox (type, payload) values (?, ?)');
  outbox.exec('BEGIN IMMEDIATE');
  if (events.length === 0) return 0;
  try {
    for (const event of events) insert.run(event.type, JSON.stringify(event.payload));
    outbox.exec('COMMIT');
  } catch (error) {
    outbox.exec('ROLLBACK');
    throw error;
  }
  return events.length;
}

/** Leak (iterator): only the first row is read, and the open statement keeps the connection busy. */
export function oldestPending(): { id: number; type: string } | undefined {
  const rows = outbox.prepare<[], { id: number; type: string }>('select id, type from outbox order by id').iterate();
  const first = rows.next();
  return first.done ? undefined : first.value;
}
