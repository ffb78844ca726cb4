// noobaa/noobaa-core#9541 (review of the moved executeSQL): release() after the query, so a failing query leaks the client.
import type { Pool, QueryResult } from 'pg';

export class SqlRunner {
  constructor(private readonly pool: Pool) {}

  async run(text: string, values: unknown[], name?: string): Promise<QueryResult> {
    const client = await this.pool.connect();
    const query = name ? { text, values, name } : { text, values };
    const result = await client.query(query);
    client.release();
    return result;
  }
}
