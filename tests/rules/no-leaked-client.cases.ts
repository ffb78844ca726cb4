/**
 * Cases for `no-leaked-client`, shared by the rule test and the fixture type-check test.
 * Every snippet starts with a header that imports the library's real typings, so line numbers
 * in `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-leaked-client.js';

const PG = `import { Client, Pool, type PoolClient } from 'pg';
declare const pool: Pool;
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MYSQL_CALLBACK = `import mysql from 'mysql2';
declare const pool: mysql.Pool;
`;
const MYSQLJS = `import mysql from 'mysql';
declare const pool: mysql.Pool;
`;
const PG_PROMISE = `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
`;
const PROMISE_MYSQL = `import mysql from 'promise-mysql';
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
const MONGO = `import { type ClientSession, MongoClient } from 'mongodb';
declare const mongo: MongoClient;
`;

const KNEX = `import type { Knex } from 'knex';
declare const knex: Knex;
`;
const SEQUELIZE = `import { Sequelize } from 'sequelize';
declare const sequelize: Sequelize;
`;
const KYSELY = `import { Kysely } from 'kysely';
interface Database { users: { id: number; name: string } }
declare const db: Kysely<Database>;
`;
const MSSQL = `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
`;

/** settings['db-leaks'] declaring the fixture project's own session class (docs/settings.md). */
const SESSION_SETTINGS = {
  'db-leaks': {
    resources: [
      { file: 'project/session.ts', noun: 'session', acquire: [{ owner: 'DatabaseSession', method: 'open' }], release: ['close'], types: ['DatabaseSession'] },
    ],
  },
};

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // A store made inside a transaction holds its client; one made on the pool borrows per call.
    name: "pg: a store's own client (this.client ?? pool.connect()), released under release = !this.client",
    code: `${PG}
export class EmbeddingStore {
  constructor(private readonly db: Pool, private readonly client?: PoolClient) {}
  async ensureIndex(dim: number) {
    const client = this.client ?? (await this.db.connect());
    const release = !this.client;
    try {
      await client.query(\`create index if not exists embeddings_\${dim} on embeddings (id)\`);
    } finally {
      if (release) client.release();
    }
  }
}`,
  },
  {
    // Services that take a caller's client or borrow their own, and own what they borrowed:
    // the flag derived from the same test travels with the choice \`??\` made.
    name: "pg: a client borrowed when options.transaction is missing, released under ownsTransaction = options.transaction === undefined",
    code: `${PG}
export async function rename(id: number, name: string, options: { transaction?: PoolClient }) {
  const client = options.transaction ?? (await pool.connect());
  const ownsTransaction = options.transaction === undefined;
  try {
    if (ownsTransaction) await client.query('BEGIN');
    await client.query('update users set name = $1 where id = $2', [name, id]);
    if (ownsTransaction) await client.query('COMMIT');
  } catch (error) {
    if (ownsTransaction) await client.query('ROLLBACK');
    throw error;
  } finally {
    if (ownsTransaction) client.release();
  }
}`,
  },
  {
    name: 'pg: a client borrowed when none is given (existing || pool.connect()), released under shouldManage = !existing',
    code: `${PG}
export async function rename(id: number, name: string, existing: PoolClient | null = null) {
  const client = existing || (await pool.connect());
  const shouldManage = !existing;
  try {
    await client.query('update users set name = $1 where id = $2', [name, id]);
  } finally {
    if (shouldManage) client.release();
  }
}`,
  },
  {
    // The client is borrowed only when none is given; comparing the parameter with undefined
    // tells the two paths of \`??\` apart as \`if (!given)\` does.
    name: 'pg: a client borrowed only when none is given (given ?? pool.connect()), released under given === undefined',
    code: `${PG}
export async function count(given?: PoolClient) {
  const client = given ?? (await pool.connect());
  try {
    return await client.query('select count(*) from users');
  } finally {
    if (given === undefined) {
      client.release();
    }
  }
}`,
  },
  {
    name: 'pg-pool used on its own (@types/pg-pool): a client released in finally',
    code: `import Pool from 'pg-pool';
import { Client } from 'pg';
const pool = new Pool<Client>({ max: 5 });
export async function findPost(id: string) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from posts where id = $1', [id])).rows[0];
  } finally {
    client.release();
  }
}`,
  },
  {
    // Neon's documented serverless pattern: a pool per request, its client released in finally
    // and the pool ended before the handler returns (node-postgres's API, bundled as Pool_2).
    name: '@neondatabase/serverless: a pool made per request, its client released in finally, the pool ended',
    code: `import { Pool } from '@neondatabase/serverless';
export async function handler(request: Request, ctx: { waitUntil(promise: Promise<unknown>): void }) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  pool.on('error', (error: Error) => console.error(error));
  const client = await pool.connect();
  try {
    await client.query('insert into visits (path) values ($1)', [new URL(request.url).pathname]);
  } finally {
    client.release();
  }
  ctx.waitUntil(pool.end());
  return new Response('ok');
}`,
  },
  {
    // mysql2's callback API declares createConnection() returning the connection, not a promise.
    name: 'mysql2 callback API: a connection made with createConnection and ended in the query callback',
    code: `import mysql from 'mysql2';
export function runOnce(sql: string, callback: (error: Error | null, rows?: unknown) => void) {
  const connection = mysql.createConnection({ host: '127.0.0.1' });
  connection.query(sql, (error, rows) => {
    connection.end();
    callback(error, rows);
  });
}`,
  },
  // --- pg-promise: db.connect() is the one acquisition that needs done() ------------------
  {
    name: 'pg-promise: a connection from db.connect() given back by done() in finally',
    code: `${PG_PROMISE}
export async function count(table: string) {
  const sco = await db.connect();
  try {
    const row = await sco.one('select count(*) from $1:name', table);
    return Number(row.count);
  } finally {
    sco.done();
  }
}`,
  },
  {
    // LISTEN needs a connection of its own, kept for the notifications: the caller owns it.
    name: 'pg-promise: a direct connection returned to the caller after LISTEN',
    code: `${PG_PROMISE}
export async function listen(channel: string) {
  const sco = await db.connect({ direct: true });
  try {
    await sco.none('LISTEN $1:name', channel);
  } catch (error) {
    await sco.done();
    throw error;
  }
  return sco;
}`,
  },
  {
    name: 'pg-promise: db.task() and db.tx() check out and give back by themselves',
    code: `${PG_PROMISE}
export async function both(id: number) {
  const order = await db.task((t) => t.one('select * from orders where id = $1', id));
  await db.tx((t) => t.none('update orders set seen = now() where id = $1', id));
  return order;
}`,
  },
  // --- mongoose: the driver's sessions, started through Mongoose --------------------------
  {
    name: 'mongoose: a session from mongoose.startSession() ended in finally',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number, userId: String }));
export async function placeOrder(userId: string, total: number) {
  const session = await mongoose.startSession();
  try {
    session.startTransaction();
    await Order.create([{ userId, total }], { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'mongoose: a session from a connection, with await using',
    code: `import mongoose from 'mongoose';
export async function touch(id: string) {
  await using session = await mongoose.connection.startSession();
  await mongoose.connection.collection('users').updateOne({ id }, { $set: { seen: new Date() } }, { session });
}`,
  },
  {
    // connection.transaction(fn) starts, commits or aborts, and ends its own session.
    name: 'mongoose: connection.transaction() manages its session',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number }));
export async function placeOrder(total: number) {
  await mongoose.connection.transaction(async (session) => {
    await Order.create([{ total }], { session });
  });
}`,
  },
  {
    name: 'pool per call: a mongoose connection made once and cached',
    code: `import mongoose from 'mongoose';
let shared: mongoose.Connection | undefined;
export function tenantConnection(uri: string) {
  shared ??= mongoose.createConnection(uri);
  return shared;
}`,
  },
  {
    name: 'pool per call: a mongoose connection awaited through asPromise() and closed in finally',
    code: `import mongoose, { Schema } from 'mongoose';
export async function countOrders(uri: string) {
  const conn = await mongoose.createConnection(uri).asPromise();
  try {
    return await conn.model('Order', new Schema({ total: Number })).countDocuments();
  } finally {
    await conn.close();
  }
}`,
  },
  {
    // The model holds on to the connection: whoever keeps the model keeps the connection.
    name: 'pool per call: a model bound to a new mongoose connection is returned',
    code: `import mongoose, { Schema } from 'mongoose';
export function tenantOrders(uri: string) {
  const conn = mongoose.createConnection(uri);
  return conn.model('Order', new Schema({ total: Number }));
}`,
  },
  // --- promise-mysql: mysqljs behind (Bluebird) promises --------------------------------
  {
    name: 'promise-mysql: a transaction on a pooled connection, released in finally',
    code: `${PROMISE_MYSQL}
export async function transfer(from: number, to: number, amount: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
    await conn.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: 'promise-mysql: released in the Bluebird promise\'s finally()',
    code: `${PROMISE_MYSQL}
export function findUser(id: number) {
  return pool.getConnection().then((conn) => conn.query('select * from users where id = ?', [id]).finally(() => conn.release()));
}`,
  },
  {
    name: 'promise-mysql: a createConnection() connection ended in finally',
    code: `import mysql from 'promise-mysql';
export async function runOnce(sql: string) {
  const connection = await mysql.createConnection({ host: '127.0.0.1' });
  try {
    return await connection.query(sql);
  } finally {
    await connection.end();
  }
}`,
  },
  {
    name: 'promise-mysql: a pool made once behind a lazy getter',
    code: `import mysql from 'promise-mysql';
let shared: mysql.Pool | undefined;
export async function getPool() {
  shared ??= await mysql.createPool({ host: 'localhost', connectionLimit: 10 });
  return shared;
}`,
  },
  {
    name: 'promise-mysql: pool.query() checks out and releases by itself',
    code: `${PROMISE_MYSQL}
export async function count() {
  return pool.query('select count(*) as n from users');
}`,
  },
  // --- mysql (mysqljs), the callback API mysql2 copied ------------------------------------
  {
    name: 'mysql (mysqljs): release in the query callback, before either outcome',
    code: `${MYSQLJS}
export function list(callback: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, conn) => {
    if (err) return callback(err);
    conn.query('select * from users', (queryError, rows) => {
      conn.release();
      callback(queryError, rows);
    });
  });
}`,
  },
  {
    name: 'mysql (mysqljs): a connection made with createConnection and ended in the query callback',
    code: `import mysql from 'mysql';
export function runOnce(sql: string, callback: (error: Error | null, rows?: unknown) => void) {
  const connection = mysql.createConnection({ host: '127.0.0.1' });
  connection.connect();
  connection.query(sql, (error, rows) => {
    connection.end();
    callback(error, rows);
  });
}`,
  },
  {
    name: 'mysql (mysqljs): util.promisify(pool.getConnection), released in finally',
    code: `${MYSQLJS}import { promisify } from 'node:util';
const getConnection = promisify(pool.getConnection).bind(pool);
export async function list() {
  const conn = await getConnection();
  try {
    const query = promisify(conn.query).bind(conn);
    return await query('select * from users');
  } finally {
    conn.release();
  }
}`,
  },
  {
    // Its own release bound to it is a release function, not another name for the connection.
    name: 'mysql2: conn.release.bind(conn) kept and called in finally',
    code: `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
export async function list() {
  const conn = await pool.getConnection();
  const done = conn.release.bind(conn);
  try {
    const [rows] = await conn.query('select 1');
    return rows;
  } finally {
    done();
  }
}`,
  },
  {
    // The connection goes to the caller with the query function bound to it.
    name: 'mysql (mysqljs): a promisified connection returned with its bound query function',
    code: `${MYSQLJS}import { promisify } from 'node:util';
const db = { getConnection: promisify(pool.getConnection).bind(pool) };
export async function session() {
  const conn = await db.getConnection();
  return { conn, query: promisify(conn.query).bind(conn) };
}`,
  },
  {
    name: 'mysql (mysqljs): a promisified pool.query() holds no connection',
    code: `${MYSQLJS}import { promisify } from 'node:util';
const getConnectionQuery = promisify(pool.query).bind(pool);
export async function count() {
  return getConnectionQuery('select count(*) as n from users');
}`,
  },
  {
    name: 'mysql (mysqljs): pool.query() checks out and releases by itself',
    code: `${MYSQLJS}
export function count(callback: (error: Error | null, rows?: unknown) => void) {
  pool.query('select count(*) as n from users', (error, rows) => callback(error, rows));
}`,
  },
  {
    name: 'mysql (mysqljs): a promise around getConnection, released before it settles',
    code: `${MYSQLJS}
export function findUser(id: number) {
  return new Promise((resolve, reject) => {
    pool.getConnection((err, connection) => {
      if (err) return reject(err);
      connection.query('select * from users where id = ?', [id], (error, rows) => {
        connection.release();
        if (error) return reject(error);
        resolve(rows[0]);
      });
    });
  });
}`,
  },
  {
    // tests/fixtures/project/legacy-db.cjs assigns its factory to `exports`.
    name: 'pg: a client from a CommonJS module\'s exports.getClient() factory, released in finally, from JavaScript',
    filename: 'script.js',
    code: `import db from './project/legacy-db.cjs';
export async function count() {
  const client = await db.getClient();
  try {
    return (await client.query('select count(*) from users')).rows;
  } finally {
    client.release();
  }
}`,
  },
  // --- classes that keep a client in a field ---------------------------------------------------
  {
    // An owning class: close() gives the field back, so callers are checked instead.
    name: 'class: a private client filled in connect() and released in close()',
    code: `${PG}export class Listener {
  private client: PoolClient | undefined;
  async connect() {
    this.client = await pool.connect();
    await this.client.query('LISTEN jobs');
  }
  close() {
    this.client?.release();
  }
}`,
  },
  {
    // A public field can be released by whoever holds the instance.
    name: 'class: a public client field, released by code outside the class',
    code: `${PG}export class Job {
  client: PoolClient | undefined;
  async start() {
    this.client = await pool.connect();
  }
}
export async function run(job: Job) {
  await job.start();
  job.client?.release();
}`,
  },
  {
    // The field leaves the class through an accessor: the caller of getClient() releases it.
    name: 'class: a private client handed out by a getter',
    code: `${PG}export class Lease {
  private client: PoolClient | undefined;
  async acquire() {
    this.client = await pool.connect();
  }
  take(): PoolClient | undefined {
    const client = this.client;
    this.client = undefined;
    return client;
  }
}`,
  },
  {
    // The field is given back through a function that takes it as an argument.
    name: 'class: a private client given back by a helper it is passed to',
    code: `${PG}declare function giveBack(client: PoolClient): void;
export class Worker {
  private client: PoolClient | undefined;
  async start() {
    this.client = await pool.connect();
  }
  stop() {
    if (this.client) giveBack(this.client);
  }
}`,
  },
  // --- acquired on some paths only: the caller's runner, or one made here ---------------------
  {
    // The runner is made only when none was passed; the same test says when to release it.
    name: 'TypeORM: a runner made when the caller passed none, released when none was passed',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export async function remove(keys: string[], queryRunner?: QueryRunner) {
  const runner = queryRunner ?? dataSource.createQueryRunner();
  try {
    await Promise.all(keys.map((key) => runner.manager.delete('cache', { key })));
  } finally {
    if (!queryRunner) {
      await runner.release();
    }
  }
}`,
  },
  {
    // TypeORM's own query builders: `this.queryRunner || create()`, released when `this.queryRunner` is unset.
    name: 'TypeORM: a runner made when the builder has none, released under the same property test',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class Builder {
  constructor(private readonly queryRunner?: QueryRunner) {}
  async count(sql: string) {
    const queryRunner = this.queryRunner || dataSource.createQueryRunner();
    try {
      const [row] = await queryRunner.query(sql);
      return Number(row.count);
    } finally {
      if (!this.queryRunner) await queryRunner.release();
    }
  }
}`,
  },
  {
    name: 'TypeORM: a runner made when the builder has none, released when it is not the builder\'s',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class Builder {
  constructor(private readonly queryRunner?: QueryRunner) {}
  async rows(sql: string) {
    const queryRunner = this.queryRunner || dataSource.createQueryRunner();
    try {
      return await queryRunner.query(sql);
    } finally {
      if (queryRunner !== this.queryRunner) {
        await queryRunner.release();
      }
    }
  }
}`,
  },
  {
    // ToolJet's form: the alternative is an optional chain on a parameter.
    name: 'TypeORM: a runner made when the manager passed has none, released under the same optional chain',
    code: `${TYPEORM}import type { EntityManager } from 'typeorm';
export async function createTable(name: string, appManager?: EntityManager) {
  const queryRunner = appManager?.queryRunner || dataSource.createQueryRunner();
  try {
    await queryRunner.query(\`create table \${name} (id int)\`);
  } finally {
    if (!appManager?.queryRunner) {
      await queryRunner.release();
    }
  }
}`,
  },
  {
    name: 'TypeORM: the caller’s runner used in a callback and left to the caller',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export async function remove(keys: string[], queryRunner: QueryRunner) {
  await Promise.all(keys.map((key) => queryRunner.manager.delete('cache', { key })));
}`,
  },
  {
    // Reading the runner's data source connects nothing (TypeORM connects on first use).
    name: 'TypeORM: a query runner created only to reach its data source',
    code: `${TYPEORM}
export function dataSourceOf() {
  return dataSource.createQueryRunner().connection;
}`,
  },
  // --- ownership by evidence ------------------------------------------------------------------
  {
    // Nothing after the call gives the client back: the function it went to owns it now.
    name: 'pg: a client handed to a function the analysis cannot see into, and never released here',
    code: `${PG}
declare function adopt(client: PoolClient): void;
export async function lend() {
  const client = await pool.connect();
  adopt(client);
}`,
  },
  // --- exceptions that matter: calls that realistically never throw are not exception paths --
  {
    name: 'pg: built-ins and bookkeeping between the acquisition and the try (new Map, Map#delete, setInterval)',
    code: `${PG}
const active = new Map<string, PoolClient>();
export async function track(id: string) {
  const client = await pool.connect();
  const seen = new Map<string, number>();
  active.delete(id);
  const timer = setInterval(() => seen.set(id, Date.now()), 1000);
  try {
    await client.query('select 1');
  } finally {
    clearInterval(timer);
    client.release();
  }
}`,
  },
  {
    name: 'pg: a synchronous call into another library (a response object) before the release',
    code: `${PG}
declare const res: { status(code: number): { send(body: unknown): void } };
export async function handle(id: string) {
  const client = await pool.connect();
  let rows: unknown[] = [];
  try {
    rows = (await client.query('select * from t where id = $1', [id])).rows;
  } finally {
    client.release();
  }
  res.status(200).send(rows);
}`,
  },
  {
    name: 'postgres.js: a tagged-template query whose rejection is caught cannot throw',
    code: `${POSTGRES}
export async function warmUp() {
  const reserved = await sql.reserve();
  await reserved\`select 1\`.catch(() => undefined);
  reserved.release();
}`,
  },
  // --- states the library reports, followed along each path ----------------------------------
  {
    // After commit (or when none was started) the runner is inactive, so finally releases it.
    name: 'TypeORM: finally releases when no transaction is active and the runner is not released yet',
    code: `${TYPEORM}
async function begin(runner: import('typeorm').QueryRunner) {
  await runner.startTransaction();
}
export async function rename(id: number, name: string, atomic: boolean) {
  const runner = dataSource.createQueryRunner();
  try {
    if (atomic) await begin(runner);
    await runner.query('update users set name = $1 where id = $2', [name, id]);
    if (runner.isTransactionActive) {
      await runner.commitTransaction();
    }
    return true;
  } catch (error) {
    if (runner.isTransactionActive) {
      await runner.rollbackTransaction();
    }
    throw error;
  } finally {
    if (!runner.isTransactionActive && runner.isReleased === false) {
      await runner.release();
    }
  }
}`,
  },
  // --- callbacks passed by name: the checker's overload, not the syntax, decides the form -----
  {
    name: 'pg: a listening client handed to a named callback, which keeps it for the pool lifetime',
    code: `${PG}
let listener: PoolClient | undefined;
function listenForChanges(err: Error | undefined, client: PoolClient | undefined, release: (err?: Error) => void) {
  if (err || !client) return;
  listener = client;
  client.on('error', (error) => { listener = undefined; release(error); });
  void client.query('listen jobs');
}
export function start() {
  pool.connect(listenForChanges);
}`,
  },
  {
    name: 'mysql2: a connection handed to a callback kept in a variable',
    code: `${MYSQL_CALLBACK}
const onConnection = (err: Error | null, conn: mysql.PoolConnection) => {
  if (err) return;
  conn.query('select 1', () => conn.release());
};
export function ping() {
  pool.getConnection(onConnection);
}`,
  },
  // --- pg: the release runs on every path ------------------------------------------------
  {
    name: 'pg: release in finally',
    code: `${PG}
export async function findUser(id: string) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    if (result.rowCount === 0) return null;
    return result.rows[0];
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: release in every catch and after the try',
    code: `${PG}
export async function insert(name: string) {
  const client = await pool.connect();
  try {
    await client.query('insert into users(name) values ($1)', [name]);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
}`,
  },
  {
    name: 'pg: rollback and destroy in catch, release after try',
    code: `${PG}
export async function transfer(from: string, to: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
  client.release();
}`,
  },
  {
    name: 'pg: each early return releases first',
    code: `${PG}
export async function status(id: string) {
  const client = await pool.connect();
  let rows;
  try {
    rows = (await client.query('select status from jobs where id = $1', [id])).rows;
  } catch (error) {
    client.release();
    throw error;
  }
  if (rows.length === 0) {
    client.release();
    return 'missing';
  }
  client.release();
  return rows[0].status;
}`,
  },
  {
    name: 'pg: the client is returned to the caller (a factory)',
    code: `${PG}
export async function getClient(): Promise<PoolClient> {
  const client = await pool.connect();
  try {
    await client.query("set application_name = 'worker'");
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return client;
}`,
  },
  {
    name: 'pg: the client is returned inside an object',
    code: `${PG}
export async function checkout() {
  const client = await pool.connect();
  return { client, release: () => client.release() };
}`,
  },
  {
    name: 'pg: stored in a field, released by another method',
    code: `${PG}
export class Session {
  private client?: PoolClient;
  async open() {
    const client = await pool.connect();
    this.client = client;
  }
  close() {
    this.client?.release();
  }
}`,
  },
  {
    name: 'pg: stored in a variable of the enclosing scope',
    code: `${PG}
let shared: PoolClient | undefined;
export async function init() {
  shared = await pool.connect();
}`,
  },
  {
    name: 'pg: pushed into a collection',
    code: `${PG}
const leased: PoolClient[] = [];
export async function lease() {
  const client = await pool.connect();
  leased.push(client);
}`,
  },
  {
    name: 'pg: passed to a function in this file that releases it on every path',
    code: `${PG}
async function finish(client: PoolClient) {
  try {
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
export async function run() {
  const client = await pool.connect();
  await finish(client);
}`,
  },
  {
    name: 'pg: passed to a function in another file that releases it on every path',
    code: `${PG}import { finishAndRelease } from './project/db-helpers';
export async function run() {
  const client = await pool.connect();
  await finishAndRelease(client, true);
}`,
  },
  {
    name: 'pg: passed to a method in another file that keeps it',
    code: `${PG}import { ClientRegistry } from './project/db-helpers';
const registry = new ClientRegistry();
export async function run() {
  const client = await pool.connect();
  registry.keep(client);
}`,
  },
  {
    name: 'pg: passed to an unknown function (a transfer by default)',
    code: `${PG}
declare function adoptClient(client: PoolClient): void;
export async function run() {
  const client = await pool.connect();
  adoptClient(client);
}`,
  },
  {
    name: 'pg: a function that releases only sometimes counts as taking ownership, not as a leak here',
    code: `${PG}import { releaseIfFound } from './project/db-helpers';
export async function run(id: string) {
  const client = await pool.connect();
  return releaseIfFound(client, id);
}`,
  },
  {
    name: 'pg callback form: done() on every path',
    code: `${PG}
export function list(callback: (error: Error | null, rows?: unknown[]) => void) {
  pool.connect((err, client, done) => {
    if (err) return callback(err);
    client!.query('select * from users', (queryError, result) => {
      done();
      if (queryError) return callback(queryError);
      callback(null, result.rows);
    });
  });
}`,
  },
  {
    name: 'pg callback form: nothing to release when connecting failed',
    code: `${PG}
export function ping() {
  pool.connect((err, client, done) => {
    if (err) {
      console.error('connect failed', err);
      return;
    }
    client!.query('select 1', () => done());
  });
}`,
  },
  {
    name: 'pg callback form: done handed on as the query callback',
    code: `${PG}
export function touch() {
  pool.connect((err, client, done) => {
    if (err) throw err;
    client!.query('select 1', done);
  });
}`,
  },
  {
    name: 'pg: release in .finally() of the promise chain',
    code: `${PG}
export function count() {
  return pool.connect().then((client) =>
    client.query('select count(*) from users').finally(() => client.release()),
  );
}`,
  },
  {
    name: 'pg: release in .then() and in .catch()',
    code: `${PG}
export async function count() {
  const client = await pool.connect();
  return client
    .query('select count(*) from users')
    .then((result) => {
      client.release();
      return result.rows;
    })
    .catch((error) => {
      client.release();
      throw error;
    });
}`,
  },
  {
    name: 'pg: release in both handlers of .then(onFulfilled, onRejected)',
    code: `${PG}
export async function count() {
  const client = await pool.connect();
  return client.query('select 1').then(
    (result) => {
      client.release();
      return result;
    },
    (error) => {
      client.release();
      throw error;
    },
  );
}`,
  },
  {
    name: 'pg: release registered as an event handler',
    code: `${PG}
import { EventEmitter } from 'node:events';
declare function openStream(client: PoolClient): EventEmitter;
export async function stream() {
  const events = new EventEmitter();
  const client = await pool.connect();
  events.on('end', () => client.release());
  events.on('error', () => client.release());
  return events;
}`,
  },
  {
    name: 'pg: pool.query() takes no dedicated client',
    code: `${PG}
export async function count() {
  const result = await pool.query('select count(*) from users');
  return result.rows[0];
}`,
  },
  {
    name: 'pg: declared before the try, acquired inside, released in finally with a null check',
    code: `${PG}
export async function run() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    if (client) client.release();
  }
}`,
  },
  {
    name: 'pg: optional call in finally',
    code: `${PG}
export async function run() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}`,
  },
  {
    name: 'pg: released through an alias',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  const db = client;
  try {
    await db.query('select 1');
  } finally {
    db.release();
  }
}`,
  },
  {
    name: 'pg: released through a local cleanup function',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  const cleanup = () => client.release();
  try {
    await client.query('select 1');
  } finally {
    cleanup();
  }
}`,
  },
  {
    name: 'pg: loop body with continue inside try/finally',
    code: `${PG}
export async function each(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (!id) continue;
      await client.query('delete from jobs where id = $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
  },
  {
    name: 'pg: labelled break after the release',
    code: `${PG}
export async function scan(batches: string[][]) {
  outer: for (const batch of batches) {
    for (const id of batch) {
      const client = await pool.connect();
      try {
        await client.query('select $1', [id]);
      } finally {
        client.release();
      }
      if (id === 'stop') break outer;
    }
  }
}`,
  },
  {
    name: 'pg: switch where every case releases',
    code: `${PG}
export async function act(kind: 'a' | 'b' | 'c') {
  const client = await pool.connect();
  switch (kind) {
    case 'a':
      client.release();
      return 1;
    case 'b':
      client.release();
      break;
    default:
      client.release();
  }
  return 0;
}`,
  },
  {
    name: 'pg: console.log between acquire and try cannot throw',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  console.log('connected', Date.now());
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: standalone Client ended in finally',
    code: `${PG}
export async function once() {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select now()')).rows;
  } finally {
    await client.end();
  }
}`,
  },
  {
    name: 'pg: a Client received as a parameter is not ours to end',
    code: `${PG}
export async function connectIt(client: Client) {
  await client.connect();
  await client.query('select 1');
}`,
  },
  {
    name: 'pg: the acquisition promise is returned',
    code: `${PG}
export function getClient() {
  return pool.connect();
}`,
  },
  {
    name: 'pg: an arrow returning the client from .then()',
    code: `${PG}
export const getClient = () => pool.connect().then((client) => client);`,
  },
  {
    name: 'pg: callback form resolving client and done to the caller',
    code: `${PG}
export function checkout() {
  return new Promise<{ client: PoolClient; done: () => void }>((resolve, reject) => {
    pool.connect((err, client, done) => {
      if (err) return reject(err);
      resolve({ client: client!, done });
    });
  });
}`,
  },
  {
    name: 'pg: acquire at module top level (a script) is not analysed',
    code: `${PG}
const client = await pool.connect();
await client.query('select 1');
export {};`,
  },
  {
    name: 'pg: generators are not analysed (unknown flow, no report)',
    code: `${PG}
export async function* rows() {
  const client = await pool.connect();
  yield* (await client.query('select 1')).rows;
}`,
  },
  {
    name: 'pg: a class with connect/release of its own is not a pool',
    code: `
class FakePool {
  async connect() {
    return { release() {}, query: async (_: string) => [] as unknown[] };
  }
}
const fake = new FakePool();
export async function run() {
  const client = await fake.connect();
  await client.query('select 1');
}`,
  },
  {
    name: 'pg: release in finally around nested try/catch',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch (error) {
      if (error instanceof TypeError) return;
      throw error;
    }
    await Promise.all([client.query('select 2'), client.query('select 3')]);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: worker loop with break, acquire and release inside try/finally',
    code: `${PG}
declare function nextJob(): Promise<string | undefined>;
export async function work() {
  while (true) {
    const job = await nextJob();
    if (!job) break;
    const client = await pool.connect();
    try {
      await client.query('update jobs set done = true where id = $1', [job]);
    } finally {
      client.release();
    }
  }
}`,
  },
  {
    name: 'pg: option unknownCalls=borrow still accepts a release in finally',
    code: `${PG}
declare function audit(client: PoolClient): Promise<void>;
export async function run() {
  const client = await pool.connect();
  try {
    await audit(client);
  } finally {
    client.release();
  }
}`,
    options: [{ unknownCalls: 'borrow' }],
  },
  {
    // The pool has no type where it is read (`let pool;`, assigned in another function): its
    // assignments say what it is.
    name: 'pg: a JavaScript pool declared empty and assigned at start-up, the client released in finally',
    filename: 'script.js',
    code: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
export function start() {
  pool = new pg.Pool();
}
export async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: a JavaScript pool made lazily by a getter, the client released in finally',
    filename: 'script.js',
    code: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
function getPool() {
  if (!pool) {
    pool = new pg.Pool({ max: 5 });
  }
  return pool;
}
export async function findUser(id) {
  const client = await getPool().connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [id]);
    return rows[0];
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: a JavaScript variable declared empty and assigned two different things is not taken for a pool',
    filename: 'script.js',
    code: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let source;
export function start(useCache) {
  source = useCache ? { connect: async () => ({ query: async () => ({ rows: [] }) }) } : new pg.Pool();
}
export function reset() {
  source = new pg.Pool();
}
export async function count() {
  const client = await source.connect();
  return (await client.query('select 1')).rows;
}`,
  },
  {
    name: 'pg: a JavaScript file checked through allowJs, released in finally',
    filename: 'script.js',
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: IIFE that releases',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  (() => {
    client.release();
  })();
}`,
  },
  // --- mysql2 ---------------------------------------------------------------------------
  {
    name: 'mysql2: release in finally',
    code: `${MYSQL}
export async function findOrder(id: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select * from orders where id = ?', [id]);
    return rows;
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: 'mysql2: pool.releaseConnection(conn) in finally',
    code: `${MYSQL}
export async function touch() {
  const conn = await pool.getConnection();
  try {
    await conn.execute('update t set touched = now()');
  } finally {
    pool.releaseConnection(conn);
  }
}`,
  },
  {
    name: 'mysql2: await using on the disposable PoolConnection',
    code: `${MYSQL}
export async function touch() {
  await using conn = await pool.getConnection();
  await conn.execute('update t set touched = now()');
}`,
  },
  {
    name: 'mysql2: destroy in catch, release after',
    code: `${MYSQL}
export async function touch() {
  const conn = await pool.getConnection();
  try {
    await conn.execute('update t set touched = now()');
  } catch (error) {
    conn.destroy();
    throw error;
  }
  conn.release();
}`,
  },
  {
    name: 'mysql2 callback API: release before either outcome',
    code: `${MYSQL_CALLBACK}
export function list(callback: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, conn) => {
    if (err) return callback(err);
    conn.query('select * from users', (queryError, rows) => {
      conn.release();
      callback(queryError, rows);
    });
  });
}`,
  },
  // --- mariadb --------------------------------------------------------------------------
  {
    name: 'mariadb: release in finally',
    code: `${MARIADB}
export async function names() {
  const conn = await pool.getConnection();
  try {
    return await conn.query('select name from users');
  } finally {
    await conn.release();
  }
}`,
  },
  {
    name: 'mariadb: standalone connection ended in finally',
    code: `import * as mariadb from 'mariadb';
export async function once() {
  const conn = await mariadb.createConnection({ host: '127.0.0.1' });
  try {
    return await conn.query('select 1');
  } finally {
    await conn.end();
  }
}`,
  },
  // --- TypeORM --------------------------------------------------------------------------
  {
    name: 'TypeORM: the documented transaction pattern',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update users set name = $1 where id = $2', [name, id]);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
  },
  {
    name: 'TypeORM: release guarded by isReleased',
    code: `${TYPEORM}
export async function run() {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.query('select 1');
  } finally {
    if (!queryRunner.isReleased) await queryRunner.release();
  }
}`,
  },
  {
    name: 'TypeORM: a runner takes no connection until it is used, so validation before that cannot leak',
    code: `${TYPEORM}
declare function validate(input: unknown): asserts input is { id: number };
export async function rename(input: unknown) {
  const queryRunner = dataSource.createQueryRunner();
  validate(input);
  if (input.id < 0) return;
  await queryRunner.connect();
  try {
    await queryRunner.query('update users set name = name where id = $1', [input.id]);
  } finally {
    await queryRunner.release();
  }
}`,
  },
  // --- postgres.js ----------------------------------------------------------------------
  {
    name: 'postgres.js: reserved connection released in finally',
    code: `${POSTGRES}
export async function locked() {
  const reserved = await sql.reserve();
  try {
    await reserved.unsafe('select pg_advisory_lock(1)');
    return await reserved.unsafe('select 1');
  } finally {
    reserved.release();
  }
}`,
  },
  {
    name: 'postgres.js: sql.begin() manages its own connection',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx.unsafe('update a set n = n - 1');
  });
}`,
  },
  // --- oracledb -------------------------------------------------------------------------
  {
    name: 'oracledb: pooled connection closed in finally',
    code: `${ORACLE}
export async function employees() {
  const connection = await pool.getConnection();
  try {
    return (await connection.execute('select * from employees')).rows;
  } finally {
    await connection.close();
  }
}`,
  },
  {
    name: 'oracledb: callback form closes on every path',
    code: `${ORACLE}
export function employees(callback: (error: Error | null) => void) {
  pool.getConnection((err: oracledb.DBError | null, connection?: oracledb.Connection) => {
    if (err) return callback(err);
    connection!.execute('select * from employees', (...result: [oracledb.DBError] | [null, oracledb.Result<unknown>]) => {
      connection!.close(() => callback(result[0]));
    });
  });
}`,
  },
  // --- generic-pool ---------------------------------------------------------------------
  {
    name: 'generic-pool: release in finally',
    code: `${GENERIC_POOL}
export async function run() {
  const conn = await pool.acquire();
  try {
    return await conn.query('select 1');
  } finally {
    await pool.release(conn);
  }
}`,
  },
  {
    name: 'generic-pool: destroy on error, release on success',
    code: `${GENERIC_POOL}
export async function run() {
  const conn = await pool.acquire();
  let rows: unknown[];
  try {
    rows = await conn.query('select 1');
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
    name: 'generic-pool: pool.use() is the managed form',
    code: `${GENERIC_POOL}
export function run() {
  return pool.use((conn) => conn.query('select 1'));
}`,
  },
  // --- mongodb --------------------------------------------------------------------------
  {
    name: 'mongodb: endSession in finally',
    code: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await mongo.db('app').collection('a').updateOne({}, { $inc: { n: 1 } }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    // Automattic/mongoose#11259, fixed: the work function only borrows the session the transaction runs on.
    name: 'mongodb: a session handed to the work inside its own withTransaction, ended in finally',
    code: `${MONGO}
export async function transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = mongo.startSession();
  try {
    return await session.withTransaction(() => work(session));
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'mongodb: a session handed to an unknown function outside a transaction is handed on',
    code: `${MONGO}
export function open(keep: (session: ClientSession) => void): void {
  const session = mongo.startSession();
  keep(session);
}`,
  },
  {
    name: 'mongodb: await using on the disposable ClientSession',
    code: `${MONGO}
export async function move() {
  await using session = mongo.startSession();
  await mongo.db('app').collection('a').updateOne({}, { $inc: { n: 1 } }, { session });
}`,
  },
  {
    name: 'mongodb: withSession ends the session itself',
    code: `${MONGO}
export async function move() {
  await mongo.withSession(async (session) => {
    await mongo.db('app').collection('a').findOne({}, { session });
  });
}`,
  },
  // --- project wrappers: owned when this function releases the value somewhere ----------
  {
    name: 'wrapper: a client from a project wrapper, released in finally',
    code: `${PG}import { Database } from './project/db-helpers';
const db = new Database(pool);
export async function find(id: string) {
  const client = await db.getClient();
  try {
    return (await client.query('select * from users where id = $1', [id])).rows;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'wrapper: a client the wrapper keeps and lends (no factory) is borrowed, not owned',
    code: `${PG}
class Database {
  private client: PoolClient | undefined;
  async current(): Promise<PoolClient> {
    this.client ??= await pool.connect();
    return this.client;
  }
  close() {
    this.client?.release();
  }
}
declare const db: Database;
export async function count() {
  const client = await db.current();
  return client.query('select count(*) from users');
}`,
  },
  {
    name: 'wrapper: a factory that also keeps what it makes (a registry) lends it',
    code: `${PG}
const opened: PoolClient[] = [];
async function openTracked(): Promise<PoolClient> {
  const client = await pool.connect();
  opened.push(client);
  return client;
}
export async function count() {
  const client = await openTracked();
  return client.query('select count(*) from users');
}`,
  },
  {
    name: 'wrapper: a client from a factory handed on to a helper that releases it',
    code: `${PG}import { Database, finishAndRelease } from './project/db-helpers';
declare const db: Database;
export async function commitLater() {
  const client = await db.getClient();
  return finishAndRelease(client, true);
}`,
  },
  {
    name: 'wrapper: the wrapper itself returns the acquisition',
    code: `${PG}
export class Database {
  async getClient(): Promise<PoolClient> {
    const client = await pool.connect();
    return client;
  }
}`,
  },
  // --- idioms from real services ---------------------------------------------------------
  {
    name: 'idiom: Express handler with `let client` and `client?.release()` in finally',
    code: `${PG}
type Res = { status(code: number): Res; end(): void; json(body: unknown): void };
export const getUser = async (req: { params: { id: string } }, res: Res, next: (error: unknown) => void) => {
  let client;
  try {
    client = await pool.connect();
    const { rows } = await client.query('select * from users where id = $1', [req.params.id]);
    if (!rows.length) return res.status(404).end();
    res.json(rows[0]);
  } catch (error) {
    next(error);
  } finally {
    client?.release();
  }
};`,
  },
  {
    name: 'idiom: an error listener registered before the try',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  client.on('error', (error) => console.error(error));
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'idiom: a log line between acquire and try',
    code: `${PG}
declare const logger: { info(message: string): void };
export async function run() {
  const client = await pool.connect();
  logger.info('connected');
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'idiom: MongoDB session.startTransaction() before the try, as in the driver docs',
    code: `${MONGO}
export async function transfer() {
  const session = mongo.startSession();
  session.startTransaction();
  try {
    await mongo.db('bank').collection('accounts').updateOne({ id: 1 }, { $inc: { balance: -1 } }, { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'idiom: a helper that returns the client, or null when connecting fails',
    code: `${PG}
export async function tryConnect(): Promise<PoolClient | null> {
  try {
    return await pool.connect();
  } catch {
    return null;
  }
}`,
  },
  {
    name: 'idiom: per-item client in a loop, catch logs and continues, finally releases',
    code: `${PG}
export async function each(ids: string[]) {
  for (const id of ids) {
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      await client.query('select $1', [id]);
    } catch (error) {
      console.error(error);
      continue;
    } finally {
      client?.release();
    }
  }
}`,
  },
  // A project's own resource, declared in settings (tests/fixtures/project/session.ts).
  {
    name: 'settings: an in-house DatabaseSession closed in finally',
    code: `import { DatabaseSession } from './project/session';
export async function find(id: string) {
  const session = await DatabaseSession.open();
  try {
    const rows = await session.query('select * from users where id = $1', [id]);
    return rows[0] ?? null;
  } finally {
    session.close();
  }
}`,
    settings: SESSION_SETTINGS,
  },
  {
    name: 'settings: an in-house DatabaseSession handed to the caller',
    code: `import { DatabaseSession } from './project/session';
export async function openForRequest(): Promise<DatabaseSession> {
  const session = await DatabaseSession.open();
  try {
    await session.query("set application_name = 'api'");
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}`,
    settings: SESSION_SETTINGS,
  },
  {
    // typeorm/typeorm#12797, fixed: only the runner the helper made is released.
    name: 'TypeORM: a runner from a helper that makes one unless given one, released when it is not the caller\'s',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class CacheTable {
  async clear(queryRunner?: QueryRunner) {
    const runner = this.runnerFor(queryRunner);
    try {
      await runner.clearTable('query_result_cache');
    } finally {
      if (runner !== queryRunner) await runner.release();
    }
  }
  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? dataSource.createQueryRunner();
  }
}`,
  },
  {
    // The helper only reads back what it keeps: nothing is made for the caller to release.
    name: 'TypeORM: a helper that returns the given runner or a kept one',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class CacheTable {
  constructor(private readonly shared: QueryRunner) {}
  async clear(queryRunner?: QueryRunner) {
    const runner = this.runnerFor(queryRunner);
    await runner.clearTable('query_result_cache');
  }
  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? this.shared;
  }
}`,
  },
  {
    // The file of a project's owning class (DBTransaction) holds other code too: the promisified
    // getConnection beside it resolves the connection to its caller, as anywhere else.
    name: 'idiom: a promisified getConnection in the same file as an owning class',
    code: `${MYSQL_CALLBACK}
export class DBTransaction {
  constructor(private readonly connection: mysql.PoolConnection) {}
  begin() {
    return this.connection.promise().beginTransaction();
  }
  async commit() {
    await this.connection.promise().commit();
    this.connection.release();
  }
}
export const getConnection = (): Promise<mysql.PoolConnection> =>
  new Promise((resolve, reject) => pool.getConnection((err, connection) => (err ? reject(err) : resolve(connection))));`,
  },
  // --- a pool made inside a function: closed there, or handed on ---------------------------
  {
    name: 'pool per call: a one-off pool for a report database, ended in finally',
    code: `import { Pool } from 'pg';
export async function exportReport(url: string) {
  const reports = new Pool({ connectionString: url, max: 1 });
  try {
    return (await reports.query('select * from monthly')).rows;
  } finally {
    await reports.end();
  }
}`,
  },
  {
    name: 'pool per call: a factory that returns the pool it makes',
    code: `import { Pool } from 'pg';
export function createPool(url: string) {
  const pool = new Pool({ connectionString: url });
  pool.on('error', () => undefined);
  return pool;
}`,
  },
  {
    name: 'pool per call: a pool per tenant, kept in a cache',
    code: `import { Pool } from 'pg';
const pools = new Map<string, Pool>();
export function poolFor(tenant: string) {
  let pool = pools.get(tenant);
  if (!pool) {
    const made = new Pool({ database: tenant });
    made.on('error', () => undefined);
    pools.set(tenant, made);
    pool = made;
  }
  return pool;
}`,
  },
  {
    name: 'pool per call: a pool kept in a field by the constructor',
    code: `import { Pool } from 'pg';
export class Database {
  private readonly pool: Pool;
  constructor(url: string) {
    this.pool = new Pool({ connectionString: url });
  }
  query(text: string) {
    return this.pool.query(text);
  }
  close() {
    return this.pool.end();
  }
}`,
  },
  {
    name: 'pool per call: a pool handed to an ORM in an options object ({ client })',
    code: `import postgres from 'postgres';
declare function drizzle(options: { client: unknown }): unknown;
export function connect(url: string) {
  const client = postgres(url);
  return drizzle({ client });
}`,
  },
  {
    // Made once, when the middleware is set up: the handler it returns keeps using it.
    name: 'pool per call: a pool made in a setup function and used by the handler it returns',
    code: `import { Pool } from 'pg';
export function databaseMiddleware(url: string) {
  const pool = new Pool({ connectionString: url });
  return async (req: { db?: Pool }, next: () => void) => {
    await pool.query('select 1');
    next();
  };
}`,
  },
  {
    // The client's connect() resolves to the client itself: the cached promise keeps it.
    name: 'pool per call: a MongoClient made once and kept as its connect() promise',
    code: `import { MongoClient } from 'mongodb';
let clientPromise: Promise<MongoClient> | undefined;
export function getClient() {
  if (!clientPromise) {
    const client = new MongoClient(process.env.MONGO_URL!);
    clientPromise = client.connect();
  }
  return clientPromise;
}`,
  },
  {
    name: 'pool per call: a MongoClient whose database handle is cached',
    code: `import { MongoClient, type Db } from 'mongodb';
let cachedDb: Db | undefined;
export async function connectToDatabase() {
  if (cachedDb) return cachedDb;
  const client = new MongoClient(process.env.MONGO_URL!);
  await client.connect();
  cachedDb = client.db('app');
  return cachedDb;
}`,
  },
  {
    name: 'pool per call: MongoClient.connect() kept in a module cache',
    code: `import { MongoClient } from 'mongodb';
let cached: MongoClient | undefined;
export async function getClient(url: string) {
  cached ??= await MongoClient.connect(url);
  return cached;
}`,
  },
  {
    name: 'pool per call: MongoClient.connect() under an import alias, closed in finally',
    code: `import { MongoClient as Client } from 'mongodb';
export async function countUsers(url: string) {
  const client = await Client.connect(url);
  try {
    return await client.db().collection('users').countDocuments();
  } finally {
    await client.close();
  }
}`,
  },
  {
    name: 'pool per call: MongoClient.connect() through the namespace, handed to the caller',
    code: `import * as mongodb from 'mongodb';
export async function open(url: string) {
  const client = await mongodb.MongoClient.connect(url);
  return client;
}`,
  },
  {
    // The instance's connect() resolves to the same client: it makes no pool.
    name: 'pool per call: connect() on a client the caller made',
    code: `import type { MongoClient } from 'mongodb';
export async function reconnect(client: MongoClient) {
  const connected = await client.connect();
  return connected.db().collection('users').countDocuments();
}`,
  },
  {
    name: 'pool per call: a knex instance destroyed after a migration script',
    code: `import knexFactory from 'knex';
export async function migrate() {
  const db = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
  try {
    await db.migrate.latest();
  } finally {
    await db.destroy();
  }
}`,
  },
  {
    // Listening for notifications is keeping it open on purpose: the LISTEN client lives as long as the service.
    name: 'pg: a standalone client kept open for LISTEN is not a leak',
    code: `import { Client } from 'pg';
export async function listenForOrders(onOrder: (id: string) => void): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', (error) => console.error(error));
  await client.connect();
  client.on('notification', (message) => onOrder(message.payload ?? ''));
  await client.query('LISTEN orders');
}`,
  },
  {
    name: 'pg: a pooled client kept in a private field for LISTEN is not a leak',
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export class JobListener {
  private client: PoolClient | undefined;
  async start(): Promise<void> {
    this.client = await pool.connect();
    this.client.on('error', () => void this.start());
    this.client.on('notification', () => undefined);
    await this.client.query('LISTEN jobs');
  }
}`,
  },
];

export const invalid: Invalid[] = [
  {
    // \`false !== undefined\`: a boolean that is not undefined may still be false, so the test prunes no path.
    name: 'pg: a boolean compared with undefined does not tell whether it is true',
    code: `${PG}
export async function finish(done: boolean) {
  const client = await pool.connect();
  if (done !== undefined) {
    if (!done) {
      return 1;
    }
  }
  client.release();
  return 0;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 24,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function finish(done: boolean) {
  const client = await pool.connect();
  try {
    if (done !== undefined) {
      if (!done) {
        return 1;
      }
    }
    return 0;
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
    // The derived flag is the opposite of ownership: the borrowed client is released only when it was given.
    name: 'pg: a client borrowed when none is given, released only under borrowed = !!given',
    code: `${PG}
export async function count(given?: PoolClient) {
  const client = given ?? (await pool.connect());
  const borrowed = !!given;
  try {
    return await client.query('select count(*) from users');
  } finally {
    if (borrowed) client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 34 }],
  },
  {
    name: 'pg-pool used on its own (@types/pg-pool): a client never released on the early return',
    code: `import Pool from 'pg-pool';
import { Client } from 'pg';
const pool = new Pool<Client>({ max: 5 });
export async function findPost(id: string) {
  const client = await pool.connect();
  const { rows } = await client.query('select * from posts where id = $1', [id]);
  if (rows.length === 0) return null;
  client.release();
  return rows[0];
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 24,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import Pool from 'pg-pool';
import { Client } from 'pg';
const pool = new Pool<Client>({ max: 5 });
export async function findPost(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from posts where id = $1', [id]);
    if (rows.length === 0) return null;
    return rows[0];
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
    name: '@neondatabase/serverless: a client from the pool released after the query, not in finally',
    code: `import { Pool } from '@neondatabase/serverless';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
pool.on('error', (error: Error) => console.error(error));
export async function findPost(id: string) {
  const client = await pool.connect();
  const { rows } = await client.query('select * from posts where id = $1', [id]);
  client.release();
  return rows[0];
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        column: 24,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from '@neondatabase/serverless';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
pool.on('error', (error: Error) => console.error(error));
export async function findPost(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from posts where id = $1', [id]);
    return rows[0];
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
    name: '@neondatabase/serverless: a pool made per request and never ended',
    code: `import { Pool } from '@neondatabase/serverless';
export async function countPosts() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  pool.on('error', (error: Error) => console.error(error));
  const { rows } = await pool.query('select count(*) from posts');
  return rows[0];
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 16 }],
  },
  {
    name: 'mysql2 callback API: a createConnection connection whose error branch returns before end()',
    code: `import mysql from 'mysql2';
export function runOnce(sql: string, callback: (error: Error | null, rows?: unknown) => void) {
  const connection = mysql.createConnection({ host: '127.0.0.1' });
  connection.query(sql, (error, rows) => {
    if (error) return callback(error);
    connection.end();
    callback(null, rows);
  });
}`,
    errors: [{ messageId: 'notReleased', line: 3 }],
  },
  {
    name: 'pg-promise: a connection from db.connect() not given back when the query rejects',
    code: `${PG_PROMISE}
export async function count(table: string) {
  const sco = await db.connect();
  const row = await sco.one('select count(*) from $1:name', table);
  sco.done();
  return Number(row.count);
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        column: 21,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG_PROMISE}
export async function count(table: string) {
  const sco = await db.connect();
  try {
    const row = await sco.one('select count(*) from $1:name', table);
    return Number(row.count);
  } finally {
    sco.done();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mongoose: a session left open when a write of its transaction rejects',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number, userId: String }));
export async function placeOrder(userId: string, total: number) {
  const session = await mongoose.startSession();
  session.startTransaction();
  await Order.create([{ userId, total }], { session });
  await session.commitTransaction();
  await session.endSession();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 4,
        column: 25,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number, userId: String }));
export async function placeOrder(userId: string, total: number) {
  const session = await mongoose.startSession();
  try {
    session.startTransaction();
    await Order.create([{ userId, total }], { session });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}`,
          },
          {
            messageId: 'useUsing',
            output: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number, userId: String }));
export async function placeOrder(userId: string, total: number) {
  await using session = await mongoose.startSession();
  session.startTransaction();
  await Order.create([{ userId, total }], { session });
  await session.commitTransaction();
}`,
          },
        ],
      },
    ],
  },
  {
    // withTransaction() commits or aborts, but leaves ending the session to its owner.
    name: 'mongoose: a connection\'s session used for withTransaction() and never ended',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number, userId: String }));
export async function placeOrder(userId: string, total: number) {
  const session = await mongoose.connection.startSession();
  await session.withTransaction(async () => {
    await Order.create([{ userId, total }], { session });
  });
}`,
    errors: [{ messageId: 'notReleased', line: 4, column: 25 }],
  },
  {
    // A tenant connection per call: its pool stays open after the count.
    name: 'pool per call: a mongoose connection made per call and never closed',
    code: `import mongoose, { Schema } from 'mongoose';
export async function countOrders(uri: string) {
  const conn = mongoose.createConnection(uri);
  const Orders = conn.model('Order', new Schema({ total: Number }));
  return Orders.countDocuments();
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 16, data: { pool: 'The mongoose pool `conn`', fn: '`countOrders()`', close: '`conn.close()`' } }],
  },
  {
    name: 'promise-mysql: a pooled connection kept on the early return',
    code: `${PROMISE_MYSQL}
export async function findUser(id: number) {
  const conn = await pool.getConnection();
  const rows = await conn.query('select * from users where id = ?', [id]);
  if (rows.length === 0) {
    return null;
  }
  conn.release();
  return rows[0];
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 22,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PROMISE_MYSQL}
export async function findUser(id: number) {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select * from users where id = ?', [id]);
    if (rows.length === 0) {
      return null;
    }
    return rows[0];
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
    name: 'promise-mysql: a createConnection() connection not ended when the query rejects',
    code: `import mysql from 'promise-mysql';
export async function runOnce(sql: string) {
  const connection = await mysql.createConnection({ host: '127.0.0.1' });
  const rows = await connection.query(sql);
  await connection.end();
  return rows;
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 3,
        column: 28,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mysql from 'promise-mysql';
export async function runOnce(sql: string) {
  const connection = await mysql.createConnection({ host: '127.0.0.1' });
  try {
    const rows = await connection.query(sql);
    return rows;
  } finally {
    await connection.end();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pool per call: a pg pool made per call, the promise of its query returned',
    code: `import { Pool } from 'pg';
export function monthlyReport(month: string) {
  const reports = new Pool({ connectionString: process.env.REPORTS_URL });
  return reports.query('select * from monthly where month = $1', [month]);
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 19, data: { pool: 'The pg pool `reports`', fn: '`monthlyReport()`', close: '`reports.end()`' } }],
  },
  {
    // The rows are returned, not the pool: a new pool per call all the same.
    name: 'pool per call: a promise-mysql pool made per call, its query result returned',
    code: `import mysql from 'promise-mysql';
export async function legacyLookup(sql: string) {
  const legacy = await mysql.createPool({ host: 'legacy-db' });
  return legacy.query(sql);
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 24, data: { pool: 'The promise-mysql pool `legacy`', fn: '`legacyLookup()`', close: '`legacy.end()`' } }],
  },
  {
    // A callback API made awaitable (util.promisify) acquires all the same; the bound query
    // function is another name for the connection, not a hand-off.
    name: 'mysql (mysqljs): a connection from util.promisify(pool.getConnection) never released',
    code: `${MYSQLJS}import util from 'node:util';
const getConnection = util.promisify(pool.getConnection).bind(pool);
export async function list() {
  const conn = await getConnection();
  const query = util.promisify(conn.query).bind(conn);
  return query('select * from users');
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 22,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MYSQLJS}import util from 'node:util';
const getConnection = util.promisify(pool.getConnection).bind(pool);
export async function list() {
  const conn = await getConnection();
  try {
    const query = util.promisify(conn.query).bind(conn);
    return await query('select * from users');
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
    name: 'mysql (mysqljs): a promisified getConnection exported in an object, under another name, never released',
    code: `${MYSQLJS}import { promisify } from 'node:util';
const db = { getConnectionAsync: promisify(pool.getConnection).bind(pool) };
export async function find(id: number) {
  const conn = await db.getConnectionAsync();
  const rows = (await promisify(conn.query).bind(conn)({ sql: 'select * from users where id = ?', values: [id] })) as unknown[];
  return rows[0] ?? null;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 22,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MYSQLJS}import { promisify } from 'node:util';
const db = { getConnectionAsync: promisify(pool.getConnection).bind(pool) };
export async function find(id: number) {
  const conn = await db.getConnectionAsync();
  try {
    const rows = (await promisify(conn.query).bind(conn)({ sql: 'select * from users where id = ?', values: [id] })) as unknown[];
    return rows[0] ?? null;
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
    name: 'mysql (mysqljs): the error branch of the query returns without release',
    code: `${MYSQLJS}
export function list(callback: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, conn) => {
    if (err) return callback(err);
    conn.query('select * from users', (queryError, rows) => {
      if (queryError) return callback(queryError);
      conn.release();
      callback(null, rows);
    });
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 21 }],
  },
  {
    name: 'mysql (mysqljs): a createConnection connection whose error branch returns before end()',
    code: `import mysql from 'mysql';
export function runOnce(sql: string, callback: (error: Error | null, rows?: unknown) => void) {
  const connection = mysql.createConnection({ host: '127.0.0.1' });
  connection.connect();
  connection.query(sql, (error, rows) => {
    if (error) return callback(error);
    connection.end();
    callback(null, rows);
  });
}`,
    errors: [{ messageId: 'notReleased', line: 3 }],
  },
  {
    name: 'mysql (mysqljs): a pool made per call and never ended',
    code: `import mysql from 'mysql';
export function report(id: number, callback: (error: Error | null, rows?: unknown) => void) {
  const pool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 2 });
  pool.query('select * from reports where id = ?', [id], (error, rows) => callback(error, rows));
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, data: { pool: 'The mysql pool `pool`', fn: '`report()`', close: '`pool.end()`' } }],
  },
  {
    // tests/fixtures/project/legacy-db.cjs assigns its factory to `exports`: the caller owns the client.
    name: 'pg: a client from a CommonJS module\'s exports.getClient() factory, never released, from JavaScript',
    filename: 'script.js',
    code: `import db from './project/legacy-db.cjs';
export async function count() {
  const client = await db.getClient();
  return (await client.query('select count(*) from users')).rows;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 3,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import db from './project/legacy-db.cjs';
export async function count() {
  const client = await db.getClient();
  try {
    return (await client.query('select count(*) from users')).rows;
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  // --- a pool made inside a function and left open: one more pool per call --------------
  {
    // The per-request pool behind "too many clients" (brianc/node-postgres#2264).
    name: 'pool per call: a pg pool made in a request handler and never ended',
    code: `import { Pool } from 'pg';
export async function report(id: string) {
  const pool = new Pool({ connectionString: process.env.REPORTS_URL });
  const { rows } = await pool.query('select * from reports where id = $1', [id]);
  return rows;
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 16, data: { pool: 'The pg pool `pool`', fn: '`report()`', close: '`pool.end()`' } }],
  },
  {
    name: 'pool per call: a postgres.js client made per call and used as a tag',
    code: `import postgres from 'postgres';
export const countUsers = async (url: string) => {
  const sql = postgres(url);
  const [row] = await sql\`select count(*) from users\`;
  return row;
};`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 15, data: { pool: 'The postgres pool `sql`', fn: '`countUsers()`', close: '`sql.end()`' } }],
  },
  {
    // The serverless anti-pattern: each invocation opens a client with its own pool.
    name: 'pool per call: a MongoClient made in a handler and never closed',
    code: `import { MongoClient } from 'mongodb';
export async function handler(event: { id: string }) {
  const client = new MongoClient(process.env.MONGO_URL!);
  await client.connect();
  return client.db('app').collection('orders').findOne({ id: event.id });
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 18, data: { pool: 'The mongodb pool `client`', fn: '`handler()`', close: '`client.close()`' } }],
  },
  {
    // dadi/api#43, mongodb-rest#3: the static connect() per call, each with its own pool.
    name: 'pool per call: MongoClient.connect() in a function, never closed',
    code: `import { MongoClient } from 'mongodb';
export async function countOrders(url: string) {
  const client = await MongoClient.connect(url);
  const db = client.db('shop');
  return db.collection('orders').countDocuments();
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 24, data: { pool: 'The mongodb pool `client`', fn: '`countOrders()`', close: '`client.close()`' } }],
  },
  {
    name: 'pool per call: a mysql2 pool made and queried in one expression',
    code: `import mysql from 'mysql2/promise';
export async function legacyLookup(id: number) {
  const [rows] = await mysql.createPool({ host: 'legacy-db' }).query('select * from items where id = ?', [id]);
  return rows;
}`,
    errors: [{ messageId: 'poolNeverClosed', line: 3, column: 24, data: { pool: 'This mysql2 pool', fn: '`legacyLookup()`', close: '`pool.end()`' } }],
  },
  // --- classes that keep a client in a field ---------------------------------------------------
  {
    // The class checks a client out into a private field and has no member that releases it:
    // each start() keeps one connection for good.
    name: 'class: a private client filled in start() that no member releases',
    code: `${PG}export class Poller {
  private client: PoolClient | undefined;
  async start() {
    this.client = await pool.connect();
    await this.client.query('LISTEN jobs');
  }
  async poll() {
    return (await this.client!.query('select * from jobs')).rows;
  }
}`,
    errors: [{ messageId: 'unreleasedField', line: 6, column: 25, endLine: 6, endColumn: 39 }],
  },
  {
    name: 'class: a #private connection that no member releases',
    code: `${MYSQL}export class Exporter {
  #connection: mysql.PoolConnection | undefined;
  async open() {
    this.#connection = await pool.getConnection();
  }
  async rows() {
    const [rows] = await this.#connection!.query('select * from orders');
    return rows;
  }
}`,
    errors: [{ messageId: 'unreleasedField', line: 6, column: 30, endLine: 6, endColumn: 50 }],
  },
  // --- acquired on some paths only ------------------------------------------------------------
  {
    // typeorm/typeorm#8969: the runner made when the caller passed none is never released.
    name: 'TypeORM: a runner made when the caller passed none, used in a callback, never released',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export async function remove(keys: string[], queryRunner?: QueryRunner) {
  const runner = queryRunner ?? dataSource.createQueryRunner();
  await Promise.all(keys.map((key) => runner.manager.delete('cache', { key })));
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 33 }],
  },
  {
    // typeorm/typeorm#12797: the helper returns the caller's runner, or else a new one.
    name: 'TypeORM: a runner from a helper that makes one unless given one, never released',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class CacheTable {
  async clear(queryRunner?: QueryRunner) {
    const runner = this.runnerFor(queryRunner);
    await runner.clearTable('query_result_cache');
  }
  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? dataSource.createQueryRunner();
  }
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 20,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class CacheTable {
  async clear(queryRunner?: QueryRunner) {
    const runner = this.runnerFor(queryRunner);
    try {
      await runner.clearTable('query_result_cache');
    } finally {
      if (runner !== queryRunner) await runner.release();
    }
  }
  private runnerFor(queryRunner?: QueryRunner): QueryRunner {
    return queryRunner ?? dataSource.createQueryRunner();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: a runner made when the builder has none, released only when the builder has one',
    code: `${TYPEORM}import type { QueryRunner } from 'typeorm';
export class Builder {
  constructor(private readonly queryRunner?: QueryRunner) {}
  async rows(sql: string) {
    const queryRunner = this.queryRunner || dataSource.createQueryRunner();
    try {
      return await queryRunner.query(sql);
    } finally {
      if (this.queryRunner) await queryRunner.release();
    }
  }
}`,
    errors: [{ messageId: 'notReleased', line: 7, column: 45 }],
  },
  {
    // A lazy query runner connects on any use, also through its manager: then it must be released.
    name: 'TypeORM: a query runner used only through its manager, never released',
    code: `${TYPEORM}
export async function count() {
  const runner = dataSource.createQueryRunner();
  return runner.manager.query('select count(*) from users');
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}
export async function count() {
  const runner = dataSource.createQueryRunner();
  try {
    return await runner.manager.query('select count(*) from users');
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
    name: 'TypeORM: a query runner created for its manager and dropped on the spot',
    code: `${TYPEORM}
export function repository() {
  return dataSource.createQueryRunner().manager.getRepository('User');
}`,
    errors: [{ messageId: 'discarded', line: 5, column: 10, endLine: 5, endColumn: 40 }],
  },
  {
    // Released only if the request is aborted: every request that completes keeps its client.
    name: 'pg: a release registered on an abort signal, not on the resource ending',
    code: `${PG}
export async function stream(signal: AbortSignal) {
  const client = await pool.connect();
  signal.addEventListener('abort', () => client.release());
  await client.query('select 1');
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  // --- ownership by evidence ------------------------------------------------------------------
  {
    // The release after the call shows this function kept the client: the callback borrowed it.
    name: 'mysql2: a connection handed to a callback parameter, released after it outside finally',
    code: `${MYSQL}
export async function withConnection(work: (conn: mysql.PoolConnection) => Promise<void>) {
  const conn = await pool.getConnection();
  await work(conn);
  conn.release();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        column: 22,
        endLine: 5,
        endColumn: 42,
        suggestions: [
          { messageId: 'wrapInTryFinally', output: `${MYSQL}
export async function withConnection(work: (conn: mysql.PoolConnection) => Promise<void>) {
  const conn = await pool.getConnection();
  try {
    await work(conn);
  } finally {
    conn.release();
  }
}` },
          { messageId: 'useUsing', data: { keyword: 'await using' }, output: `${MYSQL}
export async function withConnection(work: (conn: mysql.PoolConnection) => Promise<void>) {
  await using conn = await pool.getConnection();
  await work(conn);
}` },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: a query runner passed inside an options object to unknown code, released after',
    code: `${TYPEORM}
declare function migrate(options: { queryRunner: import('typeorm').QueryRunner }): Promise<void>;
export async function run() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await migrate({ queryRunner });
  await queryRunner.release();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 6,
        column: 23,
        endLine: 6,
        endColumn: 53,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}
declare function migrate(options: { queryRunner: import('typeorm').QueryRunner }): Promise<void>;
export async function run() {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await migrate({ queryRunner });
  } finally {
    await queryRunner.release();
  }
}`,
          },
        ],
      },
    ],
  },
  // --- the try/finally suggestion awaits a returned promise, so the release waits for it ----
  {
    name: 'pg: suggestion awaits `return client.query(…)`, not a value read from an awaited result',
    code: `${PG}
export async function find(id: string) {
  const client = await pool.connect();
  if (!id) return client.query('select 1');
  const result = await client.query('select * from users where id = $1', [id]);
  client.release();
  return result.rows[0] ?? null;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [{ messageId: 'wrapInTryFinally', output: `${PG}
export async function find(id: string) {
  const client = await pool.connect();
  try {
    if (!id) return await client.query('select 1');
    const result = await client.query('select * from users where id = $1', [id]);
    return result.rows[0] ?? null;
  } finally {
    client.release();
  }
}` }] }],
  },
  {
    name: 'pg: suggestion awaits a returned constant that holds a promise (its initialiser is not awaited)',
    code: `${PG}
export async function count(flag: boolean) {
  const client = await pool.connect();
  const pending = client.query('select count(*) from users');
  if (flag) return pending;
  client.release();
  return null;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [{ messageId: 'wrapInTryFinally', output: `${PG}
export async function count(flag: boolean) {
  const client = await pool.connect();
  try {
    const pending = client.query('select count(*) from users');
    if (flag) return await pending;
    return null;
  } finally {
    client.release();
  }
}` }] }],
  },
  // --- exceptions that matter: the ones that realistically throw are still reported ---------
  {
    name: 'pg: JSON.parse between the acquisition and the release throws on bad input',
    code: `${PG}
export async function save(body: string) {
  const client = await pool.connect();
  const payload = JSON.parse(body) as { id: string };
  client.release();
  return payload.id;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 24, endLine: 5, endColumn: 38, suggestions: [{ messageId: 'wrapInTryFinally', output: `${PG}
export async function save(body: string) {
  const client = await pool.connect();
  try {
    const payload = JSON.parse(body) as { id: string };
    return payload.id;
  } finally {
    client.release();
  }
}` }] }],
  },
  {
    name: 'pg: a project function whose body throws, called before the release',
    code: `${PG}
function validate(id: string): void {
  if (!/^[0-9]+$/.test(id)) throw new Error('bad id');
}
export async function load(id: string) {
  const client = await pool.connect();
  validate(id);
  client.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 8, column: 24, endLine: 8, endColumn: 38, suggestions: [{ messageId: 'wrapInTryFinally', output: `${PG}
function validate(id: string): void {
  if (!/^[0-9]+$/.test(id)) throw new Error('bad id');
}
export async function load(id: string) {
  const client = await pool.connect();
  try {
    validate(id);
  } finally {
    client.release();
  }
}` }] }],
  },
  {
    name: 'pg: with exceptions: all, any call between is a way out',
    options: [{ exceptions: 'all' }],
    code: `${PG}
export async function track() {
  const client = await pool.connect();
  const seen = new Map<string, number>();
  client.release();
  return seen;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 24, endLine: 5, endColumn: 38, suggestions: [{ messageId: 'wrapInTryFinally', output: `${PG}
export async function track() {
  const client = await pool.connect();
  try {
    const seen = new Map<string, number>();
    return seen;
  } finally {
    client.release();
  }
}` }] }],
  },
  {
    // The twin: released only while a transaction is still active, which commit just ended.
    name: 'TypeORM: finally releases only while a transaction is active',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.query('update users set name = $1 where id = $2', [name, id]);
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) {
      await runner.release();
    }
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 18, endLine: 5, endColumn: 48 }],
  },
  // --- messages -------------------------------------------------------------------------
  {
    // A tagged template holds backticks: the message quotes it with a double fence, intact.
    name: 'postgres.js: a tagged-template query throws before the release (the message quotes the template intact)',
    code: `${POSTGRES}
export async function resetSession() {
  const reserved = await sql.reserve();
  await reserved\`RESET ALL\`;
  reserved.release();
}`,
    errors: [
      {
        messageId: 'notReleasedOnException',
        line: 5,
        data: { resource: '`reserved` (the reserved connection from `sql.reserve()`)', call: '`` reserved`RESET ALL` ``', line: 6, more: '' },
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${POSTGRES}
export async function resetSession() {
  const reserved = await sql.reserve();
  try {
    await reserved\`RESET ALL\`;
  } finally {
    reserved.release();
  }
}`,
          },
        ],
      },
    ],
  },
  // --- pg -------------------------------------------------------------------------------
  {
    name: 'pg: early return when the row is not found',
    code: `${PG}
export async function findUser(id: string) {
  const client = await pool.connect();
  const result = await client.query('select * from users where id = $1', [id]);
  if (result.rowCount === 0) return null;
  client.release();
  return result.rows[0];
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function findUser(id: string) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    if (result.rowCount === 0) return null;
    return result.rows[0];
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a query between acquire and release throws',
    code: `${PG}
export async function touch() {
  const client = await pool.connect();
  await client.query('update t set touched = now()');
  client.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function touch() {
  const client = await pool.connect();
  try {
    await client.query('update t set touched = now()');
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: throw before the release',
    code: `${PG}
export async function checked(id: string) {
  const client = await pool.connect();
  if (!id) throw new Error('id required');
  try {
    await client.query('select $1', [id]);
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: release in only one branch',
    code: `${PG}
export async function maybe(flag: boolean) {
  const client = await pool.connect();
  if (flag) {
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: release only in catch; the success path keeps the client',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release();
    throw error;
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: catch swallows the error and returns without releasing',
    code: `${PG}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch {
    return false;
  }
  client.release();
  return true;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function run() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch {
      return false;
    }
    return true;
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: break out of the loop body that owns the client',
    code: `${PG}
export async function firstMatch(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    const { rowCount } = await client.query('select 1 from t where id = $1', [id]).catch(() => ({ rowCount: 0 }));
    if (rowCount) break;
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 6, column: 26, endLine: 6, endColumn: 40,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function firstMatch(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      const { rowCount } = await client.query('select 1 from t where id = $1', [id]).catch(() => ({ rowCount: 0 }));
      if (rowCount) break;
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: continue skips the release',
    code: `${PG}
export async function each(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    if (!id) continue;
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 6, column: 26, endLine: 6, endColumn: 40,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function each(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (!id) continue;
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: labelled break leaves the owning loop',
    code: `${PG}
export async function scan(batches: string[][]) {
  outer: for (const batch of batches) {
    const client = await pool.connect();
    for (const id of batch) {
      if (id === 'stop') break outer;
    }
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 6, column: 26, endLine: 6, endColumn: 40,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export async function scan(batches: string[][]) {
  outer: for (const batch of batches) {
    const client = await pool.connect();
    try {
      for (const id of batch) {
        if (id === 'stop') break outer;
      }
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: the acquired client is discarded',
    code: `${PG}
export async function warmUp() {
  await pool.connect();
}`,
    errors: [{ messageId: 'discarded', line: 5, column: 9, endLine: 5, endColumn: 23 }],
  },
  {
    name: 'pg: the acquired client is used once and dropped',
    code: `${PG}
export async function ping() {
  return (await pool.connect()).query('select 1');
}`,
    errors: [{ messageId: 'discarded', line: 5, column: 17, endLine: 5, endColumn: 31 }],
  },
  {
    name: 'pg: a variable outside the loop is overwritten on the next iteration',
    code: `${PG}
export async function all(ids: string[]) {
  let client: PoolClient;
  for (const id of ids) {
    client = await pool.connect();
    await client.query('select $1', [id]).catch(() => undefined);
  }
}`,
    errors: [{ messageId: 'overwritten', line: 7, column: 20, endLine: 7, endColumn: 34 }],
  },
  {
    name: 'pg: the variable is reassigned before the release',
    code: `${PG}
export async function twice() {
  let client = await pool.connect();
  client = await pool.connect();
  client.release();
}`,
    errors: [{ messageId: 'overwritten', line: 5, column: 22, endLine: 5, endColumn: 36 }],
  },
  {
    name: 'pg callback form: done never called',
    code: `${PG}
export function list() {
  pool.connect((err, client, done) => {
    if (err) throw err;
    client!.query('select * from users', (queryError, result) => {
      console.log(result.rows);
    });
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 15 }],
  },
  {
    name: 'pg callback form: done in only one branch',
    code: `${PG}
export function list(flag: boolean) {
  pool.connect((err, client, done) => {
    if (err) throw err;
    if (flag) done();
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 15 }],
  },
  {
    name: 'pg: release only in .then(), nothing on rejection',
    code: `${PG}
export async function count() {
  const client = await pool.connect();
  return client.query('select count(*) from users').then((result) => {
    client.release();
    return result.rows;
  });
}`,
    errors: [{ messageId: 'releasedOnlyOnFulfilled', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: .then() form that never releases',
    code: `${PG}
export function count() {
  return pool.connect().then(async (client) => {
    const result = await client.query('select 1');
    return result.rows;
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 10, endLine: 5, endColumn: 24 }],
  },
  {
    name: 'pg: return inside a switch case before the release',
    code: `${PG}
export async function act(kind: string) {
  const client = await pool.connect();
  switch (kind) {
    case 'skip':
      return 0;
    default:
      client.release();
  }
  return 1;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: an await before the try/finally can throw',
    code: `${PG}
declare function loadConfig(): Promise<string>;
export async function run() {
  const client = await pool.connect();
  const name = await loadConfig();
  try {
    await client.query('select $1', [name]);
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 6, column: 24, endLine: 6, endColumn: 38 }],
  },
  {
    name: 'pg: early return before the try/finally',
    code: `${PG}
export async function run(id?: string) {
  const client = await pool.connect();
  if (!id) return;
  try {
    await client.query('select $1', [id]);
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: a class method never releases',
    code: `${PG}
export class UserRepository {
  constructor(private readonly db: Pool) {}
  async find(id: string) {
    const client = await this.db.connect();
    const result = await client.query('select * from users where id = $1', [id]);
    return result.rows[0];
  }
}`,
    errors: [{ messageId: 'notReleased', line: 7, column: 26, endLine: 7, endColumn: 43,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
export class UserRepository {
  constructor(private readonly db: Pool) {}
  async find(id: string) {
    const client = await this.db.connect();
    try {
      const result = await client.query('select * from users where id = $1', [id]);
      return result.rows[0];
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: an Express-style handler without finally',
    code: `${PG}
type Handler = (req: { params: { id: string } }, res: { json(body: unknown): void }) => Promise<void>;
export const getUser: Handler = async (req, res) => {
  const client = await pool.connect();
  const result = await client.query('select * from users where id = $1', [req.params.id]);
  res.json(result.rows[0]);
  client.release();
};`,
    errors: [{ messageId: 'notReleasedOnException', line: 6, column: 24, endLine: 6, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
type Handler = (req: { params: { id: string } }, res: { json(body: unknown): void }) => Promise<void>;
export const getUser: Handler = async (req, res) => {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [req.params.id]);
    res.json(result.rows[0]);
  } finally {
    client.release();
  }
};`,
          },
        ],
      }],
  },
  {
    name: 'pg: release in finally only when a flag is set',
    code: `${PG}
export async function run(keep: boolean) {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    if (!keep) client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  {
    name: 'pg: passed to a project function that only borrows it',
    code: `${PG}
async function count(client: PoolClient) {
  return (await client.query('select count(*) from users')).rows;
}
export async function run() {
  const client = await pool.connect();
  const rows = await count(client);
  client.release();
  return rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 8, column: 24, endLine: 8, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
async function count(client: PoolClient) {
  return (await client.query('select count(*) from users')).rows;
}
export async function run() {
  const client = await pool.connect();
  try {
    const rows = await count(client);
    return rows;
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: passed to a function in another file that only borrows it',
    code: `${PG}import { countUsers } from './project/db-helpers';
export async function run() {
  const client = await pool.connect();
  const users = await countUsers(client);
  if (users === 0) return 0;
  client.release();
  return users;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 24, endLine: 5, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}import { countUsers } from './project/db-helpers';
export async function run() {
  const client = await pool.connect();
  try {
    const users = await countUsers(client);
    if (users === 0) return 0;
    return users;
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: with unknownCalls=borrow, passing to a library function is not a transfer',
    code: `${PG}
declare function audit(client: PoolClient): void;
export async function run() {
  const client = await pool.connect();
  audit(client);
}`,
    options: [{ unknownCalls: 'borrow' }],
    errors: [{ messageId: 'notReleased', line: 6, column: 24, endLine: 6, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
declare function audit(client: PoolClient): void;
export async function run() {
  const client = await pool.connect();
  try {
    audit(client);
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: standalone Client not ended when a query throws',
    code: `${PG}
export async function once() {
  const client = new Client();
  await client.connect();
  const result = await client.query('select now()');
  await client.end();
  return result.rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 6, column: 9, endLine: 6, endColumn: 25 }],
  },
  {
    name: 'pg: do-while loop breaks out with the client held',
    code: `${PG}
declare function more(): boolean;
export async function drain() {
  do {
    const client = await pool.connect();
    if (!more()) break;
    client.release();
  } while (true);
}`,
    errors: [{ messageId: 'notReleased', line: 7, column: 26, endLine: 7, endColumn: 40,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
declare function more(): boolean;
export async function drain() {
  do {
    const client = await pool.connect();
    try {
      if (!more()) break;
    } finally {
      client.release();
    }
  } while (true);
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: while loop returns from inside with the client held',
    code: `${PG}
declare function next(): Promise<string | null>;
export async function poll() {
  const client = await pool.connect();
  try {
    while (true) {
      const job = await next();
      if (job) return job;
    }
  } catch {
    client.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 6, column: 24, endLine: 6, endColumn: 38 }],
  },
  {
    // GEOLYTIX/xyz#2724: the ACL pool's client was not released when its query threw.
    name: 'pg: a JavaScript pool declared empty and assigned at start-up, the client not released when the query throws',
    filename: 'script.js',
    code: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
export const init = (() => {
  pool = new pg.Pool({ connectionString: process.env.ACL });
  return acl;
})();
async function acl(q, arr) {
  try {
    const client = await pool.connect();
    const { rows } = await client.query(q, arr);
    client.release();
    return rows;
  } catch (err) {
    return err;
  }
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 10, column: 26, endLine: 10, endColumn: 40,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
export const init = (() => {
  pool = new pg.Pool({ connectionString: process.env.ACL });
  return acl;
})();
async function acl(q, arr) {
  try {
    const client = await pool.connect();
    try {
      const { rows } = await client.query(q, arr);
      return rows;
    } finally {
      client.release();
    }
  } catch (err) {
    return err;
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a JavaScript pool made lazily by a getter, the client not released when the query throws',
    filename: 'script.js',
    code: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
function getPool() {
  if (!pool) {
    pool = new pg.Pool({ max: 5 });
  }
  return pool;
}
export async function findUser(id) {
  const client = await getPool().connect();
  const { rows } = await client.query('select * from users where id = $1', [id]);
  client.release();
  return rows[0];
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 11, column: 24, endLine: 11, endColumn: 43,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `// @ts-nocheck: untyped JavaScript, as a project without checkJs has it
import pg from 'pg';
let pool;
function getPool() {
  if (!pool) {
    pool = new pg.Pool({ max: 5 });
  }
  return pool;
}
export async function findUser(id) {
  const client = await getPool().connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [id]);
    return rows[0];
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a JavaScript file checked through allowJs, not released when a query throws',
    filename: 'script.js',
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  const result = await client.query('select 1');
  client.release();
  return result.rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 4, column: 24, endLine: 4, endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  try {
    const result = await client.query('select 1');
    return result.rows;
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a subclass of Pool is still a pool',
    code: `${PG}
class AppPool extends Pool {}
const appPool = new AppPool();
export async function run() {
  const client = await appPool.connect();
  await client.query('select 1');
  client.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 7, column: 24, endLine: 7, endColumn: 41,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
class AppPool extends Pool {}
const appPool = new AppPool();
export async function run() {
  const client = await appPool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a Pool reached through a type alias and a union with undefined',
    code: `${PG}
type Db = Pool;
declare const maybePool: Db | undefined;
export async function run() {
  const client = await maybePool!.connect();
  if (Math.random() > 0.5) return;
  client.release();
}`,
    errors: [{ messageId: 'notReleased', line: 7, column: 24, endLine: 7, endColumn: 44,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
type Db = Pool;
declare const maybePool: Db | undefined;
export async function run() {
  const client = await maybePool!.connect();
  try {
    if (Math.random() > 0.5) return;
  } finally {
    client.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'pg: a factory whose setup query throws leaks the client it meant to return',
    code: `${PG}
export async function getClient(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("set application_name = 'worker'");
  return client;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 24, endLine: 5, endColumn: 38 }],
  },
  // --- mysql2 ---------------------------------------------------------------------------
  {
    name: 'mysql2: early return when the order is missing',
    code: `${MYSQL}
export async function findOrder(id: number) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query<mysql.RowDataPacket[]>('select * from orders where id = ?', [id]);
  if (rows.length === 0) return null;
  conn.release();
  return rows[0];
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 22, endLine: 5, endColumn: 42,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MYSQL}
export async function findOrder(id: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('select * from orders where id = ?', [id]);
    if (rows.length === 0) return null;
    return rows[0];
  } finally {
    conn.release();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MYSQL}
export async function findOrder(id: number) {
  await using conn = await pool.getConnection();
  const [rows] = await conn.query<mysql.RowDataPacket[]>('select * from orders where id = ?', [id]);
  if (rows.length === 0) return null;
  return rows[0];
}`,
          },
        ],
      }],
  },
  {
    name: 'mysql2: execute() throws before the release',
    code: `${MYSQL}
export async function touch() {
  const conn = await pool.getConnection();
  await conn.execute('update t set touched = now()');
  conn.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 22, endLine: 5, endColumn: 42,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MYSQL}
export async function touch() {
  const conn = await pool.getConnection();
  try {
    await conn.execute('update t set touched = now()');
  } finally {
    conn.release();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MYSQL}
export async function touch() {
  await using conn = await pool.getConnection();
  await conn.execute('update t set touched = now()');
}`,
          },
        ],
      }],
  },
  {
    name: 'mysql2: pool.releaseConnection in only one branch',
    code: `${MYSQL}
export async function maybe(flag: boolean) {
  const conn = await pool.getConnection();
  if (flag) pool.releaseConnection(conn);
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 22, endLine: 5, endColumn: 42 }],
  },
  {
    name: 'mysql2: a PoolCluster connection is a pooled connection too',
    code: `import mysql from 'mysql2/promise';
declare const cluster: mysql.PoolCluster;
export async function run() {
  const conn = await cluster.getConnection('replica*');
  await conn.query('select 1');
  conn.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 4, column: 22, endLine: 4, endColumn: 55,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mysql from 'mysql2/promise';
declare const cluster: mysql.PoolCluster;
export async function run() {
  const conn = await cluster.getConnection('replica*');
  try {
    await conn.query('select 1');
  } finally {
    conn.release();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `import mysql from 'mysql2/promise';
declare const cluster: mysql.PoolCluster;
export async function run() {
  await using conn = await cluster.getConnection('replica*');
  await conn.query('select 1');
}`,
          },
        ],
      }],
  },
  {
    name: 'mysql2: standalone createConnection never ended',
    code: `import mysql from 'mysql2/promise';
export async function once() {
  const conn = await mysql.createConnection({ host: '127.0.0.1' });
  const [rows] = await conn.query('select 1');
  return rows;
}`,
    errors: [{ messageId: 'notReleased', line: 3, column: 22, endLine: 3, endColumn: 67,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mysql from 'mysql2/promise';
export async function once() {
  const conn = await mysql.createConnection({ host: '127.0.0.1' });
  try {
    const [rows] = await conn.query('select 1');
    return rows;
  } finally {
    await conn.end();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `import mysql from 'mysql2/promise';
export async function once() {
  await using conn = await mysql.createConnection({ host: '127.0.0.1' });
  const [rows] = await conn.query('select 1');
  return rows;
}`,
          },
        ],
      }],
  },
  {
    name: 'mysql2 callback API: error branch of the query returns without release',
    code: `${MYSQL_CALLBACK}
export function list(callback: (error: Error | null, rows?: unknown) => void) {
  pool.getConnection((err, conn) => {
    if (err) return callback(err);
    conn.query('select * from users', (queryError, rows) => {
      if (queryError) return callback(queryError);
      conn.release();
      callback(null, rows);
    });
  });
}`,
    // The release is in a callback, so it counts where registered; the miss is the error branch
    // inside that callback, which the rule reports as the callback leaking.
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 21 }],
  },
  {
    name: 'mysql2 callback API: connection never released',
    code: `${MYSQL_CALLBACK}
export function ping() {
  pool.getConnection((err, conn) => {
    if (err) throw err;
    conn.ping();
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 21 }],
  },
  // --- mariadb --------------------------------------------------------------------------
  {
    name: 'mariadb: query throws before the release',
    code: `${MARIADB}
export async function names() {
  const conn = await pool.getConnection();
  const rows = await conn.query('select name from users');
  await conn.release();
  return rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 22, endLine: 5, endColumn: 42,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MARIADB}
export async function names() {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select name from users');
    return rows;
  } finally {
    await conn.release();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MARIADB}
export async function names() {
  await using conn = await pool.getConnection();
  const rows = await conn.query('select name from users');
  return rows;
}`,
          },
        ],
      }],
  },
  {
    name: 'mariadb: early return',
    code: `${MARIADB}
export async function name(id: number) {
  const conn = await pool.getConnection();
  const rows = await conn.query('select name from users where id = ?', [id]).catch(() => []);
  if (rows.length === 0) return null;
  await conn.release();
  return rows[0];
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 22, endLine: 5, endColumn: 42,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MARIADB}
export async function name(id: number) {
  const conn = await pool.getConnection();
  try {
    const rows = await conn.query('select name from users where id = ?', [id]).catch(() => []);
    if (rows.length === 0) return null;
    return rows[0];
  } finally {
    await conn.release();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MARIADB}
export async function name(id: number) {
  await using conn = await pool.getConnection();
  const rows = await conn.query('select name from users where id = ?', [id]).catch(() => []);
  if (rows.length === 0) return null;
  return rows[0];
}`,
          },
        ],
      }],
  },
  {
    name: 'mariadb: standalone connection never ended',
    code: `import * as mariadb from 'mariadb';
export async function once() {
  const conn = await mariadb.createConnection({ host: '127.0.0.1' });
  return conn.query('select 1');
}`,
    errors: [{ messageId: 'notReleased', line: 3, column: 22, endLine: 3, endColumn: 69,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import * as mariadb from 'mariadb';
export async function once() {
  const conn = await mariadb.createConnection({ host: '127.0.0.1' });
  try {
    return await conn.query('select 1');
  } finally {
    await conn.end();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `import * as mariadb from 'mariadb';
export async function once() {
  await using conn = await mariadb.createConnection({ host: '127.0.0.1' });
  return conn.query('select 1');
}`,
          },
        ],
      }],
  },
  // --- TypeORM --------------------------------------------------------------------------
  {
    name: 'TypeORM: release not in finally',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.query('update users set name = $1 where id = $2', [name, id]);
  await queryRunner.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 23, endLine: 5, endColumn: 53,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}
export async function rename(id: number, name: string) {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.query('update users set name = $1 where id = $2', [name, id]);
  } finally {
    await queryRunner.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'TypeORM: early return before release',
    code: `${TYPEORM}
export async function exists(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  const rows = await queryRunner.query('select 1 from users where id = $1', [id]).catch(() => []);
  if (rows.length > 0) return true;
  await queryRunner.release();
  return false;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 23, endLine: 5, endColumn: 53,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${TYPEORM}
export async function exists(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  try {
    const rows = await queryRunner.query('select 1 from users where id = $1', [id]).catch(() => []);
    if (rows.length > 0) return true;
    return false;
  } finally {
    await queryRunner.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'TypeORM: release only in catch',
    code: `${TYPEORM}
export async function run() {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.startTransaction();
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    await queryRunner.release();
  }
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 23, endLine: 5, endColumn: 53 }],
  },
  // --- postgres.js ----------------------------------------------------------------------
  {
    name: 'postgres.js: reserved connection not released when a query throws',
    code: `${POSTGRES}
export async function locked() {
  const reserved = await sql.reserve();
  await reserved.unsafe('select pg_advisory_lock(1)');
  reserved.release();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 26, endLine: 5, endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${POSTGRES}
export async function locked() {
  const reserved = await sql.reserve();
  try {
    await reserved.unsafe('select pg_advisory_lock(1)');
  } finally {
    reserved.release();
  }
}`,
          },
        ],
      }],
  },
  {
    name: 'postgres.js: early return keeps the reserved connection',
    code: `${POSTGRES}
export async function locked(id?: number) {
  const reserved = await sql.reserve();
  if (id === undefined) return;
  reserved.release();
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 26, endLine: 5, endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${POSTGRES}
export async function locked(id?: number) {
  const reserved = await sql.reserve();
  try {
    if (id === undefined) return;
  } finally {
    reserved.release();
  }
}`,
          },
        ],
      }],
  },
  // --- oracledb -------------------------------------------------------------------------
  {
    name: 'oracledb: pooled connection not closed when execute throws',
    code: `${ORACLE}
export async function employees() {
  const connection = await pool.getConnection();
  const result = await connection.execute('select * from employees');
  await connection.close();
  return result.rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 28, endLine: 5, endColumn: 48,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
export async function employees() {
  const connection = await pool.getConnection();
  try {
    const result = await connection.execute('select * from employees');
    return result.rows;
  } finally {
    await connection.close();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${ORACLE}
export async function employees() {
  await using connection = await pool.getConnection();
  const result = await connection.execute('select * from employees');
  return result.rows;
}`,
          },
        ],
      }],
  },
  {
    name: 'oracledb: oracledb.getConnection() with an early return',
    code: `${ORACLE}
export async function employee(id?: number) {
  const connection = await oracledb.getConnection();
  if (id === undefined) return null;
  await connection.close();
  return id;
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 28, endLine: 5, endColumn: 52,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${ORACLE}
export async function employee(id?: number) {
  const connection = await oracledb.getConnection();
  try {
    if (id === undefined) return null;
    return id;
  } finally {
    await connection.close();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${ORACLE}
export async function employee(id?: number) {
  await using connection = await oracledb.getConnection();
  if (id === undefined) return null;
  return id;
}`,
          },
        ],
      }],
  },
  {
    name: 'oracledb: callback form never closes',
    code: `${ORACLE}
export function employees() {
  pool.getConnection((err: oracledb.DBError | null, connection?: oracledb.Connection) => {
    if (err) throw err;
    void connection!.execute('select * from employees');
  });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 3, endLine: 5, endColumn: 21 }],
  },
  // --- generic-pool ---------------------------------------------------------------------
  {
    name: 'generic-pool: release skipped when the query throws',
    code: `${GENERIC_POOL}
export async function run() {
  const conn = await pool.acquire();
  const rows = await conn.query('select 1');
  await pool.release(conn);
  return rows;
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 6, column: 22, endLine: 6, endColumn: 36 }],
  },
  {
    name: 'generic-pool: resource discarded',
    code: `${GENERIC_POOL}
export async function warm() {
  await pool.acquire();
}`,
    errors: [{ messageId: 'discarded', line: 6, column: 9, endLine: 6, endColumn: 23 }],
  },
  // --- mongodb --------------------------------------------------------------------------
  {
    name: 'mongodb: session not ended when the update throws',
    code: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  await mongo.db('app').collection('a').updateOne({}, { $inc: { n: 1 } }, { session });
  await session.endSession();
}`,
    errors: [{ messageId: 'notReleasedOnException', line: 5, column: 19, endLine: 5, endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  try {
    await mongo.db('app').collection('a').updateOne({}, { $inc: { n: 1 } }, { session });
  } finally {
    await session.endSession();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MONGO}
export async function move() {
  await using session = mongo.startSession();
  await mongo.db('app').collection('a').updateOne({}, { $inc: { n: 1 } }, { session });
}`,
          },
        ],
      }],
  },
  {
    // Automattic/mongoose#11259: the transaction() helper started a session and never ended it.
    name: 'mongodb: a session handed to the work inside its own withTransaction is still the caller\'s to end',
    code: `${MONGO}
export async function transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = mongo.startSession();
  return session.withTransaction(() => work(session));
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 19, endLine: 5, endColumn: 39 }],
  },
  {
    // The mongoose style: the session reaches the work only in an options bag.
    name: 'mongodb: a session passed as { session } to unknown code inside its own withTransaction, never ended',
    code: `${MONGO}
declare function save(doc: object, options: { session: ClientSession }): Promise<void>;
export async function archive() {
  const session = mongo.startSession();
  await session.withTransaction(() => save({ archived: true }, { session }));
}`,
    errors: [{ messageId: 'notReleased', line: 6, column: 19, endLine: 6, endColumn: 39 }],
  },
  {
    name: 'mongodb: session started and dropped',
    code: `${MONGO}
export function leak() {
  mongo.startSession();
}`,
    errors: [{ messageId: 'discarded', line: 5, column: 3, endLine: 5, endColumn: 23 }],
  },
  {
    name: 'mongodb: session never ended at all',
    code: `${MONGO}
export async function read() {
  const session = mongo.startSession();
  return mongo.db('app').collection('a').findOne({}, { session });
}`,
    errors: [{ messageId: 'notReleased', line: 5, column: 19, endLine: 5, endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${MONGO}
export async function read() {
  const session = mongo.startSession();
  try {
    return await mongo.db('app').collection('a').findOne({}, { session });
  } finally {
    await session.endSession();
  }
}`,
          },
          {
            messageId: 'useUsing', data: { keyword: 'await using' },
            output: `${MONGO}
export async function read() {
  await using session = mongo.startSession();
  return mongo.db('app').collection('a').findOne({}, { session });
}`,
          },
        ],
      }],
  },
  // --- project wrappers: owned when this function releases the value somewhere ----------
  {
    name: 'wrapper: a client from a project wrapper in another file, early return',
    code: `${PG}import { Database } from './project/db-helpers';
const db = new Database(pool);
export async function find(id: string) {
  const client = await db.getClient();
  const result = await client.query('select * from users where id = $1', [id]).catch(() => null);
  if (!result) return null;
  client.release();
  return result.rows;
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 24,
        endLine: 6,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}import { Database } from './project/db-helpers';
const db = new Database(pool);
export async function find(id: string) {
  const client = await db.getClient();
  try {
    const result = await client.query('select * from users where id = $1', [id]).catch(() => null);
    if (!result) return null;
    return result.rows;
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
    name: 'wrapper: a client from a factory in another file (Database.getClient) never released',
    code: `${PG}import { Database } from './project/db-helpers';
declare const db: Database;
export async function count() {
  const client = await db.getClient();
  return client.query('select count(*) from users');
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 24,
        endLine: 6,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}import { Database } from './project/db-helpers';
declare const db: Database;
export async function count() {
  const client = await db.getClient();
  try {
    return await client.query('select count(*) from users');
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
    name: 'wrapper: a client from an arrow factory of a factory, never released',
    code: `${PG}
const connect = () => pool.connect();
async function getClient() {
  return connect();
}
export async function touch(id: string) {
  const client = await getClient();
  await client.query('update users set seen = now() where id = $1', [id]);
}`,
    errors: [
      {
        messageId: 'notReleased',
        line: 9,
        column: 24,
        endLine: 9,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `${PG}
const connect = () => pool.connect();
async function getClient() {
  return connect();
}
export async function touch(id: string) {
  const client = await getClient();
  try {
    await client.query('update users set seen = now() where id = $1', [id]);
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  // A project's own resource, declared in settings (tests/fixtures/project/session.ts).
  {
    name: 'settings: an in-house DatabaseSession not closed on the early return',
    code: `import { DatabaseSession } from './project/session';
export async function find(id: string) {
  const session = await DatabaseSession.open();
  const rows = await session.query('select * from users where id = $1', [id]);
  if (rows.length === 0) {
    return null;
  }
  session.close();
  return rows[0];
}`,
    settings: SESSION_SETTINGS,
    errors: [
      {
        messageId: 'notReleased',
        line: 3,
        column: 25,
        endLine: 3,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { DatabaseSession } from './project/session';
export async function find(id: string) {
  const session = await DatabaseSession.open();
  try {
    const rows = await session.query('select * from users where id = $1', [id]);
    if (rows.length === 0) {
      return null;
    }
    return rows[0];
  } finally {
    session.close();
  }
}`,
          },
        ],
      },
    ],
  },
];
