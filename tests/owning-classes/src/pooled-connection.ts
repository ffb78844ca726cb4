// Shape 5, released by `await using`: a connection wrapper whose only releasing member is
// [Symbol.asyncDispose].
import type { Pool, PoolClient } from 'pg';

export class PooledConnection {
  private constructor(private readonly client: PoolClient) {}

  static async acquire(pool: Pool): Promise<PooledConnection> {
    return new PooledConnection(await pool.connect());
  }

  async scalar<T>(text: string, values?: unknown[]): Promise<T | undefined> {
    const result = await this.client.query(text, values);
    return result.rows[0] ? (Object.values(result.rows[0])[0] as T) : undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.client.release();
  }
}
