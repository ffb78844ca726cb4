// unkeyed/unkey#780: a router wrote inside db.transaction but through db, so that write could not be rolled back with the rest.
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, text } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

const keys = pgTable('keys', { id: text('id').primaryKey(), workspaceId: text('workspace_id') });
const auditLogs = pgTable('audit_logs', { id: text('id').primaryKey(), event: text('event') });

export async function createKey(pool: Pool, id: string, workspaceId: string): Promise<void> {
  const db = drizzle(pool);
  await db.transaction(async (tx) => {
    await tx.insert(keys).values({ id, workspaceId });
    await db.insert(auditLogs).values({ id: `log_${id}`, event: 'key.create' });
  });
}
