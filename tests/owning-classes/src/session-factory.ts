// Shape 4, a factory function: the caller owns the open session it returns.
import { DatabaseSession } from './database-session';
import { pool } from './db';

export async function createSession(): Promise<DatabaseSession> {
  const session = new DatabaseSession(pool);
  await session.open();
  return session;
}
