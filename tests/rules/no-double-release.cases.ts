/**
 * Cases for `no-double-release`, shared by the rule test and the fixture type-check test.
 * Every snippet starts with a header that imports the library's real typings, so line numbers
 * in `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-double-release.js';

const PG = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
declare function sendReceipt(order: unknown): Promise<void>;
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MARIADB = `import * as mariadb from 'mariadb';
declare const pool: mariadb.Pool;
`;
const TYPEORM = `import { DataSource } from 'typeorm';
declare const dataSource: DataSource;
`;
const POSTGRES = `import postgres from 'postgres';
const sql = postgres();
`;
const ORACLE = `import oracledb from 'oracledb';
declare const pool: oracledb.Pool;
`;
const GENERIC_POOL = `import type { Pool } from 'generic-pool';
interface Conn { query(text: string): Promise<unknown[]> }
declare const pool: Pool<Conn>;
`;
const CURSOR = `import { Pool } from 'pg';
import Cursor from 'pg-cursor';
declare const pool: Pool;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // Handed to a helper that only queries through it: the finally's release is the only one.
    name: 'TypeORM: a runner handed to a helper that queries, released once in finally',
    code: `${TYPEORM}
import type { QueryRunner } from 'typeorm';
async function countAssets(runner: QueryRunner) {
  return runner.query('select count(*) from asset');
}
export async function count() {
  const runner = dataSource.createQueryRunner();
  try {
    return await countAssets(runner);
  } finally {
    await runner.release();
  }
}`,
  },
  {
    // Kept by the helper, not given back: the caller's own release is the first.
    name: 'pg: a client handed to a helper that keeps it in a map, then released by the caller',
    code: `${PG}
const parked = new Map<string, PoolClient>();
function park(id: string, client: PoolClient) {
  parked.set(id, client);
}
export async function hold(id: string) {
  const client = await pool.connect();
  park(id, client);
  parked.delete(id);
  client.release();
}`,
  },
  {
    name: 'pg: release once in finally, rollback in catch (the documented pattern)',
    code: `${PG}
export async function transfer(from: string, to: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: release on the early return and at the end, on different paths',
    code: `${PG}
export async function findUser(id: string) {
  const client = await pool.connect();
  const result = await client.query('select * from users where id = $1', [id]);
  if (result.rowCount === 0) {
    client.release();
    return null;
  }
  client.release();
  return result.rows[0];
}`,
  },
  {
    name: 'pg: release(err) in catch and return, release() after the try on the other path',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  let rows;
  try {
    rows = (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
  return rows;
}`,
  },
  {
    name: 'pg: a released flag guards the release in finally',
    code: `${PG}
export async function process(order: { id: string }) {
  const client = await pool.connect();
  let released = false;
  try {
    await client.query('update orders set state = $1 where id = $2', ['done', order.id]);
    client.release();
    released = true;
    await sendReceipt(order);
  } finally {
    if (!released) client.release();
  }
}`,
  },
  {
    name: 'pg: the variable is cleared after the first release, and the second checks it',
    code: `${PG}
export async function process(order: { id: string }) {
  let client: PoolClient | undefined = await pool.connect();
  try {
    await client.query('update orders set state = $1 where id = $2', ['done', order.id]);
    client.release();
    client = undefined;
    await sendReceipt(order);
  } finally {
    client?.release();
  }
}`,
  },
  {
    name: 'pg: a new client is acquired in each iteration and released once',
    code: `${PG}
export async function refreshAll(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('refresh materialized view concurrently report_$1', [id]);
    } finally {
      client.release();
    }
  }
}`,
  },
  {
    name: 'pg: re-acquired in a retry loop after each release',
    code: `${PG}
export async function withRetry(sqlText: string) {
  let client = await pool.connect();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.query(sqlText);
    } catch (error) {
      client.release(error as Error);
      client = await pool.connect();
    }
  }
  client.release();
  return undefined;
}`,
  },
  {
    name: 'pg callback API: done() once on each branch',
    code: `${PG}
export function countUsers(callback: (error: Error | null | undefined, count?: number) => void) {
  pool.connect((error, client, done) => {
    if (error || !client) {
      callback(error);
      return;
    }
    client.query('select count(*) from users', (queryError, result) => {
      done();
      callback(queryError, Number(result?.rows[0]?.count));
    });
  });
}`,
  },
  {
    name: 'pg: a parameter released once, in finally',
    code: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: the client is handed on (returned) in one branch and released in the other',
    code: `${PG}
export async function checkout(keep: boolean) {
  const client = await pool.connect();
  if (keep) {
    return client;
  }
  client.release();
  return undefined;
}`,
  },
  {
    name: 'pg: released in a callback registered once (on end), not in the function itself',
    code: `${PG}
export async function streamUsers(write: (row: unknown) => void) {
  const client = await pool.connect();
  const result = await client.query('select * from users');
  result.rows.forEach(write);
  client.release();
}`,
  },
  {
    name: 'pg: release with the error inside an if, plain release in the else',
    code: `${PG}
export async function run(sqlText: string) {
  const client = await pool.connect();
  try {
    return await client.query(sqlText);
  } catch (error) {
    if ((error as { code?: string }).code === '57P01') {
      client.release(error as Error);
    } else {
      client.release();
    }
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: release in finally, rollback in catch',
    code: `${MYSQL}
export async function placeOrder(userId: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into orders (user_id) values (?)', [userId]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: 'mysql2: destroy in catch and return, release on the normal path',
    code: `${MYSQL}
export async function ping() {
  const conn = await pool.getConnection();
  try {
    await conn.ping();
  } catch (error) {
    conn.destroy();
    throw error;
  }
  conn.release();
}`,
  },
  {
    name: 'mysql2: pool.releaseConnection once',
    code: `${MYSQL}
export async function countOrders() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select count(*) as n from orders');
    return rows;
  } finally {
    pool.releaseConnection(conn);
  }
}`,
  },
  {
    name: 'mariadb: release in finally only',
    code: `${MARIADB}
export async function listProducts() {
  const conn = await pool.getConnection();
  try {
    return await conn.query('select * from products');
  } finally {
    await conn.release();
  }
}`,
  },
  {
    name: 'mariadb: a prepared statement closed once, the connection released once',
    code: `${MARIADB}
export async function insertMany(names: string[]) {
  const conn = await pool.getConnection();
  try {
    const statement = await conn.prepare('insert into tags (name) values (?)');
    try {
      for (const name of names) await statement.execute([name]);
    } finally {
      statement.close();
    }
  } finally {
    await conn.release();
  }
}`,
  },
  {
    name: 'TypeORM: release guarded by isReleased',
    code: `${TYPEORM}
export async function archive(id: number) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('update posts set archived = true where id = $1', [id]);
    await runner.release();
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}`,
  },
  {
    name: 'TypeORM: rollback in catch, release in finally',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('update users set name = $1 where id = $2', [name, id]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
  },
  {
    name: 'generic-pool: release on success, destroy on failure (different paths)',
    code: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  let rows: unknown[];
  try {
    rows = await conn.query(text);
  } catch (error) {
    await pool.destroy(conn);
    throw error;
  }
  await pool.release(conn);
  return rows;
}`,
  },
  {
    // generic-pool's README: `pool.isBorrowedResource(resource)` is false once it was given back.
    name: 'generic-pool: destroy in catch, release in finally only while still borrowed',
    code: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  try {
    return await conn.query(text);
  } catch (error) {
    await pool.destroy(conn);
    throw error;
  } finally {
    if (pool.isBorrowedResource(conn)) await pool.release(conn);
  }
}`,
  },
  {
    name: 'oracledb: close in finally only',
    code: `${ORACLE}
export async function getEmployee(id: number) {
  const connection = await pool.getConnection();
  try {
    const result = await connection.execute('select * from employees where id = :id', [id]);
    return result.rows;
  } finally {
    await connection.close();
  }
}`,
  },
  {
    name: 'oracledb: a failed close is retried with drop (the first close did not complete)',
    code: `${ORACLE}
export async function shutdown(connection: oracledb.Connection) {
  try {
    await connection.close();
  } catch {
    await connection.close({ drop: true });
  }
}`,
  },
  {
    name: 'postgres.js: reserved connection released once in finally',
    code: `${POSTGRES}
export async function lockAndRun(key: number) {
  const reserved = await sql.reserve();
  try {
    await reserved\`select pg_advisory_lock(\${key})\`;
    await reserved\`select pg_advisory_unlock(\${key})\`;
  } finally {
    reserved.release();
  }
}`,
  },
  {
    name: 'pg-cursor: closed once after the read loop',
    code: `${CURSOR}
export async function exportRows(write: (rows: unknown[]) => void) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from events'));
    try {
      let rows = await cursor.read(100);
      while (rows.length > 0) {
        write(rows);
        rows = await cursor.read(100);
      }
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: two different clients, each released once',
    code: `${PG}
export async function copy(id: string) {
  const source = await pool.connect();
  const target = await pool.connect();
  try {
    const { rows } = await source.query('select * from users where id = $1', [id]);
    await target.query('insert into users_archive select * from json_populate_recordset(null::users, $1)', [JSON.stringify(rows)]);
  } finally {
    source.release();
    target.release();
  }
}`,
  },
  {
    name: 'pg: break after the release leaves the loop',
    code: `${PG}
export async function firstFree(slots: string[]) {
  const client = await pool.connect();
  for (const slot of slots) {
    const { rowCount } = await client.query('select 1 from slots where id = $1 and taken = false', [slot]);
    if (rowCount) {
      client.release();
      return slot;
    }
  }
  client.release();
  return undefined;
}`,
  },
];

export const invalid: Invalid[] = [
  {
    // input-output-hk/cardano-js-sdk#1400: a helper released the query runner it was given, and
    // its caller, which made the runner, released it again (QueryRunnerAlreadyReleasedError).
    name: 'TypeORM: a helper releases the runner in its finally, and the caller releases it again',
    code: `${TYPEORM}
import type { QueryRunner } from 'typeorm';
async function queryAssets(runner: QueryRunner, ids: string[]) {
  try {
    return await runner.query('select * from asset where id = any($1)', [ids]);
  } finally {
    await runner.release();
  }
}
export async function getAssets(ids: string[]) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    return await queryAssets(runner, ids);
  } finally {
    await runner.release();
  }
}`,
    errors: [{ messageId: 'releasedTwice', line: 18, column: 11, data: { call: '`runner.release()`', name: '`runner`', first: '`queryAssets()`', line: 16, path: ', and then the `return` at line 16 ran the `finally` block' } }],
  },
  {
    name: 'pg: a helper that releases the client, then the release in finally',
    code: `${PG}
function done(client: PoolClient) {
  client.release();
}
export async function ping() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    done(client);
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'releasedTwice', line: 14, column: 5 }],
  },
  {
    name: 'pg: release in catch and again in finally (the exception path releases twice)',
    code: `${PG}
export async function transfer(from: string, to: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    client.release();
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 17,
        column: 5,
        endLine: 17,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 14 },
            output: `${PG}
export async function transfer(from: string, to: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: release at the end of try and again in finally',
    code: `${PG}
export async function findUser(id: string) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    client.release();
    return result.rows[0];
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: release(err) in catch, then release() in finally',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(error as Error);
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: released before the early return, and again after the if',
    code: `${PG}
export async function deactivate(id: string) {
  const client = await pool.connect();
  const { rowCount } = await client.query('update users set active = false where id = $1', [id]);
  if (rowCount === 0) {
    client.release();
  }
  client.release();
  return rowCount;
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 11,
        column: 3,
        endLine: 11,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'pg: released, then a later call throws into a catch that releases again',
    code: `${PG}
export async function complete(order: { id: string }) {
  const client = await pool.connect();
  try {
    await client.query('update orders set state = $1 where id = $2', ['done', order.id]);
    client.release();
    await sendReceipt(order);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 35,
      },
    ],
  },
  {
    name: 'pg: released inside a loop the client was acquired outside of',
    code: `${PG}
export async function touchAll(ids: string[]) {
  const client = await pool.connect();
  for (const id of ids) {
    await client.query('update users set seen_at = now() where id = $1', [id]);
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedAgainInLoop',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: a client parameter released in catch and in finally',
    code: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 9 },
            output: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
  } catch (error) {
    throw error;
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: let client assigned in try, released in catch and in finally',
    code: `${PG}
export async function audit(entry: string) {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('insert into audit (entry) values ($1)', [entry]);
  } catch (error) {
    client?.release();
    throw error;
  } finally {
    client?.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 14,
        column: 5,
        endLine: 14,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 11 },
            output: `${PG}
export async function audit(entry: string) {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('insert into audit (entry) values ($1)', [entry]);
  } catch (error) {
    throw error;
  } finally {
    client?.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg callback API: done() in the error branch falls through to done() again',
    code: `${PG}
export function countUsers(callback: (error: Error | null | undefined, count?: number) => void) {
  pool.connect((error, client, done) => {
    if (error || !client) {
      callback(error);
      return;
    }
    client.query('select count(*) from users', (queryError, result) => {
      callback(queryError, Number(result?.rows[0]?.count));
    });
    if (!callback) {
      done();
    }
    done();
  });
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 17,
        column: 5,
        endLine: 17,
        endColumn: 11,
      },
    ],
  },
  {
    name: 'pg: released twice in sequence',
    code: `${PG}
export async function vacuum(table: string) {
  const client = await pool.connect();
  await client.query(\`vacuum analyze \${table}\`);
  client.release();
  client.release();
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 9,
        column: 3,
        endLine: 9,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'pg: release in both branches of an if, then again after it',
    code: `${PG}
export async function upsert(id: string, name: string) {
  const client = await pool.connect();
  const { rowCount } = await client.query('update users set name = $2 where id = $1', [id, name]);
  if (rowCount === 0) {
    await client.query('insert into users (id, name) values ($1, $2)', [id, name]);
    client.release();
  } else {
    client.release();
  }
  client.release();
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 14,
        column: 3,
        endLine: 14,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'mysql2: release in catch and again in finally',
    code: `${MYSQL}
export async function placeOrder(userId: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into orders (user_id) values (?)', [userId]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    conn.release();
    throw error;
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 15,
        column: 5,
        endLine: 15,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 12 },
            output: `${MYSQL}
export async function placeOrder(userId: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into orders (user_id) values (?)', [userId]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: destroy in catch, then release in finally',
    code: `${MYSQL}
export async function ping() {
  const conn = await pool.getConnection();
  try {
    await conn.ping();
  } catch (error) {
    conn.destroy();
    throw error;
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 9 },
            output: `${MYSQL}
export async function ping() {
  const conn = await pool.getConnection();
  try {
    await conn.ping();
  } catch (error) {
    throw error;
  } finally {
    conn.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: conn.release() then pool.releaseConnection(conn)',
    code: `${MYSQL}
export async function countOrders() {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('select count(*) as n from orders');
  conn.release();
  pool.releaseConnection(conn);
  return rows;
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 31,
      },
    ],
  },
  {
    name: 'mariadb: prepared statement closed in the loop body, prepared once before it',
    code: `${MARIADB}
export async function insertTags(names: string[]) {
  const conn = await pool.getConnection();
  try {
    const statement = await conn.prepare('insert into tags (name) values (?)');
    for (const name of names) {
      await statement.execute([name]);
      statement.close();
    }
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedAgainInLoop',
        line: 10,
        column: 7,
        endLine: 10,
        endColumn: 24,
      },
    ],
  },
  {
    name: 'mariadb: release in try and in finally',
    code: `${MARIADB}
export async function listProducts() {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select * from products');
    await conn.release();
    return rows;
  } finally {
    await conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 25,
      },
    ],
  },
  {
    name: 'mariadb: end() then release() on a pooled connection',
    code: `${MARIADB}
export async function cleanup() {
  const conn = await pool.getConnection();
  await conn.query('delete from sessions where expires_at < now()');
  await conn.end();
  await conn.release();
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 23,
      },
    ],
  },
  {
    name: 'TypeORM: release in catch and in finally',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('update users set name = $1 where id = $2', [name, id]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    await runner.release();
    throw error;
  } finally {
    await runner.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 13 },
            output: `${TYPEORM}
export async function rename(id: number, name: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('update users set name = $1 where id = $2', [name, id]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: released at the end of try and in finally',
    code: `${TYPEORM}
export async function archive(id: number) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('update posts set archived = true where id = $1', [id]);
    await runner.release();
  } finally {
    await runner.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 27,
      },
    ],
  },
  {
    name: 'generic-pool: destroy in catch, then release in finally',
    code: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  try {
    return await conn.query(text);
  } catch (error) {
    await pool.destroy(conn);
    throw error;
  } finally {
    await pool.release(conn);
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 13,
        column: 11,
        endLine: 13,
        endColumn: 29,
      },
    ],
  },
  {
    name: 'generic-pool: released in a loop after a single acquire',
    code: `${GENERIC_POOL}
export async function runAll(statements: string[]) {
  const conn = await pool.acquire();
  for (const text of statements) {
    await conn.query(text);
    await pool.release(conn);
  }
}`,
    errors: [
      {
        messageId: 'releasedAgainInLoop',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 29,
      },
    ],
  },
  {
    name: 'oracledb: close in catch and in finally',
    code: `${ORACLE}
export async function getEmployee(id: number) {
  const connection = await pool.getConnection();
  try {
    const result = await connection.execute('select * from employees where id = :id', [id]);
    return result.rows;
  } catch (error) {
    await connection.close();
    throw error;
  } finally {
    await connection.close();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 13,
        column: 11,
        endLine: 13,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'removeReleaseInCatch',
            data: { line: 10 },
            output: `${ORACLE}
export async function getEmployee(id: number) {
  const connection = await pool.getConnection();
  try {
    const result = await connection.execute('select * from employees where id = :id', [id]);
    return result.rows;
  } catch (error) {
    throw error;
  } finally {
    await connection.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'postgres.js: reserved connection released in try and in finally',
    code: `${POSTGRES}
export async function lockAndRun(key: number) {
  const reserved = await sql.reserve();
  try {
    await reserved\`select pg_advisory_lock(\${key})\`;
    reserved.release();
  } finally {
    reserved.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 23,
      },
    ],
  },
  {
    name: 'pg-cursor: closed after the loop and again in finally',
    code: `${CURSOR}
export async function exportRows(write: (rows: unknown[]) => void) {
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('select * from events'));
    try {
      let rows = await cursor.read(100);
      while (rows.length > 0) {
        write(rows);
        rows = await cursor.read(100);
      }
      await cursor.close();
    } finally {
      await cursor.close();
    }
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 17,
        column: 13,
        endLine: 17,
        endColumn: 27,
      },
    ],
  },
  {
    name: 'pg: release, then a failing query is caught and the client released again',
    code: `${PG}
export async function report(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from reports where id = $1', [id]);
    client.release();
    return JSON.parse(String(rows[0]?.body));
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedTwice',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 21,
      },
    ],
  },
];
