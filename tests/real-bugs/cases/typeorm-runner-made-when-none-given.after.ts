// typeorm/typeorm#8969, fixed: the runner this method made is released; the caller's is left alone.
import type { DataSource, QueryRunner } from 'typeorm';

export class ResultCache {
  constructor(private readonly dataSource: DataSource) {}

  async remove(keys: string[], queryRunner?: QueryRunner): Promise<void> {
    const runner = queryRunner ?? this.dataSource.createQueryRunner();
    try {
      await Promise.all(keys.map((key) => runner.manager.delete('query_result_cache', { identifier: key })));
    } finally {
      if (!queryRunner) {
        await runner.release();
      }
    }
  }
}
