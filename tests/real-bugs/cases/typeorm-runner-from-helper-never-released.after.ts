// typeorm/typeorm#12797, fixed: the self-made runner is released in finally.
import type { DataSource, QueryRunner } from 'typeorm';

export class CacheTable {
  constructor(private readonly dataSource: DataSource) {}

  async clear(queryRunner?: QueryRunner): Promise<void> {
    const runner = this.runnerFor(queryRunner);
    try {
      await runner.clearTable('query_result_cache');
    } finally {
      if (runner !== queryRunner) {
        await runner.release();
      }
    }
  }

  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? this.dataSource.createQueryRunner();
  }
}
