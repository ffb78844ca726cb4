// typeorm/typeorm#4866, fixed as the reporter did: roll back on failure, release in finally.
import type { DataSource } from 'typeorm';

export async function handleTest(dataSource: DataSource, respond: (body: unknown) => void): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    try {
      await runner.query('update counters set hits = hits + 1');
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
  respond({ success: true });
}
