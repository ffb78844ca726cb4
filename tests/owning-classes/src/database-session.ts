// Shape 1, the founding incident's session object: constructed on the pool, a client checked
// out by open(), a transaction begun and ended through the session, close() rolls back what is
// still open and gives the client back. The queries go through a private accessor.
import type { Pool, PoolClient, QueryResultRow } from 'pg';

export class DatabaseSession {
  private client: PoolClient | undefined;
  private inTransaction = false;

  constructor(private readonly pool: Pool) {}

  async open(): Promise<void> {
    this.client = await this.pool.connect();
  }

  async begin(): Promise<void> {
    await this.connection().query('BEGIN');
    this.inTransaction = true;
  }

  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return (await this.connection().query<R>(text, values)).rows;
  }

  async commit(): Promise<void> {
    await this.connection().query('COMMIT');
    this.inTransaction = false;
  }

  async rollback(): Promise<void> {
    await this.connection().query('ROLLBACK');
    this.inTransaction = false;
  }

  async close(): Promise<void> {
    if (this.inTransaction) {
      await this.rollback();
    }
    this.client?.release();
    this.client = undefined;
  }

  private connection(): PoolClient {
    if (!this.client) {
      throw new Error('the session is not open');
    }
    return this.client;
  }
}
