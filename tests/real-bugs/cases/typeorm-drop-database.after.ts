// typeorm/typeorm#3727, fixed: try/finally, as Connection.query() already did.
import type { DataSource } from 'typeorm';

export async function dropEverything(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.clearDatabase();
  } finally {
    await runner.release();
  }
}
