// unkeyed/unkey#780, fixed: both writes use tx.
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, text } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

const keys = pgTable('keys', { id: text('id').primaryKey(), workspaceId: text('workspace_id') });
const auditLogs = pgTable('audit_logs', { id: text('id').primaryKey(), event: text('event') });

export async function createKey(pool: Pool, id: string, workspaceId: string): Promise<void> {
  const db = drizzle(pool);
  await db.transaction(async (tx) => {
    await tx.insert(keys).values({ id, workspaceId });
    await tx.insert(auditLogs).values({ id: `log_${id}`, event: 'key.create' });
  });
}
