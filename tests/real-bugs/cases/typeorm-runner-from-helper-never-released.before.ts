// typeorm/typeorm#12797: clear() built a runner through a helper when none was passed, and never released it.
import type { DataSource, QueryRunner } from 'typeorm';

export class CacheTable {
  constructor(private readonly dataSource: DataSource) {}

  async clear(queryRunner?: QueryRunner): Promise<void> {
    const runner = this.runnerFor(queryRunner);
    await runner.clearTable('query_result_cache');
  }

  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? this.dataSource.createQueryRunner();
  }
}
