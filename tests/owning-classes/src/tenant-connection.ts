// Shape 7, a wrapper constructed by the caller around a client it checked out: the constructor
// keeps the client, release() gives it back.
import type { PoolClient } from 'pg';

export class TenantConnection {
  constructor(private readonly client: PoolClient) {}

  async setTenant(tenant: string): Promise<void> {
    await this.client.query('select set_config($1, $2, false)', ['app.tenant', tenant]);
  }

  async rows<R>(text: string, values?: unknown[]): Promise<R[]> {
    return (await this.client.query(text, values)).rows as R[];
  }

  release(): void {
    this.client.release();
  }
}
