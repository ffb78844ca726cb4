// typeorm/typeorm#12545, fixed: the runner made here is released in finally.
import type { DataSource, QueryRunner } from 'typeorm';

export async function storeResult(dataSource: DataSource, key: string, value: string, queryRunner?: QueryRunner): Promise<void> {
  let runner = queryRunner;
  let ownRunner = false;
  if (!runner || runner.getReplicationMode() === 'slave') {
    runner = dataSource.createQueryRunner('master');
    ownRunner = true;
  }
  try {
    await runner.manager.insert('query_result_cache', { identifier: key, result: value, time: Date.now() });
  } finally {
    if (ownRunner) {
      await runner.release();
    }
  }
}
