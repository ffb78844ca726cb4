// typeorm/typeorm#12545: storeInCache made a master runner for replica callers; a throwing insert skipped its release.
import type { DataSource, QueryRunner } from 'typeorm';

export async function storeResult(dataSource: DataSource, key: string, value: string, queryRunner?: QueryRunner): Promise<void> {
  let runner = queryRunner;
  let ownRunner = false;
  if (!runner || runner.getReplicationMode() === 'slave') {
    runner = dataSource.createQueryRunner('master');
    ownRunner = true;
  }
  await runner.manager.insert('query_result_cache', { identifier: key, result: value, time: Date.now() });
  if (ownRunner) {
    await runner.release();
  }
}
