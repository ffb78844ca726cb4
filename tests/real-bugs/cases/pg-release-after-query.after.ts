// noobaa/noobaa-core#9541, fixed: the client is released in finally.
import type { Pool, QueryResult } from 'pg';

export class SqlRunner {
  constructor(private readonly pool: Pool) {}

  async run(text: string, values: unknown[], name?: string): Promise<QueryResult> {
    const client = await this.pool.connect();
    try {
      const query = name ? { text, values, name } : { text, values };
      return await client.query(query);
    } finally {
      client.release();
    }
  }
}
