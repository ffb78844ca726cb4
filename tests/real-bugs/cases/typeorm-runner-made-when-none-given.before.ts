// typeorm/typeorm#8969 (issue #4866 family): a runner made when the caller passed none was never released.
import type { DataSource, QueryRunner } from 'typeorm';

export class ResultCache {
  constructor(private readonly dataSource: DataSource) {}

  async remove(keys: string[], queryRunner?: QueryRunner): Promise<void> {
    const runner = queryRunner ?? this.dataSource.createQueryRunner();
    await Promise.all(keys.map((key) => runner.manager.delete('query_result_cache', { identifier: key })));
  }
}
