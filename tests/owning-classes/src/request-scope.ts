// Shape 3, a class owning another owning class: a request scope that opens a DatabaseSession
// when the request starts and closes it when the request ends.
import type { Pool } from 'pg';

import { DatabaseSession } from './database-session';

export class RequestScope {
  private session: DatabaseSession | undefined;

  constructor(private readonly pool: Pool) {}

  async start(): Promise<DatabaseSession> {
    this.session = new DatabaseSession(this.pool);
    await this.session.open();
    return this.session;
  }

  async end(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }
}
