/**
 * Cases for `require-pool-error-handler`, shared by the rule test and the fixture type-check
 * test. `project/pool-events.ts` attaches listeners from another file: to the `sharedPool` a
 * case exports, and inside `logPoolErrors(pool)`.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/require-pool-error-handler.js';

const PG = `import { Pool } from 'pg';
`;
const MSSQL = `import sql from 'mssql';
`;
const MARIADB = `import * as mariadb from 'mariadb';
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // Created inside an object literal typed by an interface, listened on through the field path.
    name: 'pg: a pool kept in an interface-typed field object, listened on as this.conn.pool',
    code: `${PG}
interface Connection {
  pool: Pool;
}
export class Database {
  private conn: Connection | undefined;
  connect() {
    this.conn = { pool: new Pool({ max: 5 }) };
    this.conn.pool.on('error', (error) => console.error(error));
  }
}`,
  },
  {
    name: 'pg: listener attached right after creation',
    code: `${PG}
export const pool = new Pool({ max: 20 });
pool.on('error', (error) => {
  console.error('idle client failed', error);
});`,
  },
  {
    name: 'pg: once() counts as a listener',
    code: `${PG}
const pool = new Pool();
pool.once('error', () => {
  process.exitCode = 1;
});
export default pool;`,
  },
  {
    name: 'pg: prependListener counts',
    code: `${PG}
const pool = new Pool();
pool.prependListener('error', (error) => console.error(error));
export { pool };`,
  },
  {
    name: 'pg: the listener is attached in another file of the program',
    code: `${PG}
export const sharedPool = new Pool({ connectionString: process.env.DATABASE_URL });`,
  },
  {
    name: 'pg: passed to a project function that attaches the listener',
    code: `${PG}
import { logPoolErrors } from './project/pool-events';
export const pool = new Pool();
logPoolErrors(pool);`,
  },
  {
    name: 'pg: a class field with a listener attached in the constructor',
    code: `${PG}
export class Database {
  private readonly pool = new Pool({ max: 10 });
  constructor() {
    this.pool.on('error', (error) => console.error(error));
  }
  query(text: string) {
    return this.pool.query(text);
  }
}`,
  },
  {
    name: 'pg: a field assigned in the constructor, listener on this.pool',
    code: `${PG}
export class Database {
  private readonly pool: Pool;
  constructor(url: string) {
    this.pool = new Pool({ connectionString: url });
    this.pool.on('error', (error) => console.error(error));
  }
}`,
  },
  {
    name: 'pg: a lazily created singleton; the caller listens on the getter result',
    code: `${PG}
let pool: Pool | undefined;
export function getPool(): Pool {
  if (!pool) {
    pool = new Pool();
  }
  return pool;
}
getPool().on('error', (error) => console.error(error));`,
  },
  {
    name: 'pg: a factory that attaches the listener before returning the pool',
    code: `${PG}
export function createPool(url: string): Pool {
  const pool = new Pool({ connectionString: url });
  pool.on('error', (error) => console.error('idle client failed', error));
  return pool;
}`,
  },
  {
    name: 'pg: a factory result stored and listened on by the caller',
    code: `${PG}
function createPool(url: string) {
  return new Pool({ connectionString: url });
}
const pool = createPool(process.env.DATABASE_URL ?? '');
pool.on('error', (error) => console.error(error));`,
  },
  {
    name: 'pg: handed to Prisma\'s driver adapter, which listens on it',
    code: `${PG}
import { PrismaPg } from '@prisma/adapter-pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const adapter = new PrismaPg(pool);`,
  },
  {
    name: 'pg: handed to a framework the analysis does not know (it may listen)',
    code: `${PG}
declare function registerDatabase(options: { pool: Pool }): void;
registerDatabase({ pool: new Pool() });`,
  },
  {
    name: 'pg: passed to an unknown function after creation',
    code: `${PG}
declare const app: { set(key: string, value: unknown): void };
const pool = new Pool();
app.set('db', pool);`,
  },
  {
    name: 'pg: a subclass that listens on itself',
    code: `${PG}
class AppPool extends Pool {
  constructor() {
    super({ max: 5 });
    this.on('error', (error) => console.error(error));
  }
}
export const pool = new AppPool();`,
  },
  {
    name: 'pg: a standalone Client is not a pool',
    code: `${PG}
import { Client } from 'pg';
export async function probe() {
  const client = new Client();
  await client.connect();
  await client.end();
}`,
  },
  {
    name: 'pg: the listener is registered with a const-asserted event name',
    code: `${PG}
const pool = new Pool();
pool.on('error' as const, (error) => console.error(error));
export { pool };`,
  },
  {
    name: 'pg: stored in an object whose properties get listeners',
    code: `${PG}
export const db = { primary: new Pool(), replica: new Pool() };
db.primary.on('error', (error) => console.error(error));
db.replica.on('error', (error) => console.error(error));`,
  },
  {
    name: 'pg: the listener is attached inside an init function',
    code: `${PG}
export const pool = new Pool();
export function installListeners() {
  pool.on('error', (error) => console.error('idle client failed', error));
}`,
  },
  {
    name: 'mssql: ConnectionPool with an error listener',
    code: `${MSSQL}
export const pool = new sql.ConnectionPool({ server: 'localhost', database: 'app' });
pool.on('error', (error) => console.error(error));`,
  },
  {
    // The pool emits `error`, but mariadb's typings leave it out of the pool's events.
    name: 'mariadb: createPool with an error listener, through a cast its typings need',
    code: `${MARIADB}
export const pool = mariadb.createPool({ host: '127.0.0.1', connectionLimit: 5 });
(pool as unknown as NodeJS.EventEmitter).on('error', (error) => console.error(error));`,
  },
  {
    // A pooled connection listens for its own errors and leaves the pool (lib/PoolConnection.js).
    name: 'mysql (mysqljs): its pool does not emit error for idle connections',
    code: `import mysql from 'mysql';
export const pool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 10 });`,
  },
  {
    name: 'mysql2: its pool does not emit error for idle connections',
    code: `${PG}
import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 10 });`,
  },
  {
    name: 'postgres.js: no error events to listen to',
    code: `${PG}
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10 });`,
  },
  {
    name: 'knex: manages its own connections\' errors',
    code: `${PG}
import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });`,
  },
  {
    name: 'pg: the pool is listened on through a second const name',
    code: `${PG}
const pool = new Pool();
const database = pool;
database.on('error', (error) => console.error(error));
export { database };`,
  },
  {
    name: 'pg: the listener is attached to the awaited result of an async factory',
    code: `${PG}
async function connectPool() {
  const pool = new Pool();
  await pool.query('select 1');
  return pool;
}
export async function start() {
  const pool = await connectPool();
  pool.on('error', (error) => console.error(error));
  return pool;
}`,
  },
  {
    // The file never imports pg: the adapter's users hand it their own module (Payload's adapter).
    name: 'pg: a pool built from a pg module the adapter was handed, listened on through the same field',
    code: `import type { PostgresAdapter } from './project/pg-adapter';
export function connect(this: PostgresAdapter): void {
  if (!this.pool) {
    this.pool = new this.pg.Pool(this.poolOptions);
    this.pool.on('error', (error) => console.error('idle client failed', error));
  }
}`,
  },
  {
    name: 'a thread pool built from a module the host was handed is no database pool',
    code: `import type { WorkerHost } from './project/pg-adapter';
export function start(host: WorkerHost): void {
  const workers = new host.threads.Pool(4);
  workers.run(() => undefined);
}`,
  },
  {
    name: 'pg: a LISTEN client with an error listener attached before it listens',
    code: `import { Client } from 'pg';
export async function listenForOrders(onOrder: (id: string) => void): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', (error) => console.error('listener connection failed', error));
  await client.connect();
  client.on('notification', (message) => onOrder(message.payload ?? ''));
  await client.query('LISTEN orders');
}`,
  },
  {
    // The error listener is attached in another member, on the same field.
    name: 'pg: a LISTEN client kept in a field, its error listener attached by another member',
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
pool.on('error', (error) => console.error(error));
export class JobListener {
  private client: PoolClient | undefined;
  async start(): Promise<void> {
    this.client = await pool.connect();
    this.guard();
    this.client.on('notification', () => undefined);
    await this.client.query('LISTEN jobs');
  }
  private guard(): void {
    this.client?.on('error', () => void this.start());
  }
}`,
  },
  {
    // By type, not by name: a project emitter called client is no database connection.
    name: "an EventEmitter called client listening for 'notification' is no pg client",
    code: `import { EventEmitter } from 'node:events';
export const client = new EventEmitter();
client.on('notification', (message: string) => console.log(message));`,
  },
];

export const invalid: Invalid[] = [
  {
    // The twin: the listener is on another field of the same object.
    name: 'pg: a pool kept in a field object whose other pool is the one listened on',
    code: `${PG}
interface Connection {
  pool: Pool;
  replica: Pool;
}
export class Database {
  private conn: Connection | undefined;
  connect() {
    this.conn = { pool: new Pool({ max: 5 }), replica: new Pool({ max: 5 }) };
    this.conn.replica.on('error', (error) => console.error(error));
  }
}`,
    errors: [{ messageId: 'missingListener', line: 10, column: 25, endLine: 10, endColumn: 45 }],
  },
  {
    name: 'pg: module-level pool with no listener',
    code: `${PG}
export const pool = new Pool({ max: 20 });
export async function countUsers() {
  const { rows } = await pool.query('select count(*) from users');
  return Number(rows[0]?.count);
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 42,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
export const pool = new Pool({ max: 20 });
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
export async function countUsers() {
  const { rows } = await pool.query('select count(*) from users');
  return Number(rows[0]?.count);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: listener for a different event only',
    code: `${PG}
export const pool = new Pool();
pool.on('connect', (client) => client.query('set statement_timeout = 5000'));`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
export const pool = new Pool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
pool.on('connect', (client) => client.query('set statement_timeout = 5000'));`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: default export of a new pool',
    code: `${PG}
export default new Pool({ connectionString: process.env.DATABASE_URL });`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 72,
      },
    ],
  },
  {
    name: 'pg: class field without a listener',
    code: `${PG}
export class Database {
  private readonly pool = new Pool({ max: 10 });
  query(text: string) {
    return this.pool.query(text);
  }
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 27,
        endLine: 4,
        endColumn: 48,
      },
    ],
  },
  {
    name: 'pg: field assigned in the constructor without a listener',
    code: `${PG}
export class Database {
  private readonly pool: Pool;
  constructor(url: string) {
    this.pool = new Pool({ connectionString: url });
  }
  query(text: string) {
    return this.pool.query(text);
  }
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'pg: a lazily created singleton nobody listens on',
    code: `${PG}
let pool: Pool | undefined;
export function getPool(): Pool {
  if (!pool) {
    pool = new Pool();
  }
  return pool;
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 6,
        column: 12,
        endLine: 6,
        endColumn: 22,
      },
    ],
  },
  {
    name: 'pg: a factory whose result is never listened on',
    code: `${PG}
export function createPool(url: string): Pool {
  return new Pool({ connectionString: url });
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 45,
      },
    ],
  },
  {
    name: 'pg: passed to a project function that only reads its counters',
    code: `${PG}
import { poolStats } from './project/pool-events';
export const pool = new Pool();
console.log(poolStats(pool));`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
import { poolStats } from './project/pool-events';
export const pool = new Pool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
console.log(poolStats(pool));`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: handed to Drizzle, which does not listen',
    code: `${PG}
import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }));`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 27,
        endLine: 4,
        endColumn: 83,
      },
    ],
  },
  {
    name: 'pg: handed to Kysely\'s dialect, which does not listen',
    code: `${PG}
import { Kysely, PostgresDialect } from 'kysely';
interface Database { users: { id: number } }
export const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });`,
    errors: [
      {
        messageId: 'missingListener',
        line: 5,
        column: 79,
        endLine: 5,
        endColumn: 89,
      },
    ],
  },
  {
    name: 'pg: a pool created per tenant and cached in a map',
    code: `${PG}
const pools = new Map<string, Pool>();
export function poolFor(tenant: string): Pool {
  let pool = pools.get(tenant);
  if (!pool) {
    pool = new Pool({ database: tenant });
    pools.set(tenant, pool);
  }
  return pool;
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'pg: a listener on another pool does not cover this one',
    code: `${PG}
export const primary = new Pool();
export const replica = new Pool({ host: 'replica' });
primary.on('error', (error) => console.error(error));`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 53,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "replica", event: "error" },
            output: `${PG}
export const primary = new Pool();
export const replica = new Pool({ host: 'replica' });
replica.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
primary.on('error', (error) => console.error(error));`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: object property without a listener',
    code: `${PG}
export const db = { primary: new Pool() };`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 30,
        endLine: 3,
        endColumn: 40,
      },
    ],
  },
  {
    name: 'pg: aliased import of the Pool class',
    code: `${PG}
import { Pool as PgPool } from 'pg';
export const pool = new PgPool();`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
import { Pool as PgPool } from 'pg';
export const pool = new PgPool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: namespace import',
    code: `${PG}
import * as pg from 'pg';
export const pool = new pg.Pool({ max: 5 });`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
import * as pg from 'pg';
export const pool = new pg.Pool({ max: 5 });
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: default import of pg',
    code: `${PG}
import pg from 'pg';
export const pool = new pg.Pool();`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
import pg from 'pg';
export const pool = new pg.Pool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a module-level let assigned in an init function',
    code: `${PG}
let pool: Pool;
export function init(url: string) {
  pool = new Pool({ connectionString: url });
}
export const query = (text: string) => pool.query(text);`,
    errors: [
      {
        messageId: 'missingListener',
        line: 5,
        column: 10,
        endLine: 5,
        endColumn: 45,
      },
    ],
  },
  {
    name: 'pg: a subclass that does not listen',
    code: `${PG}
class AppPool extends Pool {
  async health() {
    await this.query('select 1');
  }
}
export const pool = new AppPool();`,
    errors: [
      {
        messageId: 'missingListener',
        line: 8,
        column: 21,
        endLine: 8,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
class AppPool extends Pool {
  async health() {
    await this.query('select 1');
  }
}
export const pool = new AppPool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a pool in a function-scoped variable, used and ended',
    code: `${PG}
export async function migrate(url: string) {
  const pool = new Pool({ connectionString: url });
  try {
    await pool.query('create table if not exists migrations (id text primary key)');
  } finally {
    await pool.end();
  }
}`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 51,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
export async function migrate(url: string) {
  const pool = new Pool({ connectionString: url });
  pool.on('error', (error) => {
    console.error('Unexpected error on an idle database connection', error);
  });
  try {
    await pool.query('create table if not exists migrations (id text primary key)');
  } finally {
    await pool.end();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: removeListener is not a listener',
    code: `${PG}
const onError = (error: Error) => console.error(error);
export const pool = new Pool();
pool.removeListener('error', onError);`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
const onError = (error: Error) => console.error(error);
export const pool = new Pool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
pool.removeListener('error', onError);`,
          },
        ],
      },
    ],
  },
  {
    name: 'mssql: ConnectionPool without a listener',
    code: `${MSSQL}
export const pool = new sql.ConnectionPool({ server: 'localhost', database: 'app' });
export const ready = pool.connect();`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 85,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${MSSQL}
export const pool = new sql.ConnectionPool({ server: 'localhost', database: 'app' });
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
export const ready = pool.connect();`,
          },
        ],
      },
    ],
  },
  {
    name: 'mssql: ConnectionPool from a connection string',
    code: `${MSSQL}
export const pool = new sql.ConnectionPool('Server=localhost;Database=app;');`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 77,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${MSSQL}
export const pool = new sql.ConnectionPool('Server=localhost;Database=app;');
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: createPool without a listener',
    code: `${MARIADB}
export const pool = mariadb.createPool({ host: '127.0.0.1', connectionLimit: 5 });`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 82,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${MARIADB}
export const pool = mariadb.createPool({ host: '127.0.0.1', connectionLimit: 5 });
(pool as unknown as NodeJS.EventEmitter).on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'mariadb: named import of createPool',
    code: `${MARIADB}
import { createPool } from 'mariadb';
export const pool = createPool({ host: '127.0.0.1' });`,
    errors: [
      {
        messageId: 'missingListener',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 54,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${MARIADB}
import { createPool } from 'mariadb';
export const pool = createPool({ host: '127.0.0.1' });
(pool as unknown as NodeJS.EventEmitter).on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: exported inside a services object without any listener',
    code: `${PG}
const pool = new Pool();
export const services = { pool, startedAt: Date.now() };`,
    errors: [
      {
        messageId: 'missingListener',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'addListener',
            data: { target: "pool", event: "error" },
            output: `${PG}
const pool = new Pool();
pool.on('error', (error) => {
  console.error('Unexpected error on an idle database connection', error);
});
export const services = { pool, startedAt: Date.now() };`,
          },
        ],
      },
    ],
  },
  {
    // payloadcms/payload's Postgres adapter (issue 16939: "Uncaught Exception: terminating
    // connection due to administrator command"): the file imports no pg, only the adapter's type.
    name: 'pg: a pool built from a pg module the adapter was handed, with no listener',
    code: `import type { PostgresAdapter } from './project/pg-adapter';
export function connect(this: PostgresAdapter): void {
  if (!this.pool) {
    this.pool = new this.pg.Pool(this.poolOptions);
  }
}`,
    errors: [{ messageId: 'missingListener', line: 4, column: 17, suggestions: [] }],
  },
  {
    // A standalone client kept for LISTEN emits error itself when its connection drops.
    name: 'pg: a LISTEN client with no error listener',
    code: `import { Client } from 'pg';
export async function listenForOrders(onOrder: (id: string) => void): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  client.on('notification', (message) => onOrder(message.payload ?? ''));
  await client.query('LISTEN orders');
}`,
    errors: [
      {
        messageId: 'clientMissingListener',
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'addClientListener',
            data: { target: 'client', event: 'error' },
            output: `import { Client } from 'pg';
export async function listenForOrders(onOrder: (id: string) => void): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  client.on('error', (error) => {
    console.error('Unexpected error on a listening database connection', error);
  });
  client.on('notification', (message) => onOrder(message.payload ?? ''));
  await client.query('LISTEN orders');
}`,
          },
        ],
      },
    ],
  },
  {
    // The shape of constructive-io/constructive#1710's listener (a pooled client checked out for
    // LISTEN and kept on the instance), with no error listener at all: the pool's does not hear it.
    name: 'pg: a pooled client checked out for LISTEN with no error listener of its own',
    code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
pool.on('error', (error) => console.error(error));
export class SchemaWatcher {
  private listenClient: PoolClient | undefined;
  async start(): Promise<void> {
    const client = await pool.connect();
    this.listenClient = client;
    client.on('notification', () => this.reload());
    await client.query('LISTEN "schema:update"');
  }
  private reload(): void {}
}`,
    errors: [
      {
        messageId: 'clientMissingListener',
        line: 9,
        column: 5,
        suggestions: [
          {
            messageId: 'addClientListener',
            data: { target: 'client', event: 'error' },
            output: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
pool.on('error', (error) => console.error(error));
export class SchemaWatcher {
  private listenClient: PoolClient | undefined;
  async start(): Promise<void> {
    const client = await pool.connect();
    this.listenClient = client;
    client.on('error', (error) => {
      console.error('Unexpected error on a listening database connection', error);
    });
    client.on('notification', () => this.reload());
    await client.query('LISTEN "schema:update"');
  }
  private reload(): void {}
}`,
          },
        ],
      },
    ],
  },
];
