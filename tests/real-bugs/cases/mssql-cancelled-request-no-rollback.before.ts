// tediousjs/node-mssql#1552: a transaction whose request was cancelled was never rolled back, pinning its connection.
import sql from 'mssql';

export async function probeTables(pool: sql.ConnectionPool, index: number): Promise<void> {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  const request = tx.request();
  request.stream = true;
  request.on('error', (error: { code?: string }) => console.error(index, error.code));
  request.on('done', () => console.log(`${index} done`));
  request.query('SELECT * FROM [INFORMATION_SCHEMA].[TABLES]');
  request.cancel();
}
