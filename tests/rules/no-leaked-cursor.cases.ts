/**
 * Cases for `no-leaked-cursor`, shared by the rule test and the fixture type-check test. Every
 * snippet starts with a header that imports the library's real typings, so line numbers in
 * `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-leaked-cursor.js';

const PG = `import { Pool, type PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import QueryStream from 'pg-query-stream';
declare const pool: Pool;
declare function send(rows: unknown[]): Promise<boolean>;
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MARIADB = `import * as mariadb from 'mariadb';
declare const pool: mariadb.Pool;
`;
const MONGO = `import { MongoClient } from 'mongodb';
declare const mongo: MongoClient;
const orders = mongo.db('shop').collection<{ id: number; status: string }>('orders');
`;
const ORACLE = `import oracledb from 'oracledb';
declare const connection: oracledb.Connection;
`;
const TYPEORM = `import { DataSource } from 'typeorm';
declare const dataSource: DataSource;
`;
const KNEX = `import type { Knex } from 'knex';
declare const knex: Knex;
`;
const MSSQL = `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
`;

const SQLITE = `import Database from 'better-sqlite3';
declare const db: Database.Database;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // brianc/node-postgres#2013, the maintainer's workaround: the stream runs on a client that is released.
    name: 'pg-query-stream: a stream on a client from pool.connect(), released in finally',
    code: `${PG}
export async function countEvents() {
  const client = await pool.connect();
  try {
    let count = 0;
    for await (const _row of client.query(new QueryStream('select * from events'))) {
      count += 1;
    }
    return count;
  } finally {
    client.release();
  }
}`,
  },
  // --- pg-cursor -------------------------------------------------------------------------
  {
    name: 'pg-cursor: closed in finally',
    code: `${PG}
export async function exportEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    let rows = await cursor.read(100);
    while (rows.length > 0) {
      await send(rows);
      rows = await cursor.read(100);
    }
  } finally {
    await cursor.close();
  }
}`,
  },
  {
    name: 'pg-cursor: read to the end in the loop test closes the portal by itself',
    code: `${PG}
export async function countEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  let total = 0;
  let rows: unknown[];
  while ((rows = await cursor.read(500)).length) {
    total += rows.length;
  }
  return total;
}`,
  },
  {
    name: 'pg-cursor: an empty read breaks out of the loop, the cursor is exhausted',
    code: `${PG}
export async function countEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  let total = 0;
  for (;;) {
    const rows = await cursor.read(500);
    if (rows.length === 0) break;
    total += rows.length;
  }
  return total;
}`,
  },
  {
    name: 'pg-cursor: a short read means the last batch',
    code: `${PG}
export async function countEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  let total = 0;
  for (;;) {
    const rows = await cursor.read(500);
    total += rows.length;
    if (rows.length < 500) break;
  }
  return total;
}`,
  },
  {
    name: 'pg-cursor: the cursor returned to the caller',
    code: `${PG}
export function openEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  return cursor;
}`,
  },
  {
    name: 'pg-cursor: an early return closes first',
    code: `${PG}
export async function firstBatch(client: PoolClient, wanted: boolean) {
  const cursor = client.query(new Cursor('select * from events'));
  if (!wanted) {
    await cursor.close();
    return [];
  }
  try {
    return await cursor.read(10);
  } finally {
    await cursor.close();
  }
}`,
  },
  {
    name: 'pg-cursor: a failed read ends the query, so closing in the happy path is enough',
    code: `${PG}
export async function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  const rows = await cursor.read(10);
  await cursor.close();
  return rows;
}`,
  },
  {
    name: 'pg-cursor: the callback form of close',
    code: `${PG}
export function drop(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  cursor.close(() => undefined);
}`,
  },
  {
    name: 'pg: a plain query on the pool is not a cursor',
    code: `${PG}
export async function count() {
  const { rows } = await pool.query('select count(*) from events');
  return rows[0];
}`,
  },
  // --- pg-query-stream ---------------------------------------------------------------------
  {
    name: 'pg-query-stream: for await reads to the end, and break closes it',
    code: `${PG}
export async function firstMatch(client: PoolClient, id: number) {
  const stream = client.query(new QueryStream('select * from events'));
  for await (const row of stream) {
    if ((row as { id: number }).id === id) {
      return row;
    }
  }
  return undefined;
}`,
  },
  {
    name: 'pg-query-stream: piped into the response',
    code: `${PG}
export function exportEvents(client: PoolClient, response: NodeJS.WritableStream) {
  const stream = client.query(new QueryStream('select * from events'));
  stream.pipe(response);
}`,
  },
  {
    name: 'pg-query-stream: handed to stream.pipeline',
    code: `${PG}
import { pipeline } from 'node:stream/promises';
export async function exportEvents(client: PoolClient, response: NodeJS.WritableStream) {
  const stream = client.query(new QueryStream('select * from events'));
  await pipeline(stream, response);
}`,
  },
  {
    name: 'pg-query-stream: a data listener reads it to the end',
    code: `${PG}
export function countEvents(client: PoolClient, done: (n: number) => void) {
  const stream = client.query(new QueryStream('select * from events'));
  let total = 0;
  stream.on('data', () => total++);
  stream.on('end', () => done(total));
}`,
  },
  {
    name: 'pg-query-stream: destroyed on the early exit',
    code: `${PG}
export async function maybeExport(client: PoolClient, enabled: () => Promise<boolean>, response: NodeJS.WritableStream) {
  const stream = client.query(new QueryStream('select * from events'));
  if (!(await enabled().catch(() => false))) {
    stream.destroy();
    return;
  }
  stream.pipe(response);
}`,
  },
  {
    name: 'pg-query-stream: await using destroys it',
    code: `${PG}
export async function firstRow(client: PoolClient) {
  await using stream = client.query(new QueryStream('select * from events'));
  for await (const row of stream) {
    return row;
  }
  return undefined;
}`,
  },
  // --- mysql2 / mariadb prepared statements --------------------------------------------------
  {
    name: 'mysql2: a statement prepared once, closed in finally',
    code: `${MYSQL}
export async function insertAll(conn: mysql.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  try {
    for (const row of rows) {
      await statement.execute(row);
    }
  } finally {
    await statement.close();
  }
}`,
  },
  {
    name: 'mysql2: execute() prepares and caches by itself',
    code: `${MYSQL}
export async function insertAll(conn: mysql.PoolConnection, rows: [string, number][]) {
  for (const row of rows) {
    await conn.execute('insert into items (name, qty) values (?, ?)', row);
  }
}`,
  },
  {
    name: 'mysql2: a statement returned to the caller',
    code: `${MYSQL}
export async function prepareInsert(conn: mysql.PoolConnection) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  return statement;
}`,
  },
  {
    // mysql2 caches the statement on its connection and returns it for the same SQL: the
    // connection closes it on eviction or when it ends (mysql2 3.24, lib/commands/prepare.js).
    name: 'mysql2: a statement prepared on every iteration stays in the connection cache, not on the server anew',
    code: `${MYSQL}
export async function insertAll(conn: mysql.PoolConnection, rows: [string, number][]) {
  for (const row of rows) {
    const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
    await statement.execute(row);
  }
}`,
  },
  {
    // Dropping a statement from mysql2's cache is `conn.unprepare(sql)`, not `close()`.
    name: 'mysql2: a statement left to the connection cache, dropped with unprepare',
    code: `${MYSQL}
export async function purgeOnce(conn: mysql.PoolConnection) {
  const sql = 'delete from carts where stale';
  const statement = await conn.prepare(sql);
  await statement.execute([]);
  conn.unprepare(sql);
}`,
  },
  {
    name: 'mysql2: a statement prepared and closed inside each iteration',
    code: `${MYSQL}
export async function runEach(conn: mysql.PoolConnection, statements: string[]) {
  for (const text of statements) {
    const statement = await conn.prepare(text);
    try {
      await statement.execute([]);
    } finally {
      await statement.close();
    }
  }
}`,
  },
  {
    name: 'mariadb: a prepared statement closed in finally',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  try {
    for (const row of rows) {
      await statement.execute(row);
    }
  } finally {
    statement.close();
  }
}`,
  },
  {
    name: 'mariadb: a query stream read with for await',
    code: `${MARIADB}
export async function countItems(conn: mariadb.PoolConnection) {
  let total = 0;
  const stream = conn.queryStream('select * from items');
  for await (const row of stream) {
    if (row) total++;
  }
  return total;
}`,
  },
  // --- mssql ----------------------------------------------------------------------------------
  {
    name: 'mssql: prepared statement unprepared in finally',
    code: `${MSSQL}
export async function byId(id: number) {
  const ps = new sql.PreparedStatement(pool);
  ps.input('id', sql.Int);
  await ps.prepare('select * from users where id = @id');
  try {
    return await ps.execute({ id });
  } finally {
    await ps.unprepare();
  }
}`,
  },
  // --- MongoDB ----------------------------------------------------------------------------------
  {
    name: 'MongoDB: toArray() reads the cursor to the end',
    code: `${MONGO}
export async function openOrders() {
  return orders.find({ status: 'open' }).sort({ id: 1 }).toArray();
}`,
  },
  {
    name: 'MongoDB: for await reads to the end, and return closes it',
    code: `${MONGO}
export async function firstLarge(limit: number) {
  const cursor = orders.find({ status: 'open' });
  for await (const order of cursor) {
    if (order.id > limit) {
      return order;
    }
  }
  return null;
}`,
  },
  {
    name: 'MongoDB: a cursor that is never read opens nothing on the server',
    code: `${MONGO}
export async function openOrders(enabled: boolean) {
  const cursor = orders.find({ status: 'open' }).limit(10);
  if (!enabled) {
    return [];
  }
  return cursor.toArray();
}`,
  },
  {
    name: 'MongoDB: builder calls on the cursor open nothing',
    code: `${MONGO}
export async function openOrders(sortById: boolean) {
  const cursor = orders.find({ status: 'open' });
  if (sortById) {
    cursor.sort({ id: 1 });
  }
  return cursor.toArray();
}`,
  },
  {
    name: 'MongoDB: hasNext() in the loop test reads to the end',
    code: `${MONGO}
export async function total() {
  const cursor = orders.aggregate<{ total: number }>([{ $group: { _id: null, total: { $sum: 1 } } }]);
  let sum = 0;
  while (await cursor.hasNext()) {
    const doc = await cursor.next();
    sum += doc?.total ?? 0;
  }
  return sum;
}`,
  },
  {
    name: 'MongoDB: next() until null',
    code: `${MONGO}
export async function ids() {
  const cursor = orders.find({});
  const found: number[] = [];
  let order;
  while ((order = await cursor.next()) !== null) {
    found.push(order.id);
  }
  return found;
}`,
  },
  {
    name: 'MongoDB: manual iteration with close in finally',
    code: `${MONGO}
export async function firstOpen() {
  const cursor = orders.find({ status: 'open' });
  try {
    return await cursor.next();
  } finally {
    await cursor.close();
  }
}`,
  },
  {
    name: 'MongoDB: the cursor returned to the caller',
    code: `${MONGO}
export function openOrders() {
  const cursor = orders.find({ status: 'open' });
  return cursor;
}`,
  },
  {
    name: 'MongoDB: forEach() reads to the end',
    code: `${MONGO}
export async function log() {
  const cursor = orders.find({});
  await cursor.forEach((order) => {
    console.log(order.id);
  });
}`,
  },
  // --- oracledb ---------------------------------------------------------------------------------
  {
    name: 'oracledb: a query stream read with for await',
    code: `${ORACLE}
export async function countRows() {
  const stream = connection.queryStream('select * from items');
  let total = 0;
  for await (const row of stream) {
    if (row) total++;
  }
  return total;
}`,
  },
  {
    name: 'oracledb: a query stream destroyed on the early exit',
    code: `${ORACLE}
export function exportRows(enabled: boolean, out: NodeJS.WritableStream) {
  const stream = connection.queryStream('select * from items');
  if (!enabled) {
    stream.destroy();
    return;
  }
  stream.pipe(out);
}`,
  },
  // --- TypeORM, knex ------------------------------------------------------------------------------
  {
    name: 'TypeORM: the runner’s stream piped, the runner released when it ends',
    code: `${TYPEORM}
export async function exportRows(out: NodeJS.WritableStream) {
  const runner = dataSource.createQueryRunner();
  const stream = await runner.stream('select * from items');
  stream.pipe(out);
  stream.on('end', () => void runner.release());
}`,
  },
  {
    name: 'knex: a stream read with for await',
    code: `${KNEX}
export async function countRows() {
  const stream = knex('items').select('*').stream();
  let total = 0;
  for await (const row of stream) {
    if (row) total++;
  }
  return total;
}`,
  },
  {
    name: 'knex: the handler form manages the stream',
    code: `${KNEX}
export async function exportRows(out: NodeJS.WritableStream) {
  await knex('items').select('*').stream((stream) => {
    stream.pipe(out);
  });
}`,
  },
  {
    name: 'knex: a stream returned to the caller',
    code: `${KNEX}
export function streamRows() {
  const stream = knex('items').select('*').stream();
  return stream;
}`,
  },
  {
    name: 'pg-query-stream: destroyed in finally after a partial read',
    code: `${PG}
export async function firstTen(client: PoolClient) {
  const stream = client.query(new QueryStream('select * from events'));
  const rows: unknown[] = [];
  try {
    for await (const row of stream) {
      rows.push(row);
      if (rows.length === 10) break;
    }
  } finally {
    stream.destroy();
  }
  return rows;
}`,
  },
  {
    name: 'pg-cursor: a cursor passed to a project function that closes it',
    code: `${PG}
async function drain(cursor: Cursor) {
  try {
    await send(await cursor.read(100));
  } finally {
    await cursor.close();
  }
}
export async function exportEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  await drain(cursor);
}`,
  },
  {
    name: 'pg-cursor: an empty read returns from the function, the cursor is exhausted',
    code: `${PG}
export async function countEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  let total = 0;
  for (;;) {
    const rows = await cursor.read(500);
    if (!rows.length) return total;
    total += rows.length;
  }
}`,
  },
  {
    name: 'oracledb: a result set from execute({ resultSet: true }) closed in finally',
    code: `${ORACLE}
declare function handle(rows: unknown[]): Promise<void>;
export async function processItems() {
  const result = await connection.execute('select * from items', [], { resultSet: true });
  const resultSet = result.resultSet!;
  try {
    let rows = await resultSet.getRows(100);
    while (rows.length) {
      await handle(rows);
      rows = await resultSet.getRows(100);
    }
  } finally {
    await resultSet.close();
  }
}`,
  },
  {
    name: 'oracledb: execute() without resultSet returns plain rows',
    code: `${ORACLE}
export async function allItems() {
  const result = await connection.execute('select * from items', [], { outFormat: oracledb.OUT_FORMAT_OBJECT });
  return result.rows;
}`,
  },
  {
    name: 'MongoDB: stream() hands the cursor to a Readable that is piped on',
    code: `${MONGO}
export function exportOrders(out: NodeJS.WritableStream) {
  const cursor = orders.find({ status: 'open' });
  cursor.stream().pipe(out);
}`,
  },
  {
    // A document with its own `done` field is no iterator result: `null` still means the end.
    name: 'mongodb: next() until null over documents that have a done field',
    code: `${MONGO}
const todos = mongo.db('app').collection<{ title: string; done: boolean; value: number }>('todos');
export async function sumValues() {
  const cursor = todos.find({});
  let sum = 0;
  let todo;
  while ((todo = await cursor.next()) !== null) {
    sum += todo.value;
  }
  return sum;
}`,
  },
  // --- better-sqlite3 iterators -------------------------------------------------------------
  {
    // Leaving a for…of early calls the iterator's return(), which finishes the statement.
    name: 'better-sqlite3: return from inside for…of over stmt.iterate()',
    code: `${SQLITE}
export function firstAdmin() {
  for (const user of db.prepare<[], { role: string }>('SELECT * FROM users').iterate()) {
    if (user.role === 'admin') return user;
  }
  return undefined;
}`,
  },
  {
    name: 'better-sqlite3: an iterator kept in a variable, then read by for…of with break',
    code: `${SQLITE}
export function countUntil(limit: number) {
  const rows = db.prepare('SELECT * FROM events').iterate();
  let seen = 0;
  for (const _row of rows) {
    if (++seen >= limit) break;
  }
  return seen;
}`,
  },
  {
    // next() until done: the iterator finished its statement.
    name: 'better-sqlite3: next() read until done',
    code: `${SQLITE}
export function printAll(print: (row: unknown) => void) {
  const it = db.prepare('SELECT * FROM events').iterate();
  let result = it.next();
  while (!result.done) {
    print(result.value);
    result = it.next();
  }
}`,
  },
  {
    name: 'better-sqlite3: a generator delegating to the iterator',
    code: `${SQLITE}
export function* events() {
  yield* db.prepare('SELECT * FROM events').iterate();
}`,
  },
  {
    name: 'better-sqlite3: the iterator is returned to the caller',
    code: `${SQLITE}
export function eventRows() {
  const rows = db.prepare('SELECT * FROM events').iterate();
  return rows;
}`,
  },

];

export const invalid: Invalid[] = [
  // --- pg-cursor -------------------------------------------------------------------------
  {
    name: 'pg-cursor: an early return inside the read loop leaves the portal open',
    code: `${PG}
export async function exportUntilRefused(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  for (;;) {
    const rows = await cursor.read(100);
    if (rows.length === 0) break;
    if (!(await send(rows))) return false;
  }
  return true;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function exportUntilRefused(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    for (;;) {
      const rows = await cursor.read(100);
      if (rows.length === 0) break;
      if (!(await send(rows))) return false;
    }
    return true;
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: the consumer throws and nothing closes the cursor',
    code: `${PG}
export async function exportEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  let rows = await cursor.read(100);
  while (rows.length > 0) {
    await send(rows);
    rows = await cursor.read(100);
  }
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function exportEvents(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    let rows = await cursor.read(100);
    while (rows.length > 0) {
      await send(rows);
      rows = await cursor.read(100);
    }
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: one batch read and the cursor dropped',
    code: `${PG}
export async function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  return cursor.read(10);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    return await cursor.read(10);
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: closed only on the happy path after a throwing consumer',
    code: `${PG}
export async function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  const rows = await cursor.read(10);
  await send(rows);
  await cursor.close();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    const rows = await cursor.read(10);
    await send(rows);
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: a cursor on the pool checks out a client that is never released',
    code: `${PG}
export async function exportEvents() {
  const cursor = pool.query(new Cursor('select * from events'));
  try {
    await send(await cursor.read(100));
  } finally {
    await cursor.close();
  }
}`,
    errors: [
      {
        messageId: 'cursorOnPool',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 64,
      },
    ],
  },
  {
    // brianc/node-postgres#2013: the stream comes back, the client it runs on never does.
    name: 'pg-query-stream: a stream on the pool checks out a client that is never released',
    code: `${PG}
export async function countEvents() {
  const stream = pool.query(new QueryStream('select * from events'));
  let count = 0;
  for await (const _row of stream) {
    count += 1;
  }
  return count;
}`,
    errors: [{ messageId: 'cursorOnPool', line: 8, column: 18 }],
  },
  {
    name: 'pg-cursor: a cursor opened for every id in a loop and never closed',
    code: `${PG}
export async function firstOfEach(client: PoolClient, ids: number[]) {
  const firsts: unknown[] = [];
  for (const id of ids) {
    const cursor = client.query(new Cursor('select * from events where owner = $1', [id]));
    firsts.push(...(await cursor.read(1)));
  }
  return firsts;
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 10,
        column: 20,
        endLine: 10,
        endColumn: 91,
      },
    ],
  },
  {
    name: 'pg-cursor: continue skips the close at the end of the iteration',
    code: `${PG}
export async function firstOfEach(client: PoolClient, ids: number[]) {
  const firsts: unknown[] = [];
  for (const id of ids) {
    const cursor = client.query(new Cursor('select * from events where owner = $1', [id]));
    const rows = await cursor.read(1);
    if (rows.length === 1 && !(await send(rows).catch(() => false))) continue;
    firsts.push(...rows);
    await cursor.close();
  }
  return firsts;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 10,
        column: 20,
        endLine: 10,
        endColumn: 91,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function firstOfEach(client: PoolClient, ids: number[]) {
  const firsts: unknown[] = [];
  for (const id of ids) {
    const cursor = client.query(new Cursor('select * from events where owner = $1', [id]));
    try {
      const rows = await cursor.read(1);
      if (rows.length === 1 && !(await send(rows).catch(() => false))) continue;
      firsts.push(...rows);
    } finally {
      await cursor.close();
    }
  }
  return firsts;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: the query result is dropped',
    code: `${PG}
export function touch(client: PoolClient) {
  client.query(new Cursor('select * from events'));
}`,
    errors: [
      {
        messageId: 'discarded',
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 51,
      },
    ],
  },
  {
    name: 'pg-cursor: a throw after a partial read',
    code: `${PG}
export async function exportEvents(client: PoolClient, limit: number) {
  const cursor = client.query(new Cursor('select * from events'));
  const rows = await cursor.read(limit);
  if (rows.length === limit) {
    throw new Error('too many events');
  }
  await cursor.close();
  return rows;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function exportEvents(client: PoolClient, limit: number) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    const rows = await cursor.read(limit);
    if (rows.length === limit) {
      throw new Error('too many events');
    }
    return rows;
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-cursor: a while loop that returns before the cursor is exhausted',
    code: `${PG}
export async function findEvent(client: PoolClient, id: number) {
  const cursor = client.query(new Cursor('select * from events'));
  let rows: { id: number }[];
  while ((rows = await cursor.read(100)).length) {
    const found = rows.find((row) => row.id === id);
    if (found) return found;
  }
  return undefined;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function findEvent(client: PoolClient, id: number) {
  const cursor = client.query(new Cursor('select * from events'));
  try {
    let rows: { id: number }[];
    while ((rows = await cursor.read(100)).length) {
      const found = rows.find((row) => row.id === id);
      if (found) return found;
    }
    return undefined;
  } finally {
    await cursor.close();
  }
}`,
          },
        ],
      },
    ],
  },
  // --- pg-query-stream ---------------------------------------------------------------------
  {
    name: 'pg-query-stream: an early return before the stream is piped',
    code: `${PG}
export async function maybeExport(client: PoolClient, enabled: () => Promise<boolean>, response: NodeJS.WritableStream) {
  const stream = client.query(new QueryStream('select * from events'));
  if (!(await enabled().catch(() => false))) {
    return;
  }
  stream.pipe(response);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function maybeExport(client: PoolClient, enabled: () => Promise<boolean>, response: NodeJS.WritableStream) {
  const stream = client.query(new QueryStream('select * from events'));
  try {
    if (!(await enabled().catch(() => false))) {
      return;
    }
  } finally {
    stream.destroy();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${PG}
export async function maybeExport(client: PoolClient, enabled: () => Promise<boolean>, response: NodeJS.WritableStream) {
  await using stream = client.query(new QueryStream('select * from events'));
  if (!(await enabled().catch(() => false))) {
    return;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-query-stream: a stream that is never read',
    code: `${PG}
export function exportEvents(client: PoolClient) {
  const stream = client.query(new QueryStream('select * from events'));
  stream.on('error', (error) => console.error(error));
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export function exportEvents(client: PoolClient) {
  const stream = client.query(new QueryStream('select * from events'));
  try {
    stream.on('error', (error) => console.error(error));
  } finally {
    stream.destroy();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-query-stream: a manual read() that stops after the first row',
    code: `${PG}
export function firstRow(client: PoolClient) {
  const stream = client.query(new QueryStream('select * from events'));
  return new Promise((resolve) => {
    stream.once('readable', () => resolve(stream.read()));
  });
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 71,
        // No try/finally suggestion: destroying it before the promise settles would cut the read.
      },
    ],
  },
  {
    name: 'pg-query-stream: a throw between creation and piping',
    code: `${PG}
export async function exportEvents(client: PoolClient, response: NodeJS.WritableStream, check: () => Promise<void>) {
  const stream = client.query(new QueryStream('select * from events'));
  await check();
  stream.pipe(response);
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function exportEvents(client: PoolClient, response: NodeJS.WritableStream, check: () => Promise<void>) {
  const stream = client.query(new QueryStream('select * from events'));
  try {
    await check();
  } finally {
    stream.destroy();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${PG}
export async function exportEvents(client: PoolClient, response: NodeJS.WritableStream, check: () => Promise<void>) {
  await using stream = client.query(new QueryStream('select * from events'));
  await check();
}`,
          },
        ],
      },
    ],
  },
  // --- mysql2 / mariadb prepared statements --------------------------------------------------
  {
    name: 'mariadb: a statement prepared on every iteration and never closed',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  for (const row of rows) {
    const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
    await statement.execute(row);
  }
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 6,
        column: 29,
        endLine: 6,
        endColumn: 88,
      },
    ],
  },
  {
    name: 'mariadb: a statement never closed',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  for (const row of rows) {
    await statement.execute(row);
  }
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 27,
        endLine: 5,
        endColumn: 86,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  try {
    for (const row of rows) {
      await statement.execute(row);
    }
  } finally {
    statement.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: closed after the loop, but a failing row skips it',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  for (const row of rows) {
    await statement.execute(row);
  }
  await statement.close();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        column: 27,
        endLine: 5,
        endColumn: 86,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  try {
    for (const row of rows) {
      await statement.execute(row);
    }
  } finally {
    statement.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: an early return before close',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  if (rows.length === 0) {
    return 0;
  }
  try {
    for (const row of rows) {
      await statement.execute(row);
    }
  } finally {
    await statement.close();
  }
  return rows.length;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 27,
        endLine: 5,
        endColumn: 86,
      },
    ],
  },
  {
    name: 'mariadb: a prepared statement overwritten by the next prepare',
    code: `${MARIADB}
export async function runBoth(conn: mariadb.PoolConnection) {
  let statement = await conn.prepare('delete from carts where stale');
  await statement.execute([]).catch(() => undefined);
  statement = await conn.prepare('delete from sessions where stale');
  try {
    await statement.execute([]);
  } finally {
    await statement.close();
  }
}`,
    errors: [
      {
        messageId: 'overwritten',
        line: 5,
        column: 25,
        endLine: 5,
        endColumn: 70,
      },
    ],
  },
  {
    name: 'mariadb: a statement prepared in a while loop and never closed',
    code: `${MARIADB}
export async function insertAll(conn: mariadb.PoolConnection, rows: [string, number][]) {
  let index = 0;
  while (index < rows.length) {
    const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
    await statement.execute(rows[index]);
    index++;
  }
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 7,
        column: 29,
        endLine: 7,
        endColumn: 88,
      },
    ],
  },
  {
    name: 'mariadb: a statement not closed when execute fails',
    code: `${MARIADB}
export async function insertOne(conn: mariadb.PoolConnection, row: [string, number]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  await statement.execute(row);
  statement.close();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        column: 27,
        endLine: 5,
        endColumn: 86,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MARIADB}
export async function insertOne(conn: mariadb.PoolConnection, row: [string, number]) {
  const statement = await conn.prepare('insert into items (name, qty) values (?, ?)');
  try {
    await statement.execute(row);
  } finally {
    statement.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: a query stream abandoned on an early return',
    code: `${MARIADB}
export async function firstItem(conn: mariadb.PoolConnection, enabled: boolean) {
  const stream = conn.queryStream('select * from items');
  if (!enabled) {
    return null;
  }
  for await (const row of stream) {
    return row;
  }
  return null;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 57,
      },
    ],
  },
  // --- mssql ----------------------------------------------------------------------------------
  {
    name: 'mssql: prepared statement never unprepared when execute fails',
    code: `${MSSQL}
export async function byId(id: number) {
  const ps = new sql.PreparedStatement(pool);
  ps.input('id', sql.Int);
  await ps.prepare('select * from users where id = @id');
  const result = await ps.execute({ id });
  await ps.unprepare();
  return result;
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 57,
      },
    ],
  },
  {
    name: 'mssql: a prepared statement for every row, never unprepared',
    code: `${MSSQL}
export async function insertAll(names: string[]) {
  for (const name of names) {
    const ps = new sql.PreparedStatement(pool);
    ps.input('name', sql.NVarChar);
    await ps.prepare('insert into users (name) values (@name)');
    await ps.execute({ name });
  }
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 64,
      },
    ],
  },
  // --- MongoDB ----------------------------------------------------------------------------------
  {
    name: 'MongoDB: a cursor read by hand and abandoned on an early return',
    code: `${MONGO}
export async function firstTwoOpen() {
  const cursor = orders.find({ status: 'open' });
  const first = await cursor.next();
  if (!first) {
    return [];
  }
  const second = await cursor.next();
  return second ? [first, second] : [first];
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function firstTwoOpen() {
  const cursor = orders.find({ status: 'open' });
  try {
    const first = await cursor.next();
    if (!first) {
      return [];
    }
    const second = await cursor.next();
    return second ? [first, second] : [first];
  } finally {
    await cursor.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${MONGO}
export async function firstTwoOpen() {
  await using cursor = orders.find({ status: 'open' });
  const first = await cursor.next();
  if (!first) {
    return [];
  }
  const second = await cursor.next();
  return second ? [first, second] : [first];
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: hasNext() loop left by return',
    code: `${MONGO}
export async function findLarge(limit: number) {
  const cursor = orders.find({});
  while (await cursor.hasNext()) {
    const order = await cursor.next();
    if (order && order.id > limit) {
      return order;
    }
  }
  return null;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function findLarge(limit: number) {
  const cursor = orders.find({});
  try {
    while (await cursor.hasNext()) {
      const order = await cursor.next();
      if (order && order.id > limit) {
        return order;
      }
    }
    return null;
  } finally {
    await cursor.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${MONGO}
export async function findLarge(limit: number) {
  await using cursor = orders.find({});
  while (await cursor.hasNext()) {
    const order = await cursor.next();
    if (order && order.id > limit) {
      return order;
    }
  }
  return null;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: an aggregation cursor read once and dropped',
    code: `${MONGO}
export async function topStatus() {
  const cursor = orders.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1 } }]);
  const top = await cursor.next();
  return top?._id;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 134,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function topStatus() {
  const cursor = orders.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1 } }]);
  try {
    const top = await cursor.next();
    return top?._id;
  } finally {
    await cursor.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${MONGO}
export async function topStatus() {
  await using cursor = orders.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1 } }]);
  const top = await cursor.next();
  return top?._id;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: a sorted cursor read by hand; the consumer throws',
    code: `${MONGO}
declare function handle(order: unknown): Promise<void>;
export async function processAll() {
  const cursor = orders.find({ status: 'open' }).sort({ id: 1 });
  let order;
  while ((order = await cursor.next()) !== null) {
    await handle(order);
  }
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
declare function handle(order: unknown): Promise<void>;
export async function processAll() {
  const cursor = orders.find({ status: 'open' }).sort({ id: 1 });
  try {
    let order;
    while ((order = await cursor.next()) !== null) {
      await handle(order);
    }
  } finally {
    await cursor.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${MONGO}
declare function handle(order: unknown): Promise<void>;
export async function processAll() {
  await using cursor = orders.find({ status: 'open' }).sort({ id: 1 });
  let order;
  while ((order = await cursor.next()) !== null) {
    await handle(order);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: break out of a manual next() loop',
    code: `${MONGO}
export async function firstBatch(size: number) {
  const cursor = orders.find({});
  const batch: unknown[] = [];
  for (;;) {
    const order = await cursor.next();
    if (order === null) break;
    batch.push(order);
    if (batch.length === size) break;
  }
  return batch;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function firstBatch(size: number) {
  const cursor = orders.find({});
  try {
    const batch: unknown[] = [];
    for (;;) {
      const order = await cursor.next();
      if (order === null) break;
      batch.push(order);
      if (batch.length === size) break;
    }
    return batch;
  } finally {
    await cursor.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${MONGO}
export async function firstBatch(size: number) {
  await using cursor = orders.find({});
  const batch: unknown[] = [];
  for (;;) {
    const order = await cursor.next();
    if (order === null) break;
    batch.push(order);
    if (batch.length === size) break;
  }
  return batch;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: a cursor opened for every customer and abandoned',
    code: `${MONGO}
export async function latestOfEach(customers: number[]) {
  const latest: unknown[] = [];
  for (const id of customers) {
    const cursor = orders.find({ id }).sort({ id: -1 });
    latest.push(await cursor.next());
  }
  return latest;
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 8,
        column: 20,
        endLine: 8,
        endColumn: 39,
      },
    ],
  },
  // --- oracledb ---------------------------------------------------------------------------------
  {
    name: 'oracledb: a query stream abandoned on an early return',
    code: `${ORACLE}
export function exportRows(enabled: boolean, out: NodeJS.WritableStream) {
  const stream = connection.queryStream('select * from items');
  if (!enabled) {
    return;
  }
  stream.pipe(out);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
export function exportRows(enabled: boolean, out: NodeJS.WritableStream) {
  const stream = connection.queryStream('select * from items');
  try {
    if (!enabled) {
      return;
    }
  } finally {
    stream.destroy();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'oracledb: a query stream never read',
    code: `${ORACLE}
export function openRows() {
  const stream = connection.queryStream('select * from items');
  stream.on('error', () => undefined);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
export function openRows() {
  const stream = connection.queryStream('select * from items');
  try {
    stream.on('error', () => undefined);
  } finally {
    stream.destroy();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'oracledb: a result set from a project helper, closed only on the happy path',
    code: `${ORACLE}
declare function openItems(): Promise<oracledb.ResultSet<unknown>>;
declare function handle(rows: unknown[]): Promise<void>;
export async function processItems() {
  const resultSet = await openItems();
  await handle(await resultSet.getRows(100));
  await resultSet.close();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 7,
        column: 27,
        endLine: 7,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
declare function openItems(): Promise<oracledb.ResultSet<unknown>>;
declare function handle(rows: unknown[]): Promise<void>;
export async function processItems() {
  const resultSet = await openItems();
  try {
    await handle(await resultSet.getRows(100));
  } finally {
    await resultSet.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${ORACLE}
declare function openItems(): Promise<oracledb.ResultSet<unknown>>;
declare function handle(rows: unknown[]): Promise<void>;
export async function processItems() {
  await using resultSet = await openItems();
  await handle(await resultSet.getRows(100));
}`,
          },
        ],
      },
    ],
  },
  // --- TypeORM, knex ------------------------------------------------------------------------------
  {
    name: 'TypeORM: the runner’s stream abandoned on an early return',
    code: `${TYPEORM}
export async function exportRows(out: NodeJS.WritableStream, enabled: boolean) {
  const runner = dataSource.createQueryRunner();
  try {
    const stream = await runner.stream('select * from items');
    if (!enabled) {
      return;
    }
    stream.pipe(out);
  } finally {
    await runner.release();
  }
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}
export async function exportRows(out: NodeJS.WritableStream, enabled: boolean) {
  const runner = dataSource.createQueryRunner();
  try {
    const stream = await runner.stream('select * from items');
    try {
      if (!enabled) {
        return;
      }
    } finally {
      stream.destroy();
    }
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
    name: 'knex: a stream abandoned on an early return',
    code: `${KNEX}
export function exportRows(out: NodeJS.WritableStream, enabled: boolean) {
  const stream = knex('items').select('*').stream();
  if (!enabled) {
    return;
  }
  stream.pipe(out);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${KNEX}
export function exportRows(out: NodeJS.WritableStream, enabled: boolean) {
  const stream = knex('items').select('*').stream();
  try {
    if (!enabled) {
      return;
    }
  } finally {
    stream.destroy();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a stream never read',
    code: `${KNEX}
export function openRows() {
  const stream = knex('items').select('*').stream();
  stream.on('error', () => undefined);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${KNEX}
export function openRows() {
  const stream = knex('items').select('*').stream();
  try {
    stream.on('error', () => undefined);
  } finally {
    stream.destroy();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a stream created for every table in a loop and never read',
    code: `${KNEX}
export function openAll(tables: string[]) {
  for (const table of tables) {
    const stream = knex(table).select('*').stream();
    stream.on('error', () => undefined);
  }
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'pg-cursor: closed only in then(), not when the read rejects',
    code: `${PG}
export function firstBatch(client: PoolClient) {
  const cursor = client.query(new Cursor('select * from events'));
  return send([]).then(() => cursor.close());
}`,
    errors: [
      {
        messageId: 'releasedOnlyOnFulfilled',
        line: 8,
        column: 18,
        endLine: 8,
        endColumn: 66,
      },
    ],
  },
  {
    name: 'pg-query-stream: a stream per id in a loop, abandoned',
    code: `${PG}
export function openAll(client: PoolClient, ids: number[]) {
  for (const id of ids) {
    const stream = client.query(new QueryStream('select * from events where owner = $1', [id]));
    stream.on('error', () => undefined);
  }
}`,
    errors: [
      {
        messageId: 'createdInLoop',
        line: 9,
        column: 20,
        endLine: 9,
        endColumn: 96,
      },
    ],
  },
  {
    name: 'pg-cursor: a cursor on a pool in a project service',
    code: `${PG}
export class EventExporter {
  constructor(private readonly db: Pool) {}
  async exportAll() {
    const cursor = this.db.query(new Cursor('select * from events'));
    let rows = await cursor.read(100);
    while (rows.length) {
      await send(rows).catch(() => false);
      rows = await cursor.read(100);
    }
  }
}`,
    errors: [
      {
        messageId: 'cursorOnPool',
        line: 10,
        column: 20,
        endLine: 10,
        endColumn: 69,
      },
    ],
  },
  {
    name: 'oracledb: a destructured result set read to the end but never closed',
    code: `${ORACLE}
declare function handle(rows: unknown[]): Promise<void>;
export async function processItems() {
  const { resultSet } = await connection.execute('select * from items', [], { resultSet: true });
  let rows = await resultSet!.getRows(100);
  while (rows.length) {
    await handle(rows);
    rows = await resultSet!.getRows(100);
  }
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 31,
        endLine: 6,
        endColumn: 97,
      },
    ],
  },
  {
    name: 'oracledb: a result set closed only when handling succeeds',
    code: `${ORACLE}
declare function handle(rows: unknown[]): Promise<void>;
export async function firstItems() {
  const resultSet = (await connection.execute('select * from items', [], { resultSet: true })).resultSet;
  if (!resultSet) return;
  await handle(await resultSet.getRows(10));
  await resultSet.close();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 94,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
declare function handle(rows: unknown[]): Promise<void>;
export async function firstItems() {
  const resultSet = (await connection.execute('select * from items', [], { resultSet: true })).resultSet;
  try {
    if (!resultSet) return;
    await handle(await resultSet.getRows(10));
  } finally {
    await resultSet.close();
  }
}`,
          },
          {
            messageId: 'useUsing',
            data: { keyword: "await using" },
            output: `${ORACLE}
declare function handle(rows: unknown[]): Promise<void>;
export async function firstItems() {
  await using resultSet = (await connection.execute('select * from items', [], { resultSet: true })).resultSet;
  if (!resultSet) return;
  await handle(await resultSet.getRows(10));
}`,
          },
        ],
      },
    ],
  },
  // --- better-sqlite3 -----------------------------------------------------------------------
  {
    // Until it is finished or returned, every other statement on the connection throws
    // "This database connection is busy executing a query".
    name: 'better-sqlite3: only the first row is read and the iterator is left open',
    code: `${SQLITE}
export function firstEvent() {
  const it = db.prepare('SELECT * FROM events').iterate();
  const first = it.next();
  return first.value;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${SQLITE}
export function firstEvent() {
  const it = db.prepare('SELECT * FROM events').iterate();
  try {
    const first = it.next();
    return first.value;
  } finally {
    it.return?.();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'better-sqlite3: an early return before the loop that would read it',
    code: `${SQLITE}
export function exportRows(enabled: boolean, write: (row: unknown) => void) {
  const rows = db.prepare('SELECT * FROM events').iterate();
  if (!enabled) return;
  for (const row of rows) write(row);
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 16, endLine: 5, endColumn: 60 }],
  },

];
