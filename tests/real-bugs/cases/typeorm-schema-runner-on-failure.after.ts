// twentyhq/twenty#16649, fixed: both operations release the runner in finally.
import type { DataSource } from 'typeorm';

export class TenantSchemas {
  constructor(private readonly dataSource: DataSource) {}

  async create(tenantId: string): Promise<string> {
    const schema = `tenant_${tenantId}`;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.createSchema(schema, true);
      return schema;
    } finally {
      await runner.release();
    }
  }

  async drop(tenantId: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.dropSchema(`tenant_${tenantId}`, true, true);
    } finally {
      await runner.release();
    }
  }
}
