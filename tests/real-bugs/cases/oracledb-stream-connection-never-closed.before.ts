// oracle/node-oracledb#401: a connection opened to stream a query was never released.
import oracledb from 'oracledb';
import type { Writable } from 'node:stream';

export async function exportRows(config: oracledb.ConnectionAttributes, out: Writable): Promise<void> {
  const connection = await oracledb.getConnection(config);
  const stream = connection.queryStream('select * from dual connect by level <= 10000');
  stream.on('data', (row) => out.write(`${String(row)}\n`));
  stream.on('end', () => out.end());
  stream.on('error', (error) => console.error(error));
}
