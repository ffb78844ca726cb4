/**
 * Cases for `no-network-in-transaction`, shared by the rule test and the fixture type-check
 * test. Every snippet starts with a header that imports the library's real typings, so line
 * numbers in `errors` count the header lines too. The service, the HTTP client and the
 * transaction live in different files where the case says so (tests/fixtures/project/network).
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-network-in-transaction.js';

const PG = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
`;
const KNEX = `import type { Knex } from 'knex';
declare const knex: Knex;
`;
// Objection's model classes, on a knex whose transactions Objection's are.
const OBJECTION = `import { Model } from 'objection';
class Farm extends Model {
  static tableName = 'farms';
}
`;
const PRISMA = `import { PrismaClient } from './generated/prisma/client.js';
declare const prisma: PrismaClient;
`;
const DRIZZLE = `import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
const logs = pgTable('logs', { id: integer('id').primaryKey(), status: text('status') });
const db = drizzle(new Pool());
`;
const KYSELY = `import { Kysely } from 'kysely';
interface Database { logs: { id: number; status: string } }
declare const db: Kysely<Database>;
`;
const TYPEORM = `import { DataSource } from 'typeorm';
declare const dataSource: DataSource;
`;
const SEQUELIZE = `import { Sequelize } from 'sequelize';
declare const sequelize: Sequelize;
`;
const POSTGRES = `import postgres from 'postgres';
const sql = postgres();
`;
const SLONIK = `import { type DatabasePool, sql } from 'slonik';
declare const pool: DatabasePool;
`;
const MONGO = `import { MongoClient } from 'mongodb';
declare const mongo: MongoClient;
const logs = mongo.db('app').collection<{ id: number; status: string }>('logs');
`;
const MIKRO = `import type { EntityManager } from '@mikro-orm/core';
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MSSQL = `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
`;
/** The incident's shape: a worker, a score service in another file, a memory client in a third. */
const SERVICES = `import { ScoreService, backoff, type ScoreCalculator } from './project/network/score-service';
import type { Notifier } from './project/network/notifier';
`;
const AXIOS = `import axios from 'axios';
`;

/** settings['db-leaks'] declaring a compiled in-house wrapper and HTTP client (docs/settings.md). */
const LEGACY_SETTINGS = {
  'db-leaks': {
    wrappers: [{ file: 'project/legacy-db.d.ts', method: 'runInTransaction', kind: 'transaction', library: 'pg' }],
    networkFunctions: ['^sendWebhook$'],
  },
};

const SQLITE = `import Database from 'better-sqlite3';
declare const db: Database.Database;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    name: 'Objection: the HTTP call made before transaction.start() and its result written inside',
    code: `${OBJECTION}
import { transaction } from 'objection';
export async function addFarm(name: string, lat: number, lng: number) {
  const response = await fetch(\`https://maps.example.com/timezone?at=\${lat},\${lng}\`);
  const { rawOffset } = (await response.json()) as { rawOffset: number };
  const trx = await transaction.start(Model.knex());
  try {
    await Farm.query(trx).insert({ name, utc_offset: rawOffset });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
  },
  {
    // The constant the promise waits on is a query of the transaction, no request.
    name: 'pg: a new Promise around a query made before it, while open',
    code: `${PG}
export async function touch(client: PoolClient) {
  await client.query('BEGIN');
  const update = client.query('update jobs set n = n + 1');
  await new Promise((resolve, reject) => update.then(resolve, reject));
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a request made into a constant is awaited only after COMMIT',
    code: `${PG}
declare function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T>;
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('update jobs set n = n + 1');
  await client.query('COMMIT');
  const request = fetch('https://partner.example.com/sync');
  await withTimeout(request, 5000);
}`,
  },
  {
    name: 'pg-promise: the webhook after db.tx() resolves, with its result',
    code: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function notify(id: number) {
  const row = await db.tx((t) => t.one('update orders set seen = now() where id = $1 returning *', id));
  await fetch('https://hooks.example.com', { method: 'POST', body: JSON.stringify(row) });
}`,
  },
  {
    name: 'mongoose: the webhook is called after connection.transaction() resolves',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number }));
export async function placeOrder(total: number) {
  await mongoose.connection.transaction(async (session) => {
    await Order.create([{ total }], { session });
  });
  await fetch('https://hooks.example.com/orders', { method: 'POST' });
}`,
  },
  {
    // Callback style: the webhook is called in the commit's callback, once the transaction is over.
    name: 'mysql2 callbacks: fetch in the commit callback, after the transaction',
    code: `import mysql from 'mysql2';
export function transfer(conn: mysql.PoolConnection, amount: number, done: (error: Error | null) => void) {
  conn.beginTransaction((beginError) => {
    if (beginError) {
      conn.release();
      return done(beginError);
    }
    conn.query('update accounts set balance = balance - ? where id = 1', [amount], (error) => {
      if (error) {
        return conn.rollback(() => {
          conn.release();
          done(error);
        });
      }
      conn.commit((commitError) => {
        conn.release();
        fetch('https://audit.example.com/ok').catch(() => undefined);
        done(commitError);
      });
    });
  });
}`,
  },
  {
    // tests/fixtures/project/legacy-db.cjs assigns its wrapper to `exports`: the call comes after it committed.
    name: 'wrapper: fetch after a CommonJS module\'s exports.withTransaction() has committed, from JavaScript',
    filename: 'script.js',
    code: `import db from './project/legacy-db.cjs';
/** @param {number} id */
export async function close(id) {
  await db.withTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
  });
  await fetch('https://partner.example.com/closed', { method: 'POST', body: String(id) });
}`,
  },
  // --- not network I/O ------------------------------------------------------------------------
  {
    // Node's file system is no network client, though @types/node speaks of fetch elsewhere.
    name: 'knex: reading a file inside the transaction',
    code: `${KNEX}import { readFile } from 'node:fs/promises';
export async function importFile(path: string) {
  await knex.transaction(async (trx) => {
    const text = await readFile(path, 'utf8');
    await trx('imports').insert({ text });
  });
}`,
  },
  {
    // An IIFE whose promise is never awaited inside: fire-and-forget after the work.
    name: 'Prisma: an async IIFE that only writes through tx',
    code: `${PRISMA}
export async function attach(userId: number, notes: string[]) {
  await prisma.$transaction(async (tx) => {
    await Promise.all(
      notes.map((note) =>
        (async () => {
          await tx.auditLog.create({ data: { message: \`\${userId}: \${note}\` } });
        })(),
      ),
    );
  });
}`,
  },
  // --- promise chains ------------------------------------------------------------------------
  {
    // The .then() callback runs once the commit has finished.
    name: 'knex: fetch in a .then() callback chained on the commit',
    code: `${KNEX}
export async function insertAsset(asset: { name: string }) {
  const trx = await knex.transaction();
  try {
    await trx('asset').insert(asset);
  } catch (error) {
    await trx.rollback();
    throw error;
  }
  await trx.commit().then(() => fetch('https://assets.example.com/v1/ping', { method: 'POST' }));
}`,
  },
  {
    // The callback is deferred to a timer: it runs after the transaction, whatever the chain.
    name: 'knex: fetch in a timer set from a .then() callback while the transaction is open',
    code: `${KNEX}
export async function insertAsset(asset: { name: string }) {
  await knex.transaction(async (trx) => {
    await trx('asset').insert(asset).then(() => {
      setTimeout(() => void fetch('https://assets.example.com/v1/ping'), 0);
    });
  });
}`,
  },
  {
    // afterCommit runs its callback once the transaction has committed.
    name: 'Sequelize: a webhook sent from afterCommit, after the transaction ends',
    code: `${SEQUELIZE}
export async function publish(url: string) {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update posts set published = true', { transaction: t });
    t.afterCommit(async () => {
      await fetch(url, { method: 'POST' });
    });
  });
}`,
  },
  // --- the fix pattern and its variants ---------------------------------------------------
  {
    name: 'the incident’s fix: commit the status, call the API outside, write the result in a new transaction',
    code: `${PG}${SERVICES}
export async function processLog(scoreService: ScoreService, id: number, log: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("update logs set status = 'PROCESSING' where id = $1", [id]);
    await client.query('COMMIT');
    const score = await scoreService.calculate(log);
    await client.query('BEGIN');
    await client.query('update logs set score = $1 where id = $2', [score, id]);
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
    name: 'pg: the HTTP call before BEGIN',
    code: `${PG}
export async function sync(client: PoolClient, url: string) {
  const response = await fetch(url);
  const body = await response.text();
  await client.query('BEGIN');
  await client.query('insert into payloads (body) values ($1)', [body]);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a call started inside the transaction but awaited after COMMIT',
    code: `${PG}
export async function sync(client: PoolClient, url: string) {
  await client.query('BEGIN');
  const pending = fetch(url);
  await client.query('update jobs set started = now()');
  await client.query('COMMIT');
  return (await pending).status;
}`,
  },
  {
    name: 'pg: alerting after ROLLBACK in the catch block',
    code: `${PG}
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  try {
    await client.query('update jobs set started = now()');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    await fetch('https://alerts.example.com', { method: 'POST' });
    throw error;
  }
}`,
  },
  {
    name: 'pg: only database work and local computation while open',
    code: `${PG}${SERVICES}
export async function total(client: PoolClient, scoreService: ScoreService) {
  await client.query('BEGIN');
  const { rows } = await client.query('select value from scores');
  const sum = scoreService.weigh(rows.map((row: { value: number }) => row.value));
  await client.query('insert into totals (value) values ($1)', [sum]);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a project function named fetchOrder that only queries the database',
    code: `${PG}
import { fetchOrder } from './project/network/orders-repository';
export async function close(client: PoolClient, id: number) {
  await client.query('BEGIN');
  const order = await fetchOrder(client, id);
  await client.query('update orders set closed = true where id = $1', [id]);
  await client.query('COMMIT');
  return order;
}`,
  },
  {
    name: 'pg: a recursive project function without network I/O',
    code: `${PG}
import { depthOf } from './project/network/orders-repository';
export async function save(client: PoolClient, node: { parent?: unknown }) {
  await client.query('BEGIN');
  const depth = await depthOf(node);
  await client.query('insert into nodes (depth) values ($1)', [depth]);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: an interface with two implementations is not guessed',
    code: `${PG}${SERVICES}
export async function close(client: PoolClient, notifier: Notifier) {
  await client.query('BEGIN');
  await client.query('update orders set closed = true');
  await notifier.notify('closed');
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a network call in a function defined, not run, while open',
    code: `${PG}
export async function close(client: PoolClient) {
  await client.query('BEGIN');
  const later = () => fetch('https://example.com');
  await client.query('update orders set closed = true');
  await client.query('COMMIT');
  await later();
}`,
  },
  {
    name: 'pg: a fire-and-forget call inside is not awaited there',
    code: `${PG}
export async function close(client: PoolClient) {
  await client.query('BEGIN');
  void fetch('https://metrics.example.com/closed').catch(() => undefined);
  await client.query('update orders set closed = true');
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a local function named fetch is not the global fetch',
    code: `${PG}
async function fetch(client: PoolClient, id: number) {
  return client.query('select * from orders where id = $1', [id]);
}
export async function close(client: PoolClient, id: number) {
  await client.query('BEGIN');
  await fetch(client, id);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a held client without a transaction (checkHeldClients is off by default)',
    code: `${PG}
export async function sync(url: string) {
  const client = await pool.connect();
  try {
    const response = await fetch(url);
    await client.query('insert into payloads (status) values ($1)', [response.status]);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: axios taken off the list with allowModules',
    code: `${PG}${AXIOS}
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  await axios.get('http://localhost:8080/cache');
  await client.query('COMMIT');
}`,
    options: [{ allowModules: ['axios'] }],
  },
  {
    name: 'pg: a chain deeper than maxDepth is not followed',
    code: `${PG}${SERVICES}
export async function process(client: PoolClient, scoreService: ScoreService, log: string) {
  await client.query('BEGIN');
  await scoreService.calculate(log);
  await client.query('COMMIT');
}`,
    options: [{ maxDepth: 1 }],
  },
  {
    name: 'pg: Promise.all of database queries only',
    code: `${PG}
export async function both(client: PoolClient) {
  await client.query('BEGIN');
  await Promise.all([client.query('update a set n = 1'), client.query('update b set n = 1')]);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: COMMIT on both branches, then the call',
    code: `${PG}
export async function sync(client: PoolClient, ok: boolean) {
  await client.query('BEGIN');
  if (ok) {
    await client.query('COMMIT');
  } else {
    await client.query('ROLLBACK');
  }
  await fetch('https://example.com/done');
}`,
  },
  // --- managed transactions ----------------------------------------------------------------
  {
    // The job is queued once the transaction has committed: the worker sees the row.
    name: 'knex: a BullMQ job queued after the transaction commits',
    code: `${KNEX}import { Queue } from 'bullmq';
declare const emails: Queue;
export async function signUp(email: string) {
  const userId = await knex.transaction(async (trx) => {
    const [user] = await trx('users').insert({ email }).returning('id');
    return user.id as number;
  });
  await emails.add('welcome', { userId });
}`,
  },
  {
    name: 'knex: the API call before the transaction, the result written inside',
    code: `${KNEX}${SERVICES}
export async function processLog(scoreService: ScoreService, id: number, log: string) {
  await knex('logs').where({ id }).update({ status: 'PROCESSING' });
  const score = await scoreService.calculate(log);
  await knex.transaction(async (trx) => {
    await trx('logs').where({ id }).update({ score, status: 'DONE' });
  });
}`,
  },
  {
    name: 'knex: a network call in a timer callback runs after the transaction',
    code: `${KNEX}
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    setTimeout(() => {
      void fetch('https://example.com/closed');
    }, 0);
  });
}`,
  },
  {
    name: 'knex: an event handler registered inside runs later',
    code: `${KNEX}
import { EventEmitter } from 'node:events';
const events = new EventEmitter();
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    events.on('closed', async () => {
      await fetch('https://example.com/closed');
    });
  });
}`,
  },
  {
    name: 'knex: an unmanaged transaction committed before the call',
    code: `${KNEX}
export async function close(id: number) {
  const trx = await knex.transaction();
  try {
    await trx('orders').where({ id }).update({ closed: true });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
  await fetch('https://example.com/closed');
}`,
  },
  {
    name: 'Prisma: the call outside $transaction',
    code: `${PRISMA}
export async function placeOrder(userId: number) {
  const response = await fetch('https://pricing.example.com/quote');
  const total = Number(await response.text());
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
  });
}`,
  },
  {
    name: 'Drizzle: sleep after the transaction',
    code: `${DRIZZLE}${SERVICES}
export async function retry(attempt: number) {
  await db.transaction(async (tx) => {
    await tx.update(logs).set({ status: 'RETRY' });
  });
  await backoff(attempt);
}`,
  },
  {
    name: 'Kysely: only queries inside the transaction',
    code: `${KYSELY}
export async function close(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('logs').set({ status: 'DONE' }).where('id', '=', id).execute();
  });
  await fetch('https://example.com/done');
}`,
  },
  {
    name: 'TypeORM: the call after commitTransaction, before release',
    code: `${TYPEORM}
export async function close(id: number) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('update orders set closed = true where id = $1', [id]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  await fetch('https://example.com/closed');
}`,
  },
  {
    name: 'Sequelize: the call after the managed transaction',
    code: `${SEQUELIZE}
export async function close() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update orders set closed = true', { transaction: t });
  });
  await fetch('https://example.com/closed');
}`,
  },
  {
    name: 'postgres.js: only queries inside sql.begin',
    code: `${POSTGRES}
export async function close(id: number) {
  await sql.begin(async (tx) => {
    await tx\`update orders set closed = true where id = \${id}\`;
  });
}`,
  },
  {
    name: 'slonik: only queries inside pool.transaction',
    code: `${SLONIK}
export async function close(id: number) {
  await pool.transaction(async (trx) => {
    await trx.query(sql.unsafe\`update orders set closed = true where id = \${id}\`);
  });
}`,
  },
  {
    name: 'MongoDB: only operations with { session } inside withTransaction',
    code: `${MONGO}
export async function close(id: number) {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await logs.updateOne({ id }, { $set: { status: 'DONE' } }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'MikroORM: only flushes inside em.transactional',
    code: `${MIKRO}
export async function close(em: EntityManager) {
  await em.transactional(async (tx) => {
    await tx.flush();
  });
}`,
  },
  {
    name: 'mysql2: the API call after commit',
    code: `${MYSQL}${AXIOS}
export async function close(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update orders set closed = 1 where id = ?', [id]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
  await axios.post('https://example.com/closed', { id });
}`,
  },
  {
    name: 'Sequelize: an unmanaged transaction committed before the call',
    code: `${SEQUELIZE}
export async function close() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('update orders set closed = true', { transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
  await fetch('https://example.com/closed');
}`,
  },
  {
    name: 'knex: a promise started before the transaction, awaited after it',
    code: `${KNEX}${SERVICES}
export async function process(scoreService: ScoreService, id: number, log: string) {
  const scoring = scoreService.calculate(log);
  await knex.transaction(async (trx) => {
    await trx('logs').where({ id }).update({ status: 'PROCESSING' });
  });
  const score = await scoring;
  await knex('logs').where({ id }).update({ score });
}`,
  },
  {
    name: 'knex: a project method that is not network I/O, awaited inside',
    code: `${KNEX}
class Totals {
  async compute(values: number[]): Promise<number> {
    return values.reduce((sum, value) => sum + value, 0);
  }
}
const totals = new Totals();
export async function save(values: number[]) {
  await knex.transaction(async (trx) => {
    const total = await totals.compute(values);
    await trx('totals').insert({ total });
  });
}`,
  },
  {
    name: 'pg: networkFunctions that match nothing here',
    code: `${PG}${SERVICES}
export async function total(client: PoolClient, scoreService: ScoreService) {
  await client.query('BEGIN');
  await client.query('insert into totals (value) values ($1)', [scoreService.weigh([1, 2])]);
  await client.query('COMMIT');
}`,
    options: [{ networkFunctions: ['^callPartner'] }],
  },
  {
    name: 'knex: a queueMicrotask callback runs after the callback returns',
    code: `${KNEX}
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    queueMicrotask(() => {
      void fetch('https://example.com/closed');
    });
  });
}`,
  },
  {
    name: 'pg: DNS lookup before the transaction',
    code: `${PG}
import dns from 'node:dns/promises';
export async function register(client: PoolClient, host: string) {
  const { address } = await dns.lookup(host);
  await client.query('BEGIN');
  await client.query('insert into hosts (address) values ($1)', [address]);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'Kysely: a controlled transaction committed before the call',
    code: `${KYSELY}
export async function close(id: number) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('logs').set({ status: 'DONE' }).where('id', '=', id).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  await fetch('https://example.com/done');
}`,
  },
  {
    name: 'Prisma: an interactive transaction that only writes',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
  },
  {
    name: 'pg: a network call that only builds a promise for later, handed to a queue',
    code: `${PG}
declare const queue: { push(job: Promise<Response>): void };
export async function close(client: PoolClient) {
  await client.query('BEGIN');
  queue.push(fetch('https://example.com/closed'));
  await client.query('update orders set closed = true');
  await client.query('COMMIT');
}`,
  },
  {
    name: 'TypeORM: the call before dataSource.transaction, the result written inside',
    code: `${TYPEORM}${SERVICES}
export async function process(scoreService: ScoreService, id: number, log: string) {
  const score = await scoreService.calculate(log);
  await dataSource.transaction(async (manager) => {
    await manager.query('update logs set score = $1 where id = $2', [score, id]);
  });
}`,
  },
  {
    name: 'mysql2: local work between beginTransaction and commit',
    code: `${MYSQL}
export async function close(conn: mysql.PoolConnection, ids: number[]) {
  await conn.beginTransaction();
  try {
    const sorted = [...ids].sort((a, b) => a - b);
    await conn.query('update orders set closed = 1 where id in (?)', [sorted]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'pg: a helper given a database query, not a network call',
    code: `${PG}
declare function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T>;
export async function close(client: PoolClient) {
  await client.query('BEGIN');
  await withTimeout(client.query('update orders set closed = true'), 5000);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'pg: a backoff sleep between attempts, each attempt its own short transaction',
    code: `${PG}
import { setTimeout as sleep } from 'node:timers/promises';
export async function claim(client: PoolClient, attempts: number) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await client.query('BEGIN');
    try {
      await client.query("update jobs set state = 'CLAIMED' where state = 'QUEUED'");
      await client.query('COMMIT');
      return;
    } catch {
      await client.query('ROLLBACK');
    }
    await sleep(2 ** attempt * 100);
  }
}`,
  },
  {
    name: 'Prisma: the quote fetched first, then a batch transaction',
    code: `${PRISMA}
export async function placeOrder(userId: number) {
  const response = await fetch('https://pricing.example.com/quote');
  const total = Number(await response.text());
  await prisma.$transaction([
    prisma.order.create({ data: { userId, total } }),
    prisma.auditLog.create({ data: { message: 'order placed' } }),
  ]);
}`,
  },
  // Project wrappers recognised from their bodies (tests/fixtures/project/db-wrappers.ts).
  {
    name: 'wrapper: withClient() holds a client but no transaction (checkHeldClients is off)',
    code: `${PG}import { withClient } from './project/db-wrappers';
export async function sync(id: number) {
  await withClient(async (client) => {
    const { rows } = await client.query('select * from jobs where id = $1', [id]);
    await fetch('https://partner.example.com/jobs', { method: 'POST', body: JSON.stringify(rows) });
  });
}`,
  },
  {
    name: 'wrapper: the callback a wrapper runs after its commit may call the network',
    code: `${PG}import { saveThen } from './project/db-wrappers';
export async function save(id: number) {
  await saveThen(id, async () => {
    await fetch('https://partner.example.com/jobs/' + id, { method: 'POST' });
  });
}`,
  },
  {
    name: 'wrapper: a call deferred to a timer inside the callback runs after the transaction',
    code: `${PG}import { withTransaction } from './project/db-wrappers';
export async function close(id: number) {
  await withTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
    setTimeout(() => void fetch('https://partner.example.com/closed'), 0);
  });
}`,
  },
  {
    name: 'wrapper: a callback the wrapper does not wait for does not hold its transaction',
    code: `${PG}
async function startInTransaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    void work(client).catch(() => undefined);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
export async function kick() {
  await startInTransaction(async () => {
    await fetch('https://partner.example.com/kick');
  });
}`,
  },
  {
    name: 'settings: the in-house webhook client after the declared wrapper has committed',
    code: `${PG}import { runInTransaction, sendWebhook } from './project/legacy-db';
export async function close(id: number) {
  await runInTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
  });
  await sendWebhook('job.closed', { id });
}`,
    settings: LEGACY_SETTINGS,
  },
  {
    // Fetch first, then write: the write lock is held only while the rows go in.
    name: 'better-sqlite3: the request is awaited before BEGIN',
    code: `${SQLITE}
export async function importFeed(url: string) {
  const items = (await (await fetch(url)).json()) as string[];
  db.exec('BEGIN');
  try {
    for (const item of items) db.prepare('INSERT INTO feed VALUES (?)').run(item);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}`,
  },

  {
    // The welcome mail is sent once the transaction has returned: nothing is held while it is.
    name: 'prisma: a Resend mail sent after the interactive transaction returns',
    code: `${PRISMA}import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_API_KEY);
export async function signUp(email: string) {
  const user = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`insert into users (email) values (\${email})\`;
    return { email };
  });
  await resend.emails.send({ from: 'hello@example.com', to: user.email, subject: 'Welcome', text: 'Hi' });
}`,
  },
];

export const invalid: Invalid[] = [
  {
    // LiteFarm's addFarm: the time zone looked up while the transaction holds its connection.
    name: 'Objection: an HTTP call awaited between transaction.start() and commit',
    code: `${OBJECTION}
import { transaction } from 'objection';
export async function addFarm(name: string, lat: number, lng: number) {
  const trx = await transaction.start(Model.knex());
  try {
    const response = await fetch(\`https://maps.example.com/timezone?at=\${lat},\${lng}\`);
    const { rawOffset } = (await response.json()) as { rawOffset: number };
    await Farm.query(trx).insert({ name, utc_offset: rawOffset });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'networkInTransaction', line: 10, column: 28 }],
  },
  {
    // ivy-server's delivery fee: the request is made into a constant, the promise subscribes to it.
    name: 'pg: a new Promise that waits on a request made into a constant before it, while open',
    code: `${PG}
import axios from 'axios';
export async function quote(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('update orders set quoted = true');
  const request = axios.post('https://shipping.example.com/fee', {});
  const fee = await new Promise((resolve, reject) => request.then((response) => resolve(response.data), reject));
  await client.query('update orders set fee = $1', [fee]);
  await client.query('COMMIT');
}`,
    errors: [{ messageId: 'networkInTransaction', line: 9, column: 21 }],
  },
  {
    name: 'pg: a request made into a constant and handed to an awaited helper, while open',
    code: `${PG}
declare function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T>;
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  const request = fetch('https://partner.example.com/sync');
  await withTimeout(request, 5000);
  await client.query('COMMIT');
}`,
    errors: [{ messageId: 'networkInTransaction', line: 8, column: 9 }],
  },
  {
    // Resend's SDK calls the global fetch and depends on no HTTP client: it is known by name.
    name: 'prisma: a Resend mail awaited inside the interactive transaction',
    code: `${PRISMA}import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_API_KEY);
export async function signUp(email: string) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`insert into users (email) values (\${email})\`;
    await resend.emails.send({ from: 'hello@example.com', to: email, subject: 'Welcome', text: 'Hi' });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 8, column: 11 }],
  },
  {
    name: 'pg-promise: a webhook awaited inside a tagged db.tx()',
    code: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function notify(id: number) {
  await db.tx('notify', async (t) => {
    const row = await t.one('select * from orders where id = $1', id);
    await fetch('https://hooks.example.com', { method: 'POST', body: JSON.stringify(row) });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 6, column: 11 }],
  },
  {
    name: 'mongoose: a webhook awaited inside connection.transaction()',
    code: `import mongoose, { Schema, model } from 'mongoose';
const Order = model('Order', new Schema({ total: Number }));
export async function placeOrder(total: number) {
  await mongoose.connection.transaction(async (session) => {
    await Order.create([{ total }], { session });
    await fetch('https://hooks.example.com/orders', { method: 'POST' });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 6, column: 11 }],
  },
  {
    // Callback style: a later step waits for the network before it commits.
    name: 'mysql2 callbacks: fetch awaited in a later step\'s callback, with the transaction open',
    code: `import mysql from 'mysql2';
export function transfer(conn: mysql.PoolConnection, amount: number, done: (error: Error | null) => void) {
  conn.beginTransaction((beginError) => {
    if (beginError) {
      conn.release();
      return done(beginError);
    }
    conn.query('update accounts set balance = balance - ? where id = 1', [amount], async (error) => {
      if (error) {
        return conn.rollback(() => {
          conn.release();
          done(error);
        });
      }
      await fetch('https://payments.example.com/charge', { method: 'POST' });
      conn.commit((commitError) => {
        conn.release();
        done(commitError);
      });
    });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 15, column: 13 }],
  },
  {
    // The options come after the callback: the callback is still the transaction's.
    name: 'Prisma: fetch inside $transaction given options after the callback',
    code: `${PRISMA}
export async function sync(url: string) {
  await prisma.$transaction(
    async (tx) => {
      const response = await fetch(url);
      await tx.user.create({ data: { email: await response.text() } });
    },
    { timeout: 10_000 },
  );
}`,
    errors: [{ messageId: 'networkInTransaction', line: 7, column: 30, endLine: 7, endColumn: 40 }],
  },
  {
    // The twin: the same webhook awaited inside the transaction's callback.
    name: 'Sequelize: a webhook awaited inside the transaction',
    code: `${SEQUELIZE}
export async function publish(url: string) {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update posts set published = true', { transaction: t });
    await fetch(url, { method: 'POST' });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 7, column: 11, endLine: 7, endColumn: 41 }],
  },
  // --- network I/O written other ways ---------------------------------------------------------
  {
    // A job queue is a round trip to Redis, and its worker may run before the commit.
    name: 'knex: a BullMQ job added inside the transaction',
    code: `${KNEX}import { Queue } from 'bullmq';
declare const emails: Queue;
export async function signUp(email: string) {
  await knex.transaction(async (trx) => {
    const [user] = await trx('users').insert({ email }).returning('id');
    await emails.add('welcome', { userId: user.id });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 8, column: 11 }],
  },
  {
    // @slack/webhook is on no list: its declarations speak of fetch options (FetchRequestInit).
    name: 'knex: an SDK recognised by its declarations (Slack webhook) awaited inside the transaction',
    code: `${KNEX}import { IncomingWebhook } from '@slack/webhook';
const webhook = new IncomingWebhook('https://hooks.slack.example/T0/B0/x');
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('tickets').where({ id }).update({ closed: true });
    await webhook.send({ text: \`ticket \${id} closed\` });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 8, column: 11 }],
  },
  {
    // The uploads start in async IIFEs kept in an array, and are awaited with Promise.all.
    name: 'Prisma: uploads in async IIFEs pushed to a tasks array and awaited inside $transaction',
    code: `${PRISMA}
export async function attach(userId: number, urls: string[]) {
  await prisma.$transaction(async (tx) => {
    const tasks: Promise<void>[] = [];
    for (const url of urls) {
      tasks.push(
        (async () => {
          const response = await fetch(url, { method: 'PUT' });
          await tx.auditLog.create({ data: { message: \`\${userId}: \${response.status}\` } });
        })(),
      );
    }
    await Promise.all(tasks);
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 10, column: 34 }],
  },
  {
    // A non-async callback returns the service call; the upload is one element of its Promise.all.
    name: 'knex: a map callback returning a service method whose Promise.all holds an upload',
    code: `${KNEX}
class Attachments {
  async save(trx: Knex.Transaction, name: string, body: string) {
    await Promise.all([trx('attachments').insert({ name }), fetch(\`https://files.example.com/\${name}\`, { method: 'PUT', body })]);
  }
}
export class Importer {
  constructor(private readonly attachments: Attachments) {}
  async import(files: { name: string; body: string }[]) {
    await knex.transaction(async (trx) => {
      await Promise.all(files.map((file) => this.attachments.save(trx, file.name, file.body)));
    });
  }
}`,
    errors: [{ messageId: 'networkInTransaction', line: 13, column: 13 }],
  },
  // --- promise chains: a callback of the awaited chain runs while the transaction is open ------
  {
    name: 'knex: fetch awaited in a .then() callback of a query on the open transaction',
    code: `${KNEX}
export async function insertAsset(asset: { name: string }) {
  const trx = await knex.transaction();
  return await trx('asset')
    .insert(asset, '*')
    .then(async (rows: unknown[]) => {
      const response = await fetch('https://assets.example.com/v1/assets', { method: 'POST' });
      if (response.ok) {
        await trx.commit();
        return rows;
      }
      await trx.rollback();
      return undefined;
    });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 9, column: 30 }],
  },
  // --- a transaction returned by a project function, found as every rule finds it -----------
  {
    name: 'knex: fetch while a transaction returned by a project function is open',
    code: `${KNEX}
async function beginImport(): Promise<Knex.Transaction> {
  return knex.transaction();
}
export async function importFeed(url: string) {
  const trx = await beginImport();
  try {
    const response = await fetch(url);
    await trx('rows').insert({ body: await response.text() });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'networkInTransaction', line: 10, column: 28, endLine: 10, endColumn: 38 }],
  },
  // --- the incident, across files ----------------------------------------------------------
  {
    name: 'the incident: a score service in another file calls the memory API while the transaction is open',
    code: `${PG}${SERVICES}
export class LogWorker {
  constructor(private readonly scoreService: ScoreService) {}
  async process(id: number, log: string) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("update logs set status = 'PROCESSING' where id = $1", [id]);
      const score = await this.scoreService.calculate(log);
      await client.query('update logs set score = $1 where id = $2', [score, id]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 13,
        column: 27,
        endLine: 13,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'a service injected by interface, resolved to its one implementation',
    code: `${KNEX}${SERVICES}
export class LogWorker {
  constructor(private readonly calculator: ScoreCalculator) {}
  async process(id: number, log: string) {
    await knex.transaction(async (trx) => {
      await trx('logs').where({ id }).update({ status: 'PROCESSING' });
      const score = await this.calculator.calculate(log);
      await trx('logs').where({ id }).update({ score });
    });
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 11,
        column: 27,
        endLine: 11,
        endColumn: 57,
      },
    ],
  },
  {
    name: 'pg: fetch awaited between BEGIN and COMMIT',
    code: `${PG}
export async function sync(client: PoolClient, url: string) {
  await client.query('BEGIN');
  await client.query("update jobs set status = 'RUNNING'");
  const response = await fetch(url);
  await client.query('update jobs set result = $1', [response.status]);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 36,
      },
    ],
  },
  {
    name: 'pg: a sleep from another file between BEGIN and COMMIT',
    code: `${PG}${SERVICES}
export async function retry(client: PoolClient, attempt: number) {
  await client.query('BEGIN');
  await client.query("update jobs set status = 'RETRY'");
  await backoff(attempt);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 25,
      },
    ],
  },
  {
    name: 'pg: setTimeout from node:timers/promises while open',
    code: `${PG}
import { setTimeout as sleep } from 'node:timers/promises';
export async function throttle(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('update jobs set n = n + 1');
  await sleep(1000);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 20,
      },
    ],
  },
  {
    name: 'pg: a new Promise around setTimeout while open',
    code: `${PG}
export async function throttle(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('update jobs set n = n + 1');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'pg: node:https wrapped in a promise while open',
    code: `${PG}
import https from 'node:https';
export async function ping(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('update jobs set n = n + 1');
  await new Promise((resolve) => https.get('https://example.com', resolve));
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 76,
      },
    ],
  },
  {
    name: 'pg: a network call in Promise.all beside a query',
    code: `${PG}
export async function both(client: PoolClient, url: string) {
  await client.query('BEGIN');
  await Promise.all([client.query('update jobs set n = n + 1'), fetch(url)]);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 6,
        column: 65,
        endLine: 6,
        endColumn: 75,
      },
    ],
  },
  {
    name: 'pg: a local arrow function that calls the API',
    code: `${PG}
export async function sync(client: PoolClient) {
  const notify = async (status: string) => fetch('https://example.com/status', { method: 'POST', body: status });
  await client.query('BEGIN');
  await client.query("update jobs set status = 'DONE'");
  await notify('DONE');
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 23,
      },
    ],
  },
  {
    name: 'pg: a recursive retry helper that calls the API',
    code: `${PG}
async function deliver(url: string, attempts: number): Promise<Response> {
  const response = await fetch(url);
  return response.ok || attempts === 0 ? response : deliver(url, attempts - 1);
}
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  await deliver('https://example.com/hook', 3);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 9,
        endLine: 10,
        endColumn: 47,
      },
    ],
  },
  {
    name: 'pg: an API call in a loop while open',
    code: `${PG}
export async function syncAll(client: PoolClient, urls: string[]) {
  await client.query('BEGIN');
  for (const url of urls) {
    const response = await fetch(url);
    await client.query('insert into statuses (status) values ($1)', [response.status]);
  }
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 28,
        endLine: 7,
        endColumn: 38,
      },
    ],
  },
  {
    name: 'pg: networkFunctions names a partner call declared without a body',
    code: `${PG}
declare function callPartnerApi(id: number): Promise<void>;
export async function sync(client: PoolClient, id: number) {
  await client.query('BEGIN');
  await callPartnerApi(id);
  await client.query('COMMIT');
}`,
    options: [{ networkFunctions: ['^callPartner'] }],
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 27,
      },
    ],
  },
  {
    name: 'pg: a module added with networkModules',
    code: `${PG}
import { readFile } from 'node:fs/promises';
export async function load(client: PoolClient) {
  await client.query('BEGIN');
  const text = await readFile('/mnt/nfs/export.csv', 'utf8');
  await client.query('insert into exports (body) values ($1)', [text]);
  await client.query('COMMIT');
}`,
    options: [{ networkModules: ['node:fs'] }],
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 22,
        endLine: 7,
        endColumn: 61,
      },
    ],
  },
  {
    name: 'pg: axios through an injected instance field',
    code: `${PG}
import axios, { type AxiosInstance } from 'axios';
export class Sync {
  private readonly http: AxiosInstance = axios.create({ baseURL: 'https://partner.example.com' });
  async run(client: PoolClient) {
    await client.query('BEGIN');
    await client.query("update jobs set status = 'SYNC'");
    await this.http.post('/jobs', { status: 'SYNC' });
    await client.query('COMMIT');
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 54,
      },
    ],
  },
  {
    name: 'pg: checkHeldClients reports an API call while a client is held',
    code: `${PG}
export async function sync(url: string) {
  const client = await pool.connect();
  try {
    const response = await fetch(url);
    await client.query('insert into payloads (status) values ($1)', [response.status]);
  } finally {
    client.release();
  }
}`,
    options: [{ checkHeldClients: true }],
    errors: [
      {
        messageId: 'networkWhileHeld',
        line: 7,
        column: 28,
        endLine: 7,
        endColumn: 38,
      },
    ],
  },
  {
    name: 'pg: DNS lookup while open',
    code: `${PG}
import dns from 'node:dns/promises';
export async function register(client: PoolClient, host: string) {
  await client.query('BEGIN');
  const { address } = await dns.lookup(host);
  await client.query('insert into hosts (address) values ($1)', [address]);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 29,
        endLine: 7,
        endColumn: 45,
      },
    ],
  },
  // --- managed transactions ----------------------------------------------------------------
  {
    name: 'knex: axios inside knex.transaction',
    code: `${KNEX}${AXIOS}
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    await axios.post('https://example.com/closed', { id });
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'knex: API calls in Promise.all over a map inside the callback',
    code: `${KNEX}
export async function closeAll(ids: number[]) {
  await knex.transaction(async (trx) => {
    await trx('orders').whereIn('id', ids).update({ closed: true });
    await Promise.all(ids.map(async (id) => fetch(\`https://example.com/closed/\${id}\`)));
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 88,
      },
    ],
  },
  {
    name: 'knex: an API call returned from the callback is awaited by the transaction',
    code: `${KNEX}
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    return fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 47,
      },
    ],
  },
  {
    name: 'knex: an unmanaged transaction with an API call before commit',
    code: `${KNEX}
export async function close(id: number) {
  const trx = await knex.transaction();
  try {
    await trx('orders').where({ id }).update({ closed: true });
    await fetch('https://example.com/closed');
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'Prisma: fetch inside $transaction (P2028 when it outlives the timeout)',
    code: `${PRISMA}
export async function placeOrder(userId: number) {
  await prisma.$transaction(async (tx) => {
    const response = await fetch('https://pricing.example.com/quote');
    const total = Number(await response.text());
    await tx.order.create({ data: { userId, total } });
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 70,
      },
    ],
  },
  {
    name: 'Prisma: a service in another file, through this',
    code: `${PRISMA}${SERVICES}
export class OrderService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly scoreService: ScoreService,
  ) {}
  async place(userId: number, log: string) {
    await this.prisma.$transaction(async (tx) => {
      const total = await this.scoreService.calculate(log);
      await tx.order.create({ data: { userId, total } });
    });
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 13,
        column: 27,
        endLine: 13,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'Drizzle: axios inside db.transaction',
    code: `${DRIZZLE}${AXIOS}
export async function close(id: number) {
  await db.transaction(async (tx) => {
    await tx.update(logs).set({ status: 'DONE' });
    await axios.post('https://example.com/done', { id });
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 57,
      },
    ],
  },
  {
    name: 'Drizzle: a sleep from another file inside db.transaction',
    code: `${DRIZZLE}${SERVICES}
export async function retry(attempt: number) {
  await db.transaction(async (tx) => {
    await tx.update(logs).set({ status: 'RETRY' });
    await backoff(attempt);
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 12,
        column: 11,
        endLine: 12,
        endColumn: 27,
      },
    ],
  },
  {
    name: 'Kysely: fetch inside transaction().execute',
    code: `${KYSELY}
export async function close(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('logs').set({ status: 'DONE' }).where('id', '=', id).execute();
    await fetch('https://example.com/done');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 44,
      },
    ],
  },
  {
    name: 'Kysely: fetch in a controlled transaction before commit',
    code: `${KYSELY}
export async function close(id: number) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('logs').set({ status: 'DONE' }).where('id', '=', id).execute();
    await fetch('https://example.com/done');
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 44,
      },
    ],
  },
  {
    name: 'TypeORM: fetch inside dataSource.transaction',
    code: `${TYPEORM}
export async function close(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update orders set closed = true where id = $1', [id]);
    await fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'TypeORM: fetch between startTransaction and commitTransaction',
    code: `${TYPEORM}
export async function close(id: number) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('update orders set closed = true where id = $1', [id]);
    await fetch('https://example.com/closed');
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'Sequelize: fetch inside the managed transaction',
    code: `${SEQUELIZE}
export async function close() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update orders set closed = true', { transaction: t });
    await fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'Sequelize: fetch in an unmanaged transaction before commit',
    code: `${SEQUELIZE}
export async function close() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('update orders set closed = true', { transaction: t });
    await fetch('https://example.com/closed');
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'postgres.js: fetch inside sql.begin',
    code: `${POSTGRES}
export async function close(id: number) {
  await sql.begin(async (tx) => {
    await tx\`update orders set closed = true where id = \${id}\`;
    await fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'slonik: fetch inside pool.transaction',
    code: `${SLONIK}
export async function close(id: number) {
  await pool.transaction(async (trx) => {
    await trx.query(sql.unsafe\`update orders set closed = true where id = \${id}\`);
    await fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'MongoDB: fetch inside withTransaction',
    code: `${MONGO}
export async function close(id: number) {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await logs.updateOne({ id }, { $set: { status: 'DONE' } }, { session });
      await fetch('https://example.com/closed');
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 13,
        endLine: 10,
        endColumn: 48,
      },
    ],
  },
  {
    name: 'MongoDB: fetch between startTransaction and commitTransaction',
    code: `${MONGO}
export async function close(id: number) {
  const session = mongo.startSession();
  try {
    session.startTransaction();
    await logs.updateOne({ id }, { $set: { status: 'DONE' } }, { session });
    await fetch('https://example.com/closed');
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'MikroORM: fetch inside em.transactional',
    code: `${MIKRO}
export async function close(em: EntityManager) {
  await em.transactional(async (tx) => {
    await tx.flush();
    await fetch('https://example.com/closed');
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'mysql2: axios between beginTransaction and commit',
    code: `${MYSQL}${AXIOS}
export async function close(id: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update orders set closed = 1 where id = ?', [id]);
    await axios.post('https://example.com/closed', { id });
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'mysql2: raw START TRANSACTION and a partner call',
    code: `${MYSQL}
export async function close(conn: mysql.PoolConnection, id: number) {
  await conn.query('START TRANSACTION');
  await conn.query('update orders set closed = 1 where id = ?', [id]);
  await fetch('https://partner.example.com/closed');
  await conn.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'mssql: fetch in a begun transaction',
    code: `${MSSQL}
export async function close(id: number) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    await transaction.request().input('id', sql.Int, id).query('update orders set closed = 1 where id = @id');
    await fetch('https://example.com/closed');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'postgres.js: fetch on a reserved connection inside a raw transaction',
    code: `${POSTGRES}
export async function close(id: number) {
  const reserved = await sql.reserve();
  try {
    await reserved\`begin\`;
    await reserved\`update orders set closed = true where id = \${id}\`;
    await fetch('https://example.com/closed');
    await reserved\`commit\`;
  } catch (error) {
    await reserved\`rollback\`;
    throw error;
  } finally {
    reserved.release();
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 46,
      },
    ],
  },
  {
    name: 'pg: fetch in one branch while open',
    code: `${PG}
export async function sync(client: PoolClient, notify: boolean) {
  await client.query('BEGIN');
  await client.query("update jobs set status = 'DONE'");
  if (notify) {
    await fetch('https://example.com/done');
  }
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 44,
      },
    ],
  },
  {
    name: 'pg: a network call wrapped by a retry helper is awaited with it',
    code: `${PG}
declare function pRetry<T>(run: () => Promise<T>, options: { retries: number }): Promise<T>;
export async function sync(client: PoolClient) {
  await client.query('BEGIN');
  await pRetry(() => fetch('https://partner.example.com/sync'), { retries: 3 });
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 80,
      },
    ],
  },
  {
    name: 'knex: a promise passed to a timeout helper is awaited with it',
    code: `${KNEX}
declare function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T>;
export async function close(id: number) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id }).update({ closed: true });
    await withTimeout(fetch('https://example.com/closed'), 5000);
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 65,
      },
    ],
  },
  {
    name: 'pg: the same service awaited twice in one transaction is reported at both calls',
    code: `${PG}${SERVICES}
export async function scoreBoth(client: PoolClient, scoreService: ScoreService, a: string, b: string) {
  await client.query('BEGIN');
  const first = await scoreService.calculate(a);
  const second = await scoreService.calculate(b);
  await client.query('insert into scores (a, b) values ($1, $2)', [first, second]);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 8,
        column: 23,
        endLine: 8,
        endColumn: 48,
      },
      {
        messageId: 'networkInTransaction',
        line: 9,
        column: 24,
        endLine: 9,
        endColumn: 49,
      },
    ],
  },
  {
    // tests/fixtures/project/legacy-db.cjs assigns its wrapper to `exports`.
    name: 'wrapper: fetch inside a CommonJS module\'s exports.withTransaction(), from JavaScript',
    filename: 'script.js',
    code: `import db from './project/legacy-db.cjs';
/** @param {number} id */
export async function close(id) {
  await db.withTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
    await fetch('https://partner.example.com/closed', { method: 'POST', body: String(id) });
  });
}`,
    errors: [{ messageId: 'networkInTransaction', line: 6, column: 11 }],
  },
  // Project wrappers recognised from their bodies (tests/fixtures/project/db-wrappers.ts).
  {
    name: 'wrapper: fetch inside withTransaction() (acquire, BEGIN, callback, COMMIT, in another file)',
    code: `${PG}import { withTransaction } from './project/db-wrappers';
export async function close(id: number) {
  await withTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
    await fetch('https://partner.example.com/closed', { method: 'POST', body: String(id) });
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 92,
      },
    ],
  },
  {
    name: 'wrapper: the slow call inside a repository base class transaction() method (knex)',
    code: `${KNEX}import { Repository } from './project/db-wrappers';
import { MemoryClient } from './project/network/memory-client';
export class Notes extends Repository {
  constructor(db: Knex, private readonly memory: MemoryClient) {
    super(db);
  }
  async add(id: number, text: string) {
    await this.transaction(async (trx) => {
      await trx('notes').insert({ id, text });
      await this.memory.extractFacts(text);
    });
  }
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 12,
        column: 13,
        endLine: 12,
        endColumn: 43,
      },
    ],
  },
  {
    name: 'wrapper: a wrapper built on another wrapper is a transaction too',
    code: `${PG}import { withAuditedTransaction } from './project/db-wrappers';
export async function cancel(id: number) {
  await withAuditedTransaction('cancel', async (client) => {
    await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
    await fetch('https://payments.example.com/refunds', { method: 'POST', body: String(id) });
  });
}`,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 94,
      },
    ],
  },
  {
    name: 'wrapper: checkHeldClients reports the network inside withClient()',
    code: `${PG}import { withClient } from './project/db-wrappers';
export async function sync(id: number) {
  await withClient(async (client) => {
    const { rows } = await client.query('select * from jobs where id = $1', [id]);
    await fetch('https://partner.example.com/jobs', { method: 'POST', body: JSON.stringify(rows) });
  });
}`,
    options: [{ checkHeldClients: true }],
    errors: [
      {
        messageId: 'networkWhileHeld',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 100,
      },
    ],
  },
  {
    name: 'settings: the in-house webhook client inside a declared wrapper',
    code: `${PG}import { runInTransaction, sendWebhook } from './project/legacy-db';
export async function close(id: number) {
  await runInTransaction(async (client) => {
    await client.query('update jobs set state = $2 where id = $1', [id, 'closed']);
    await sendWebhook('job.closed', { id });
  });
}`,
    settings: LEGACY_SETTINGS,
    errors: [
      {
        messageId: 'networkInTransaction',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 44,
      },
    ],
  },
  {
    // SQLite has one writer: every other connection gets SQLITE_BUSY until the request returns.
    name: 'better-sqlite3: fetch awaited between a raw BEGIN and COMMIT',
    code: `${SQLITE}
export async function importFeed(url: string) {
  db.exec('BEGIN');
  try {
    const items = (await (await fetch(url)).json()) as string[];
    for (const item of items) db.prepare('INSERT INTO feed VALUES (?)').run(item);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}`,
    errors: [{ messageId: 'networkInTransaction', line: 7 }],
  },

];
