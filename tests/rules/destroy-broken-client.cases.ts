/**
 * Cases for `destroy-broken-client`, shared by the rule test and the fixture type-check test.
 * Every snippet starts with a header that imports the library's real typings, so line numbers
 * in `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/destroy-broken-client.js';

const PG = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
declare function validate(input: unknown): { id: string };
declare const log: { error(message: string, error: unknown): void };
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MYSQL_CALLBACK = `import mysql from 'mysql2';
declare const pool: mysql.Pool;
`;
const MARIADB = `import * as mariadb from 'mariadb';
declare const pool: mariadb.Pool;
`;
const GENERIC_POOL = `import type { Pool } from 'generic-pool';
interface Conn { query(text: string): Promise<unknown[]> }
declare const pool: Pool<Conn>;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    name: 'pg: release(err) in catch destroys the client',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
  },
  {
    name: 'pg: release(true) in catch',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch {
    client.release(true);
    return [];
  }
}`,
  },
  {
    name: 'pg: the documented pattern: rollback in catch, release in finally',
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
    name: 'pg: the catch tests the error before a plain release',
    code: `${PG}
export async function run(sqlText: string) {
  const client = await pool.connect();
  try {
    return await client.query(sqlText);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      client.release();
      return null;
    }
    client.release(error as Error);
    throw error;
  }
}`,
  },
  {
    name: 'pg: a ternary on the error picks the release',
    code: `${PG}
export async function run(sqlText: string, isFatal: (error: unknown) => boolean) {
  const client = await pool.connect();
  try {
    return await client.query(sqlText);
  } catch (error) {
    isFatal(error) ? client.release(true) : client.release();
    throw error;
  }
}`,
  },
  {
    name: 'pg: the try block never used the client (validation failed first)',
    code: `${PG}
export async function create(input: unknown) {
  const client = await pool.connect();
  let order: { id: string };
  try {
    order = validate(input);
  } catch (error) {
    client.release();
    throw error;
  }
  try {
    await client.query('insert into orders (id) values ($1)', [order.id]);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: the client is acquired inside the try; the catch releases a different, idle client',
    code: `${PG}
export async function warmUp(spare: PoolClient) {
  try {
    await pool.query('select 1');
  } catch (error) {
    log.error('warm-up failed', error);
    spare.release();
  }
}`,
  },
  {
    name: 'pg: release in a callback nested in the catch is not the catch releasing',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    setTimeout(() => client.release(error as Error), 0);
    throw error;
  }
}`,
  },
  {
    name: 'pg: pool.query in try, nothing released in catch',
    code: `${PG}
export async function count() {
  try {
    const { rows } = await pool.query('select count(*) from users');
    return Number(rows[0]?.count);
  } catch (error) {
    log.error('count failed', error);
    return 0;
  }
}`,
  },
  {
    name: 'pg: .catch() handler passes the error to release',
    code: `${PG}
export function load(id: string) {
  return pool.connect().then((client) =>
    client
      .query('select * from orders where id = $1', [id])
      .then((result) => {
        client.release();
        return result.rows;
      })
      .catch((error: Error) => {
        client.release(error);
        throw error;
      }),
  );
}`,
  },
  {
    name: 'pg: a standalone Client ended in catch (not pooled)',
    code: `${PG}
import { Client } from 'pg';
export async function probe(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    await client.end();
    throw error;
  }
  await client.end();
}`,
  },
  {
    name: 'mysql2: destroy() in catch',
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
    name: 'mysql2: err.fatal decides between destroy and release',
    code: `${MYSQL}
export async function run(sqlText: string) {
  const conn = await pool.getConnection();
  try {
    return await conn.query(sqlText);
  } catch (error) {
    if ((error as { fatal?: boolean }).fatal) {
      conn.destroy();
    } else {
      conn.release();
    }
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: a switch on the error code',
    code: `${MYSQL}
export async function insert(name: string) {
  const conn = await pool.getConnection();
  try {
    await conn.execute('insert into tags (name) values (?)', [name]);
    conn.release();
  } catch (error) {
    switch ((error as { code?: string }).code) {
      case 'ER_DUP_ENTRY':
        conn.release();
        return;
      default:
        conn.destroy();
        throw error;
    }
  }
}`,
  },
  {
    name: 'mysql2 callback API: destroy in the error branch of the callback',
    code: `${MYSQL_CALLBACK}
export function count(done: (error: Error | null, n?: number) => void) {
  pool.getConnection((error, conn) => {
    if (error) return done(error);
    conn.query('select count(*) as n from users', (queryError, rows) => {
      if (queryError) {
        conn.destroy();
        return done(queryError);
      }
      conn.release();
      done(null, (rows as { n: number }[])[0]?.n);
    });
  });
}`,
  },
  {
    name: 'mariadb: destroy() in catch',
    code: `${MARIADB}
export async function listProducts() {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select * from products');
    await conn.release();
    return rows;
  } catch (error) {
    conn.destroy();
    throw error;
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
    name: 'generic-pool: pool.destroy(conn) in catch',
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
    name: 'generic-pool: release in finally',
    code: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  try {
    return await conn.query(text);
  } finally {
    await pool.release(conn);
  }
}`,
  },
  {
    name: 'pg: option errors=connection: the catch of an unrelated try inside the client scope',
    code: `${PG}
export async function save(id: string, payload: string) {
  const client = await pool.connect();
  try {
    let data: unknown;
    try {
      data = JSON.parse(payload);
    } catch {
      client.release();
      return null;
    }
    await client.query('update docs set body = $2 where id = $1', [id, data]);
    return id;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: instanceof test on the error before a plain release',
    code: `${PG}
class NotFoundError extends Error {}
export async function find(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [id]);
    if (rows.length === 0) throw new NotFoundError(id);
    client.release();
    return rows[0];
  } catch (error) {
    if (error instanceof NotFoundError) {
      client.release();
      return null;
    }
    client.release(error as Error);
    throw error;
  }
}`,
  },
  {
    name: 'pg: release(err) where err is a variable holding the caught error',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch (caught) {
    const failure = caught instanceof Error ? caught : new Error(String(caught));
    client.release(failure);
    throw failure;
  }
}`,
  },
  {
    name: 'pg: a client parameter released with the error',
    code: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: pool.releaseConnection only on the success path',
    code: `${MYSQL}
export async function countOrders() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select count(*) as n from orders');
    pool.releaseConnection(conn);
    return rows;
  } catch (error) {
    conn.destroy();
    throw error;
  }
}`,
  },
  {
    name: 'errors=any: no release in the catch at all',
    code: `${PG}
export async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('select count(*) from users')).rows;
  } catch (error) {
    log.error('count failed', error);
    throw error;
  } finally {
    client.release();
  }
}`,
    options: [{ errors: 'any' }],
  },
  {
    // The rollback came back, so the connection answers: releasing it is right. Were it broken,
    // the rollback would throw first, and no-leaked-client reports that path.
    name: 'pg: rollback then plain release in catch',
    code: `${PG}
export async function transfer(from: string, to: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK');
    client.release();
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: rollback and release in catch',
    code: `${MYSQL}
export async function placeOrder(userId: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into orders (user_id) values (?)', [userId]);
    await conn.commit();
    conn.release();
  } catch (error) {
    await conn.rollback();
    conn.release();
    throw error;
  }
}`,
  },
  {
    name: 'mariadb: rollback and release in catch',
    code: `${MARIADB}
export async function reserve(sku: string) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update stock set count = count - 1 where sku = ?', [sku]);
    await conn.commit();
    await conn.release();
  } catch (error) {
    await conn.rollback();
    await conn.release();
    throw error;
  }
}`,
  },
];

export const invalid: Invalid[] = [
  {
    name: 'pg: plain release() in catch after a failed query',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // A ROLLBACK whose failure is swallowed proves nothing: the release may return a dead client.
    name: 'pg: release() in catch after a ROLLBACK whose own failure is swallowed',
    code: `${PG}
export async function move(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update orders set moved = true where id = $1', [id]);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 15,
        column: 5,
        endLine: 15,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: 'client', replacement: '`client.release(error)`' },
            output: `${PG}
export async function move(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update orders set moved = true where id = $1', [id]);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: catch without a binding releases plainly',
    code: `${PG}
export async function tryLoad(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch {
    client.release();
    return [];
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(true)`" },
            output: `${PG}
export async function tryLoad(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    client.release();
    return rows;
  } catch {
    client.release(true);
    return [];
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: release(false) is a plain release',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(false);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: release(undefined) is a plain release',
    code: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(undefined);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: the error is only logged, then the client goes back',
    code: `${PG}
export async function refresh() {
  const client = await pool.connect();
  try {
    await client.query('refresh materialized view daily_totals');
    client.release();
  } catch (error) {
    log.error('refresh failed', error);
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function refresh() {
  const client = await pool.connect();
  try {
    await client.query('refresh materialized view daily_totals');
    client.release();
  } catch (error) {
    log.error('refresh failed', error);
    client.release(error);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a client parameter released plainly in catch',
    code: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
    client.release();
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function finish(client: PoolClient, id: string) {
  try {
    await client.query('update jobs set finished_at = now() where id = $1', [id]);
    client.release();
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: let client assigned in the try, released in the catch',
    code: `${PG}
export async function audit(entry: string) {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('insert into audit (entry) values ($1)', [entry]);
    client.release();
  } catch (error) {
    client?.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client?.release(error)`" },
            output: `${PG}
export async function audit(entry: string) {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('insert into audit (entry) values ($1)', [entry]);
    client.release();
  } catch (error) {
    client?.release(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: an Express handler answers 500 and returns the client',
    code: `${PG}
interface Res { status(code: number): Res; json(body: unknown): void }
export async function getUser(req: { params: { id: string } }, res: Res) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [req.params.id]);
    client.release();
    res.json(rows[0]);
  } catch (error) {
    client.release();
    res.status(500).json({ error: String(error) });
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 14,
        column: 5,
        endLine: 14,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
interface Res { status(code: number): Res; json(body: unknown): void }
export async function getUser(req: { params: { id: string } }, res: Res) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [req.params.id]);
    client.release();
    res.json(rows[0]);
  } catch (error) {
    client.release(error);
    res.status(500).json({ error: String(error) });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: .catch() handler releases plainly',
    code: `${PG}
export function load(id: string) {
  return pool.connect().then((client) =>
    client
      .query('select * from orders where id = $1', [id])
      .then((result) => {
        client.release();
        return result.rows;
      })
      .catch((error: Error) => {
        client.release();
        throw error;
      }),
  );
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 15,
        column: 9,
        endLine: 15,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export function load(id: string) {
  return pool.connect().then((client) =>
    client
      .query('select * from orders where id = $1', [id])
      .then((result) => {
        client.release();
        return result.rows;
      })
      .catch((error: Error) => {
        client.release(error);
        throw error;
      }),
  );
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: the catch tests something other than the error',
    code: `${PG}
export async function load(id: string, retry: boolean) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    if (retry) {
      client.release();
      return load(id, false);
    }
    client.release(error as Error);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 12,
        column: 7,
        endLine: 12,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function load(id: string, retry: boolean) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from orders where id = $1', [id])).rows;
  } catch (error) {
    if (retry) {
      client.release(error);
      return load(id, false);
    }
    client.release(error as Error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: release inside a loop body in the catch',
    code: `${PG}
export async function drain(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('delete from queue where id = $1', [id]);
      client.release();
    } catch (error) {
      log.error('drain failed', error);
      client.release();
    }
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 14,
        column: 7,
        endLine: 14,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function drain(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('delete from queue where id = $1', [id]);
      client.release();
    } catch (error) {
      log.error('drain failed', error);
      client.release(error);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a class method releases its client plainly in catch',
    code: `${PG}
export class OrderRepository {
  constructor(private readonly db: Pool) {}
  async find(id: string) {
    const client = await this.db.connect();
    try {
      const { rows } = await client.query('select * from orders where id = $1', [id]);
      client.release();
      return rows[0];
    } catch (error) {
      client.release();
      throw error;
    }
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 15,
        column: 7,
        endLine: 15,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export class OrderRepository {
  constructor(private readonly db: Pool) {}
  async find(id: string) {
    const client = await this.db.connect();
    try {
      const { rows } = await client.query('select * from orders where id = $1', [id]);
      client.release();
      return rows[0];
    } catch (error) {
      client.release(error);
      throw error;
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: errors=any reports a catch whose try did not use the client',
    code: `${PG}
export async function create(input: unknown) {
  const client = await pool.connect();
  let order: { id: string };
  try {
    order = validate(input);
  } catch (error) {
    client.release();
    throw error;
  }
  try {
    await client.query('insert into orders (id) values ($1)', [order.id]);
  } finally {
    client.release();
  }
}`,
    options: [{ errors: 'any' }],
    errors: [
      {
        messageId: 'releasedBroken',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function create(input: unknown) {
  const client = await pool.connect();
  let order: { id: string };
  try {
    order = validate(input);
  } catch (error) {
    client.release(error);
    throw error;
  }
  try {
    await client.query('insert into orders (id) values ($1)', [order.id]);
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
    name: 'mysql2: release() in catch instead of destroy()',
    code: `${MYSQL}
export async function ping() {
  const conn = await pool.getConnection();
  try {
    await conn.ping();
    conn.release();
  } catch (error) {
    conn.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MYSQL}
export async function ping() {
  const conn = await pool.getConnection();
  try {
    await conn.ping();
    conn.release();
  } catch (error) {
    conn.destroy();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: pool.releaseConnection(conn) in catch',
    code: `${MYSQL}
export async function countOrders() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select count(*) as n from orders');
    pool.releaseConnection(conn);
    return rows;
  } catch (error) {
    pool.releaseConnection(conn);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MYSQL}
export async function countOrders() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select count(*) as n from orders');
    pool.releaseConnection(conn);
    return rows;
  } catch (error) {
    conn.destroy();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: deprecated end() on a pooled connection in catch',
    code: `${MYSQL}
export async function touch(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.execute('update users set seen_at = now() where id = ?', [id]);
    conn.release();
  } catch (error) {
    await conn.end();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MYSQL}
export async function touch(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.execute('update users set seen_at = now() where id = ?', [id]);
    conn.release();
  } catch (error) {
    await conn.destroy();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: the catch returns a fallback and releases plainly',
    code: `${MYSQL}
export async function settings(userId: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select * from settings where user_id = ?', [userId]);
    conn.release();
    return rows;
  } catch {
    conn.release();
    return [];
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MYSQL}
export async function settings(userId: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select * from settings where user_id = ?', [userId]);
    conn.release();
    return rows;
  } catch {
    conn.destroy();
    return [];
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: release() in catch',
    code: `${MARIADB}
export async function listProducts() {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select * from products');
    await conn.release();
    return rows;
  } catch (error) {
    await conn.release();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MARIADB}
export async function listProducts() {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select * from products');
    await conn.release();
    return rows;
  } catch (error) {
    await conn.destroy();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'generic-pool: pool.release(conn) in catch',
    code: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  try {
    const rows = await conn.query(text);
    await pool.release(conn);
    return rows;
  } catch (error) {
    await pool.release(conn);
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 12,
        column: 11,
        endLine: 12,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "resource", replacement: "`pool.destroy(conn)`" },
            output: `${GENERIC_POOL}
export async function query(text: string) {
  const conn = await pool.acquire();
  try {
    const rows = await conn.query(text);
    await pool.release(conn);
    return rows;
  } catch (error) {
    await pool.destroy(conn);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: .catch() handler releases plainly',
    code: `${MARIADB}
export function listProducts() {
  return pool.getConnection().then((conn) =>
    conn
      .query('select * from products')
      .then(async (rows) => {
        await conn.release();
        return rows;
      })
      .catch(async (error: unknown) => {
        await conn.release();
        throw error;
      }),
  );
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 15,
        endLine: 13,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'callBrokenRelease',
            data: { noun: "connection", replacement: "`conn.destroy()`" },
            output: `${MARIADB}
export function listProducts() {
  return pool.getConnection().then((conn) =>
    conn
      .query('select * from products')
      .then(async (rows) => {
        await conn.release();
        return rows;
      })
      .catch(async (error: unknown) => {
        await conn.destroy();
        throw error;
      }),
  );
}`,
          },
        ],
      },
    ],
  },

  {
    name: 'pg: nested try: the inner catch releases plainly after a failed query',
    code: `${PG}
export async function importRows(rows: string[][]) {
  const client = await pool.connect();
  for (const row of rows) {
    try {
      await client.query('insert into staging values ($1, $2)', row);
    } catch (error) {
      log.error('import stopped', error);
      client.release();
      return false;
    }
  }
  client.release();
  return true;
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 13,
        column: 7,
        endLine: 13,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function importRows(rows: string[][]) {
  const client = await pool.connect();
  for (const row of rows) {
    try {
      await client.query('insert into staging values ($1, $2)', row);
    } catch (error) {
      log.error('import stopped', error);
      client.release(error);
      return false;
    }
  }
  client.release();
  return true;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: both catch blocks of two separate statements release plainly',
    code: `${PG}
export async function twoSteps(id: string) {
  const client = await pool.connect();
  try {
    await client.query('update a set x = 1 where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  }
  try {
    await client.query('update b set y = 1 where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  }
  client.release();
}`,
    errors: [
      {
        messageId: 'releasedBroken',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function twoSteps(id: string) {
  const client = await pool.connect();
  try {
    await client.query('update a set x = 1 where id = $1', [id]);
  } catch (error) {
    client.release(error);
    throw error;
  }
  try {
    await client.query('update b set y = 1 where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  }
  client.release();
}`,
          },
        ],
      },
      {
        messageId: 'releasedBroken',
        line: 17,
        column: 5,
        endLine: 17,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'passError',
            data: { noun: "client", replacement: "`client.release(error)`" },
            output: `${PG}
export async function twoSteps(id: string) {
  const client = await pool.connect();
  try {
    await client.query('update a set x = 1 where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  }
  try {
    await client.query('update b set y = 1 where id = $1', [id]);
  } catch (error) {
    client.release(error);
    throw error;
  }
  client.release();
}`,
          },
        ],
      },
    ],
  },
];
