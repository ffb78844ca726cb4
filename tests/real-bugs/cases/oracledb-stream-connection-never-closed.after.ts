// oracle/node-oracledb#401, fixed as the maintainer showed: the connection is released once the stream has finished.
import oracledb from 'oracledb';
import type { Writable } from 'node:stream';

export async function exportRows(config: oracledb.ConnectionAttributes, out: Writable): Promise<void> {
  const connection = await oracledb.getConnection(config);
  try {
    const stream = connection.queryStream('select * from dual connect by level <= 10000');
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (row) => out.write(`${String(row)}\n`));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    out.end();
  } finally {
    await connection.close();
  }
}
