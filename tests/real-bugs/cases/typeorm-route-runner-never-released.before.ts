// typeorm/typeorm#4866: a route committed its runner's transaction but never released the runner; the 11th request hung.
import type { DataSource } from 'typeorm';

export async function handleTest(dataSource: DataSource, respond: (body: unknown) => void): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  await runner.query('update counters set hits = hits + 1');
  await runner.commitTransaction();
  respond({ success: true });
}
