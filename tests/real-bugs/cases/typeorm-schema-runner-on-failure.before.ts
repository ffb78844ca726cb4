// twentyhq/twenty#16649: a failed CREATE SCHEMA left the query runner checked out.
import type { DataSource } from 'typeorm';

export class TenantSchemas {
  constructor(private readonly dataSource: DataSource) {}

  async create(tenantId: string): Promise<string> {
    const schema = `tenant_${tenantId}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.createSchema(schema, true);
    await runner.release();
    return schema;
  }

  async drop(tenantId: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.dropSchema(`tenant_${tenantId}`, true, true);
    await runner.release();
  }
}
