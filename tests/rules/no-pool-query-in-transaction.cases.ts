/**
 * Cases for `no-pool-query-in-transaction`, shared by the rule test and the fixture type-check
 * test. Every snippet starts with a header that imports the library's real typings, so line
 * numbers in `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-pool-query-in-transaction.js';

const PG = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const KNEX = `import type { Knex } from 'knex';
declare const knex: Knex;
`;
const KYSELY = `import { Kysely } from 'kysely';
interface Database { users: { id: number; name: string }; audit: { id: number; action: string } }
declare const db: Kysely<Database>;
`;
const DRIZZLE = `import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
const users = pgTable('users', { id: integer('id').primaryKey(), name: text('name') });
const db = drizzle(new Pool());
`;
const TYPEORM = `import { DataSource } from 'typeorm';
declare const dataSource: DataSource;
`;
const POSTGRES = `import postgres from 'postgres';
const sql = postgres();
`;
const SEQUELIZE = `import { Sequelize } from 'sequelize';
declare const sequelize: Sequelize;
`;
const MONGO = `import { MongoClient } from 'mongodb';
declare const mongo: MongoClient;
`;

const SLONIK = `import { type DatabasePool, sql } from 'slonik';
declare const pool: DatabasePool;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    name: 'knex: every query inside the callback goes through trx',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await trx('audit').insert({ action: 'rename' });
  });
}`,
  },
  {
    name: 'knex: queries after the transaction may use the root',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
  });
  return knex('users').where({ id }).first();
}`,
  },
  {
    name: 'knex: a query in a timer callback runs after the transaction',
    code: `${KNEX}
export async function rename(id: number) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name: 'x' });
    setTimeout(() => void knex('audit').insert({ id }), 1000);
  });
}`,
  },
  {
    name: 'Kysely: queries through trx',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.insertInto('audit').values({ id, action: 'rename' }).execute();
  });
}`,
  },
  {
    name: 'Drizzle: queries through tx',
    code: `${DRIZZLE}
export async function rename(id: number, name: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name });
    await tx.select().from(users);
  });
}`,
  },
  {
    name: 'TypeORM: the manager passed to the callback',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = $1 where id = $2', [name, id]);
    await manager.query('insert into audit(action) values ($1)', ['rename']);
  });
}`,
  },
  {
    name: 'postgres.js: the callback parameter shadows the outer sql',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (sql) => {
    await sql\`update accounts set balance = balance - 1 where id = 1\`;
    await sql\`update accounts set balance = balance + 1 where id = 2\`;
  });
}`,
  },
  {
    name: 'postgres.js: queries through the transaction handle',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1 where id = 1\`;
  });
  await sql\`select 1\`;
}`,
  },
  {
    name: 'Sequelize: every query passes { transaction: t }',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1', { transaction: t, raw: true });
  });
}`,
  },
  {
    name: 'Sequelize: options spread from a shared object may carry the transaction',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async (t) => {
    const options = { transaction: t };
    await sequelize.query('update a set n = n - 1', { ...options });
  });
}`,
  },
  {
    name: 'MongoDB: every operation passes { session }',
    code: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      const accounts = mongo.db('bank').collection('accounts');
      await accounts.updateOne({ id: 1 }, { $inc: { balance: -1 } }, { session });
      await accounts.updateOne({ id: 2 }, { $inc: { balance: 1 } }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'pg: queries through the client between BEGIN and COMMIT',
    code: `${PG}
export async function move() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
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
    name: 'pg: the pool is used before BEGIN and after COMMIT',
    code: `${PG}
export async function move() {
  const before = await pool.query('select 1');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await pool.query('insert into audit(action) values ($1)', ['move']);
  return before.rows;
}`,
  },
  {
    name: 'pg: another database’s pool is not the client’s pool',
    code: `${PG}
declare const analytics: Pool;
export async function move() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
    await analytics.query('insert into events(kind) values ($1)', ['move']);
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
    name: 'pg: a handle named in allowedHandles may be queried while the transaction is open',
    options: [{ allowedHandles: ['pool'] }],
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  await pool.query('insert into audit(action) values ($1)', ['move']);
  await client.query('COMMIT');
}`,
  },
  {
    name: 'mysql2: queries through the connection inside beginTransaction/commit',
    code: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update a set n = n - 1');
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
    name: 'knex: knex.fn.now() and knex.raw() as values inside a trx update are not queries',
    code: `${KNEX}
export async function touch(id: number) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ updated_at: knex.fn.now(), visits: knex.raw('visits + 1') });
  });
}`,
  },
  {
    name: 'TypeORM: passing a repository into the transaction manager is not a query',
    code: `${TYPEORM}
import { Entity, PrimaryColumn } from 'typeorm';
@Entity()
class User {
  @PrimaryColumn()
  id!: number;
}
export async function save(id: number) {
  await dataSource.transaction(async (manager) => {
    const users = manager.withRepository(dataSource.getRepository(User));
    await users.save({ id });
  });
}`,
  },
  {
    name: 'Kysely: an expression builder from the outer db that is never executed',
    code: `${KYSELY}
export async function rename(id: number) {
  await db.transaction().execute(async (trx) => {
    const query = db.selectFrom('users').select('name').where('id', '=', id);
    await trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute();
    return query.compile();
  });
}`,
  },
  {
    name: 'slonik: queries through the transaction connection',
    code: `${SLONIK}
export async function move() {
  await pool.transaction(async (trx) => {
    await trx.query(sql.unsafe\`update a set n = n - 1\`);
    await trx.query(sql.unsafe\`update b set n = n + 1\`);
  });
}`,
  },
  {
    name: 'knex: the parent trx inside a nested (savepoint) transaction is the same connection',
    code: `${KNEX}
export async function nested() {
  await knex.transaction(async (trx) => {
    await trx.transaction(async (savepoint) => {
      await savepoint('a').insert({ id: 1 });
      await trx('b').insert({ id: 2 });
    });
  });
}`,
  },
  {
    name: 'Drizzle: the parent tx inside a nested (savepoint) transaction',
    code: `${DRIZZLE}
export async function nested() {
  await db.transaction(async (tx) => {
    await tx.transaction(async (savepoint) => {
      await savepoint.update(users).set({ name: 'a' });
      await tx.update(users).set({ name: 'b' });
    });
  });
}`,
  },
  {
    name: 'knex: the transaction handle passed to a helper',
    code: `${KNEX}
async function audit(db: Knex, action: string) {
  await db('audit').insert({ action });
}
export async function rename(id: number) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name: 'x' });
    await audit(trx, 'rename');
  });
}`,
  },
  {
    name: 'Drizzle: the outer db after the transaction has finished',
    code: `${DRIZZLE}
export async function rename() {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: 'x' });
  });
  return db.select().from(users);
}`,
  },
  {
    name: 'TypeORM: an event handler registered inside runs after the transaction',
    code: `${TYPEORM}
import { EventEmitter } from 'node:events';
declare const events: EventEmitter;
export async function rename(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = name where id = $1', [id]);
    events.once('done', () => void dataSource.query('select 1'));
  });
}`,
  },
  {
    name: 'Sequelize: the transaction passed with other options',
    code: `${SEQUELIZE}
import { QueryTypes } from 'sequelize';
export async function totals() {
  return sequelize.transaction(async (t) => {
    return sequelize.query('select sum(n) from a', { transaction: t, type: QueryTypes.SELECT });
  });
}`,
  },
  {
    name: 'MongoDB: { session } alongside other options',
    code: `${MONGO}
export async function upsert() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await mongo.db('a').collection('b').updateOne({ id: 1 }, { $set: { n: 1 } }, { session, upsert: true });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'pg: a pool query in a function that is defined, not run, while the transaction is open',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  const later = () => pool.query('select 1');
  await client.query('COMMIT');
  return later;
}`,
  },
  {
    name: 'pg: the pool after ROLLBACK in the catch block',
    code: `${PG}
export async function move(client: PoolClient) {
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    await pool.query('insert into errors(message) values ($1)', [String(error)]);
    throw error;
  }
}`,
  },
  {
    name: 'knex: a query built from trx and awaited later',
    code: `${KNEX}
export async function read(id: number) {
  return knex.transaction(async (trx) => {
    const query = trx('users').where({ id });
    return query.first();
  });
}`,
  },
  {
    name: 'knex: trx.raw inside the transaction',
    code: `${KNEX}
export async function lock(id: number) {
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [id]);
    await trx('jobs').where({ id }).update({ state: 'running' });
  });
}`,
  },
  {
    name: 'Kysely: trx inside Promise.all',
    code: `${KYSELY}
export async function both(id: number) {
  await db.transaction().execute(async (trx) => {
    await Promise.all([
      trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute(),
      trx.insertInto('audit').values({ id, action: 'x' }).execute(),
    ]);
  });
}`,
  },
  {
    name: 'TypeORM: a repository obtained from the manager',
    code: `${TYPEORM}
import { Entity, PrimaryColumn } from 'typeorm';
@Entity()
class Order {
  @PrimaryColumn()
  id!: number;
}
export async function close(id: number) {
  await dataSource.transaction(async (manager) => {
    const orders = manager.getRepository(Order);
    await orders.update({ id }, {});
  });
}`,
  },
  {
    name: 'postgres.js: a query on the outer sql before sql.begin',
    code: `${POSTGRES}
export async function move() {
  const [{ n }] = await sql\`select 1 as n\`;
  await sql.begin(async (tx) => {
    await tx\`update a set n = \${n}\`;
  });
}`,
  },
  {
    name: 'pg: a different pool typed the same, when the client comes from a known pool',
    code: `${PG}
declare const replica: Pool;
export async function report() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const totals = await client.query('select sum(n) from a');
    const names = await replica.query('select name from b');
    await client.query('COMMIT');
    return [totals.rows, names.rows];
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
];

export const invalid: Invalid[] = [
  {
    name: 'knex: the root knex inside knex.transaction',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await knex('audit').insert({ action: 'rename' });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await trx('audit').insert({ action: 'rename' });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: the root knex in a nested arrow awaited through Promise.all',
    code: `${KNEX}
export async function renameAll(ids: number[]) {
  await knex.transaction(async (trx) => {
    await Promise.all(ids.map((id) => knex('users').where({ id }).update({ name: 'x' })));
    await trx('audit').insert({ action: 'rename' });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 6,
        column: 39,
        endLine: 6,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KNEX}
export async function renameAll(ids: number[]) {
  await knex.transaction(async (trx) => {
    await Promise.all(ids.map((id) => trx('users').where({ id }).update({ name: 'x' })));
    await trx('audit').insert({ action: 'rename' });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: the outer db inside db.transaction().execute',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await db.insertInto('audit').values({ id, action: 'rename' }).execute();
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KYSELY}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.insertInto('audit').values({ id, action: 'rename' }).execute();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Drizzle: the outer db inside db.transaction',
    code: `${DRIZZLE}
export async function rename(name: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name });
    await db.select().from(users);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "tx" },
            output: `${DRIZZLE}
export async function rename(name: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name });
    await tx.select().from(users);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: dataSource.manager inside dataSource.transaction',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = $1 where id = $2', [name, id]);
    await dataSource.manager.query('insert into audit(action) values ($1)', ['rename']);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 88,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "manager" },
            output: `${TYPEORM}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = $1 where id = $2', [name, id]);
    await manager.query('insert into audit(action) values ($1)', ['rename']);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: dataSource.query inside dataSource.transaction',
    code: `${TYPEORM}
export async function rename(id: number) {
  await dataSource.transaction(async (manager) => {
    await dataSource.query('update users set name = name where id = $1', [id]);
    await manager.query('select 1');
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 79,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "manager" },
            output: `${TYPEORM}
export async function rename(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = name where id = $1', [id]);
    await manager.query('select 1');
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'postgres.js: the outer sql inside sql.begin',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1 where id = 1\`;
    await sql\`update accounts set balance = balance + 1 where id = 2\`;
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 70,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "tx" },
            output: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1 where id = 1\`;
    await tx\`update accounts set balance = balance + 1 where id = 2\`;
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Sequelize: a query without { transaction: t }',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1');
  });
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'MongoDB: an operation without { session } inside withTransaction',
    code: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      const accounts = mongo.db('bank').collection('accounts');
      await accounts.updateOne({ id: 1 }, { $inc: { balance: -1 } }, { session });
      await accounts.updateOne({ id: 2 }, { $inc: { balance: 1 } });
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 10,
        column: 13,
        endLine: 10,
        endColumn: 68,
      },
    ],
  },
  {
    name: 'pg: the pool the client came from, between BEGIN and COMMIT',
    code: `${PG}
export async function move() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
    await pool.query('insert into audit(action) values ($1)', ['move']);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 72,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "client" },
            output: `${PG}
export async function move() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update a set n = n - 1');
    await client.query('insert into audit(action) values ($1)', ['move']);
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
    name: 'pg: any pool when the client’s origin is unknown',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  await pool.query('insert into audit(action) values ($1)', ['move']);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 70,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "client" },
            output: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('insert into audit(action) values ($1)', ['move']);
  await client.query('COMMIT');
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: the pool between beginTransaction and commit',
    code: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update a set n = n - 1');
    await pool.query('insert into audit(action) values (?)', ['move']);
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
        messageId: 'poolQuery',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "conn" },
            output: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update a set n = n - 1');
    await conn.query('insert into audit(action) values (?)', ['move']);
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
    name: 'slonik: the pool inside pool.transaction',
    code: `${SLONIK}
export async function move() {
  await pool.transaction(async (trx) => {
    await trx.query(sql.unsafe\`update a set n = n - 1\`);
    await pool.query(sql.unsafe\`insert into audit(action) values ('move')\`);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: 'trx' },
            output: `${SLONIK}
export async function move() {
  await pool.transaction(async (trx) => {
    await trx.query(sql.unsafe\`update a set n = n - 1\`);
    await trx.query(sql.unsafe\`insert into audit(action) values ('move')\`);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a raw query through the root knex',
    code: `${KNEX}
export async function count() {
  await knex.transaction(async (trx) => {
    await trx('users').update({ seen: true });
    await knex.raw('select count(*) from users');
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KNEX}
export async function count() {
  await knex.transaction(async (trx) => {
    await trx('users').update({ seen: true });
    await trx.raw('select count(*) from users');
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a root query returned from the callback',
    code: `${KNEX}
export async function read(id: number) {
  return knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ seen: true });
    return knex('users').where({ id }).first();
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KNEX}
export async function read(id: number) {
  return knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ seen: true });
    return trx('users').where({ id }).first();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: the outer db inside Promise.all',
    code: `${KYSELY}
export async function both(id: number) {
  await db.transaction().execute(async (trx) => {
    await Promise.all([
      trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute(),
      db.insertInto('audit').values({ id, action: 'x' }).execute(),
    ]);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 9,
        column: 7,
        endLine: 9,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KYSELY}
export async function both(id: number) {
  await db.transaction().execute(async (trx) => {
    await Promise.all([
      trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute(),
      trx.insertInto('audit').values({ id, action: 'x' }).execute(),
    ]);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Drizzle: an insert through the outer db',
    code: `${DRIZZLE}
export async function add(id: number) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: 'x' });
    await db.insert(users).values({ id, name: 'y' });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "tx" },
            output: `${DRIZZLE}
export async function add(id: number) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: 'x' });
    await tx.insert(users).values({ id, name: 'y' });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: a transaction started from dataSource.manager, then dataSource.manager inside',
    code: `${TYPEORM}
export async function rename(id: number) {
  await dataSource.manager.transaction(async (manager) => {
    await manager.query('update users set name = name where id = $1', [id]);
    await dataSource.manager.query('select 1');
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "manager" },
            output: `${TYPEORM}
export async function rename(id: number) {
  await dataSource.manager.transaction(async (manager) => {
    await manager.query('update users set name = name where id = $1', [id]);
    await manager.query('select 1');
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'postgres.js: sql.unsafe on the outer sql inside sql.begin',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx.unsafe('update a set n = n - 1');
    await sql.unsafe('update b set n = n + 1');
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "tx" },
            output: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx.unsafe('update a set n = n - 1');
    await tx.unsafe('update b set n = n + 1');
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Sequelize: options without the transaction',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1', { raw: true });
  });
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 67,
      },
    ],
  },
  {
    name: 'MongoDB: a find without { session } inside withTransaction',
    code: `${MONGO}
export async function read() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      const orders = mongo.db('shop').collection('orders');
      await orders.updateOne({ id: 1 }, { $set: { seen: true } }, { session });
      return orders.find({ open: true }).toArray();
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 10,
        column: 14,
        endLine: 10,
        endColumn: 41,
      },
    ],
  },
  {
    name: 'pg: a pool query in one branch while the transaction is open',
    code: `${PG}
export async function move(client: PoolClient, audit: boolean) {
  await client.query('BEGIN');
  if (audit) {
    await pool.query('insert into audit(action) values ($1)', ['move']);
  }
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 72,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "client" },
            output: `${PG}
export async function move(client: PoolClient, audit: boolean) {
  await client.query('BEGIN');
  if (audit) {
    await client.query('insert into audit(action) values ($1)', ['move']);
  }
  await client.query('COMMIT');
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: pool.execute while the connection’s transaction is open',
    code: `${MYSQL}
export async function move(conn: mysql.PoolConnection) {
  await conn.beginTransaction();
  await pool.execute('insert into audit(action) values (?)', ['move']);
  await conn.commit();
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "conn" },
            output: `${MYSQL}
export async function move(conn: mysql.PoolConnection) {
  await conn.beginTransaction();
  await conn.execute('insert into audit(action) values (?)', ['move']);
  await conn.commit();
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: dataSource.query while the query runner’s transaction is open',
    code: `${TYPEORM}
export async function move() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update a set n = n - 1');
    await dataSource.query('insert into audit(action) values ($1)', ['move']);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 78,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "queryRunner" },
            output: `${TYPEORM}
export async function move() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update a set n = n - 1');
    await queryRunner.query('insert into audit(action) values ($1)', ['move']);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a root query inside a for-of loop in the callback',
    code: `${KNEX}
export async function renameAll(ids: number[]) {
  await knex.transaction(async (trx) => {
    for (const id of ids) {
      await knex('users').where({ id }).update({ name: 'x' });
    }
    await trx('audit').insert({ action: 'rename-all' });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 13,
        endLine: 7,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KNEX}
export async function renameAll(ids: number[]) {
  await knex.transaction(async (trx) => {
    for (const id of ids) {
      await trx('users').where({ id }).update({ name: 'x' });
    }
    await trx('audit').insert({ action: 'rename-all' });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: the outer db in a nested async function awaited in the callback',
    code: `${KYSELY}
export async function rename(id: number) {
  await db.transaction().execute(async (trx) => {
    const audit = async () => {
      await db.insertInto('audit').values({ id, action: 'rename' }).execute();
    };
    await trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute();
    await audit();
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 13,
        endLine: 8,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "trx" },
            output: `${KYSELY}
export async function rename(id: number) {
  await db.transaction().execute(async (trx) => {
    const audit = async () => {
      await trx.insertInto('audit').values({ id, action: 'rename' }).execute();
    };
    await trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute();
    await audit();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Drizzle: a select through the outer db inside a conditional',
    code: `${DRIZZLE}
export async function maybe(check: boolean) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: 'x' });
    if (check) {
      await db.select().from(users);
    }
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 11,
        column: 13,
        endLine: 11,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "tx" },
            output: `${DRIZZLE}
export async function maybe(check: boolean) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: 'x' });
    if (check) {
      await tx.select().from(users);
    }
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Sequelize: a second query without the option among correct ones',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1', { transaction: t });
    await sequelize.query('insert into audit values (1)', { logging: false });
  });
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 78,
      },
    ],
  },
  {
    name: 'MongoDB: insertMany without { session }',
    code: `${MONGO}
export async function seed() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await mongo.db('a').collection('b').insertMany([{ n: 1 }, { n: 2 }]);
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 8,
        column: 13,
        endLine: 8,
        endColumn: 75,
      },
    ],
  },
  {
    name: 'pg: a pool query after a SAVEPOINT, still inside the transaction',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('SAVEPOINT s1');
  await pool.query('select 1');
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: "client" },
            output: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  await client.query('SAVEPOINT s1');
  await client.query('select 1');
  await client.query('COMMIT');
}`,
          },
        ],
      },
    ],
  },
];
