// typeorm/typeorm#3727: dropDatabase() released its runner only when clearing succeeded (a deadlock kept it).
import type { DataSource } from 'typeorm';

export async function dropEverything(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner('master');
  await runner.clearDatabase();
  await runner.release();
}
