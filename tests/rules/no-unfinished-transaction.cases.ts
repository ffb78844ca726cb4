/**
 * Cases for `no-unfinished-transaction`, shared by the rule test and the fixture type-check
 * test. Every snippet starts with a header that imports the library's real typings, so line
 * numbers in `errors` count the header lines too.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/no-unfinished-transaction.js';

const PG = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
`;
const MYSQL = `import mysql from 'mysql2/promise';
declare const pool: mysql.Pool;
`;
const MYSQL_CALLBACK = `import mysql from 'mysql2';
declare const connection: mysql.Connection;
`;
// One connection for the whole module, used through mysql2's promise view (`db.promise()`), as many Express services do.
const MYSQL_VIEW = `import mysql from 'mysql2';
const db = mysql.createConnection({ host: 'localhost', database: 'shop' });
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
const MONGO = `import { MongoClient } from 'mongodb';
declare const mongo: MongoClient;
`;
const KNEX = `import type { Knex } from 'knex';
declare const knex: Knex;
`;
// Objection's model classes, on a knex whose transactions Objection's are.
const OBJECTION = `import type { Knex } from 'knex';
import { Model, transaction, type Transaction } from 'objection';
declare const knex: Knex;
class Person extends Model {
  static tableName = 'persons';
}
class Pet extends Model {
  static tableName = 'pets';
}
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

const MIKRO_ORM = `import type { EntityManager } from '@mikro-orm/core';
`;

const PRISMA = `import { PrismaClient } from './generated/prisma/client.js';
declare const prisma: PrismaClient;
`;

const SQLITE = `import Database from 'better-sqlite3';
declare const db: Database.Database;
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // The same option guards BEGIN, COMMIT and ROLLBACK: no path begins without ending.
    name: "pg: BEGIN, COMMIT and ROLLBACK each under the caller's options.transactional",
    code: `${PG}
export async function save(rows: string[], options: { transactional: boolean }) {
  const client = await pool.connect();
  try {
    if (options.transactional) await client.query('BEGIN');
    for (const row of rows) {
      await client.query('insert into items(name) values ($1)', [row]);
    }
    if (options.transactional) await client.query('COMMIT');
  } catch (error) {
    if (options.transactional) await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: BEGIN and COMMIT under a destructured parameter, ROLLBACK under the same',
    code: `${PG}
export async function save(rows: string[], { transactional }: { transactional: boolean }) {
  const client = await pool.connect();
  try {
    if (transactional) {
      await client.query('BEGIN');
    }
    for (const row of rows) {
      await client.query('insert into items(name) values ($1)', [row]);
    }
    if (transactional) {
      await client.query('COMMIT');
    }
  } catch (error) {
    if (transactional) await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'Objection: transaction.start() committed in try, rolled back in catch',
    code: `${OBJECTION}
export async function addPets(pets: object[]) {
  const trx = await transaction.start(Model.knex());
  try {
    await Pet.query(trx).insert(pets);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
  },
  {
    // LiteFarm's getUserFarmByEmail: the transaction is begun only when none is given, and the
    // same test, written as two comparisons with null and undefined, decides who commits it.
    name: 'Objection: a transaction begun only when the caller gives none (trx ?? startTransaction()), ended under trx === null || trx === undefined',
    code: `${OBJECTION}
export async function findPerson(id: number, trx?: Transaction) {
  const transaction = trx ?? (await Person.startTransaction());
  try {
    const person = await Person.query(transaction).findById(id);
    if (trx === null || trx === undefined) {
      await transaction.commit();
    }
    return person;
  } catch (error) {
    if (trx === undefined) {
      await transaction.rollback();
    }
    throw error;
  }
}`,
  },
  {
    name: 'Objection: Person.transaction() commits when its callback resolves and rolls back when it rejects',
    code: `${OBJECTION}
export async function rename(id: number, name: string) {
  return Person.transaction(async (trx) => {
    const person = await Person.query(trx).findById(id);
    if (!person) {
      return null;
    }
    return Person.query(trx).patchAndFetchById(id, { name });
  });
}`,
  },
  {
    name: 'promise-mysql: rolled back in catch, released in finally',
    code: `${PROMISE_MYSQL}
export async function withdraw(id: number, amount: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - ? where id = ?', [amount, id]);
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
    // mysqljs, the callback API mysql2 copied: released only after rollback() or commit() called back.
    name: 'mysql (mysqljs) callbacks: a pooled connection released after its rollback or commit callback',
    code: `import mysql from 'mysql';
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
        done(commitError);
      });
    });
  });
}`,
  },
  {
    // Read back from where another method keeps it: this method borrows it, it did not begin it.
    name: 'knex: a transaction kept in a Map per tab, read back by a getter and committed in another method',
    code: `${KNEX}
export class Tabs {
  private readonly open = new Map<string, Knex.Transaction>();
  async begin(tab: string) {
    this.open.set(tab, await knex.transaction());
  }
  private transactionOf(tab: string): Knex.Transaction {
    return this.open.get(tab)!;
  }
  async commit(tab: string, keepOpen: boolean) {
    const trx = this.transactionOf(tab);
    // Left open on purpose: its owner commits it later.
    if (keepOpen) return;
    await trx.commit();
    this.open.delete(tab);
  }
}`,
  },
  {
    // knex reports whether the transaction ended: rolled back in finally only when it did not.
    name: 'knex: finally rolls back unless trx.isCompleted()',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  try {
    await trx('users').where({ id }).update({ name });
    await trx.commit();
  } finally {
    if (!trx.isCompleted()) {
      await trx.rollback();
    }
  }
}`,
  },
  // --- raw SQL on a dedicated client -----------------------------------------------------
  {
    name: 'pg: BEGIN, COMMIT, ROLLBACK in catch, release in finally',
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
    name: 'pg: the early return rolls back first',
    code: `${PG}
export async function claim(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('select * from jobs where id = $1 for update', [id]);
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return null;
    }
    await client.query('update jobs set state = $2 where id = $1', [id, 'running']);
    await client.query('COMMIT');
    return rows[0];
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: END ends the transaction too',
    code: `${PG}
export async function touch() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update t set touched = now()');
    await client.query('END');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: release(err) destroys the connection, so the server rolls back',
    code: `${PG}
export async function touch() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update t set touched = now()');
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
  },
  {
    name: 'pg: query config object and a BEGIN with an isolation level',
    code: `${PG}
export async function report() {
  const client = await pool.connect();
  try {
    await client.query({ text: 'BEGIN ISOLATION LEVEL REPEATABLE READ' });
    const result = await client.query('select count(*) from orders');
    await client.query({ text: 'COMMIT' });
    return result.rows;
  } catch (error) {
    await client.query({ text: 'ROLLBACK' });
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: a helper that begins on the client it is given leaves the end to its caller',
    code: `${PG}
export async function beginLocked(client: PoolClient, id: string) {
  await client.query('BEGIN');
  await client.query('select * from jobs where id = $1 for update', [id]);
}`,
  },
  {
    name: 'pg: a withTransaction helper passes the client to the callback between BEGIN and COMMIT',
    code: `${PG}
export async function withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: SAVEPOINT and ROLLBACK TO SAVEPOINT do not end the transaction',
    code: `${PG}
export async function tryInsert(client: PoolClient) {
  await client.query('BEGIN');
  try {
    await client.query('SAVEPOINT attempt');
    await client.query('insert into t(a) values (1)').catch(() => client.query('ROLLBACK TO SAVEPOINT attempt'));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}`,
  },
  {
    name: 'pg: a BEGIN in a constant of string-literal type',
    code: `${PG}
const BEGIN = 'BEGIN';
const COMMIT = 'COMMIT';
export async function run() {
  const client = await pool.connect();
  try {
    await client.query(BEGIN);
    await client.query(COMMIT);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'pg: pool.query for a single statement is not a transaction',
    code: `${PG}
export async function count() {
  return (await pool.query('select count(*) from t')).rows;
}`,
  },
  {
    name: 'pg: a DO block is not BEGIN',
    code: `${PG}
export async function migrate() {
  await pool.query('DO $$ BEGIN PERFORM 1; END $$');
}`,
  },
  // --- APIs -----------------------------------------------------------------------------
  {
    name: 'mysql2: beginTransaction with commit and rollback',
    code: `${MYSQL}
export async function transfer() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - 1 where id = 1');
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
    // The mysqljs README's transaction: each step continues in the callback of the one before.
    name: 'mysql2 callbacks: beginTransaction(cb), commit(cb) with a rollback in its own callback',
    code: `${MYSQL_CALLBACK}
export function post(title: string) {
  connection.beginTransaction((err) => {
    if (err) {
      throw err;
    }
    connection.query('insert into posts set title = ?', [title], (error) => {
      if (error) {
        return connection.rollback(() => {
          throw error;
        });
      }
      connection.commit((commitError) => {
        if (commitError) {
          return connection.rollback(() => {
            throw commitError;
          });
        }
        console.log('saved');
      });
    });
  });
}`,
  },
  {
    // A pooled connection in callback style: released only inside the callbacks of rollback() and
    // commit(), which run once the transaction is over, or where beginTransaction failed.
    name: 'mysql2 callbacks: a pooled connection released after its rollback or commit callback',
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
        done(commitError);
      });
    });
  });
}`,
  },
  {
    // The transaction is open inside BEGIN's callback, not after the call; a failed BEGIN opened none.
    name: 'pg callbacks: BEGIN with a callback, COMMIT or ROLLBACK in the next query\'s callback',
    code: `${PG}
export function bump() {
  pool.connect((err, client, done) => {
    if (err || !client) return;
    client.query('BEGIN', (beginError) => {
      if (beginError) {
        done(beginError);
        return;
      }
      client.query('update counters set n = n + 1', (updateError) => {
        if (updateError) {
          client.query('ROLLBACK', () => done());
          return;
        }
        client.query('COMMIT', () => done());
      });
    });
  });
}`,
  },
  {
    // node-postgres's documented callback transaction: shouldAbort(err) rolls back and releases.
    name: 'pg callbacks: the documented shouldAbort(err) helper ends the transaction on each early return',
    code: `${PG}
export function createUser(name: string) {
  pool.connect((err, client, done) => {
    if (err || !client) return;
    const shouldAbort = (error: Error | null | undefined) => {
      if (error) {
        console.error('Error in transaction', error.stack);
        client.query('ROLLBACK', (rollbackError) => {
          if (rollbackError) console.error('Error rolling back client', rollbackError.stack);
          done();
        });
      }
      return !!error;
    };
    client.query('BEGIN', (beginError) => {
      if (shouldAbort(beginError)) return;
      client.query('insert into users(name) values($1) returning id', [name], (insertError, res) => {
        if (shouldAbort(insertError)) return;
        client.query('insert into photos(user_id) values ($1)', [res.rows[0].id], (photoError) => {
          if (shouldAbort(photoError)) return;
          client.query('COMMIT', (commitError) => {
            if (commitError) console.error('Error committing transaction', commitError.stack);
            done();
          });
        });
      });
    });
  });
}`,
  },
  {
    name: 'mariadb: release() rolls an open transaction back itself',
    code: `${MARIADB}
export async function maybe(flag: boolean) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update t set a = 1');
    if (!flag) return;
    await conn.commit();
  } finally {
    await conn.release();
  }
}`,
  },
  {
    name: 'TypeORM: startTransaction, commit, rollback in catch, release in finally',
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
    name: 'TypeORM: the managed dataSource.transaction callback',
    code: `${TYPEORM}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.query('update users set name = $1 where id = $2', [name, id]);
  });
}`,
  },
  {
    name: 'postgres.js: raw begin on a reserved connection, ended on every path',
    code: `${POSTGRES}
export async function move() {
  const reserved = await sql.reserve();
  try {
    await reserved\`begin\`;
    await reserved\`update accounts set balance = balance - 1\`;
    await reserved\`commit\`;
  } catch (error) {
    await reserved\`rollback\`;
    throw error;
  } finally {
    reserved.release();
  }
}`,
  },
  {
    name: 'postgres.js: sql.begin() manages the transaction',
    code: `${POSTGRES}
export async function move() {
  await sql.begin(async (tx) => {
    await tx\`update accounts set balance = balance - 1\`;
  });
}`,
  },
  {
    name: 'MongoDB: endSession() aborts a transaction still in progress',
    code: `${MONGO}
export async function move(skip: boolean) {
  const session = mongo.startSession();
  try {
    session.startTransaction();
    if (skip) return;
    await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'MongoDB: withTransaction manages commit and abort',
    code: `${MONGO}
export async function move() {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  // --- unmanaged transactions that are handles of their own ------------------------------
  {
    name: 'knex: unmanaged transaction committed or rolled back on every path',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  try {
    await trx('users').where({ id }).update({ name });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'knex: the managed callback form commits or rolls back itself',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
  });
}`,
  },
  {
    name: 'knex: a transaction returned to the caller',
    code: `${KNEX}
export async function begin(): Promise<Knex.Transaction> {
  const trx = await knex.transaction();
  return trx;
}`,
  },
  {
    name: 'Sequelize: unmanaged transaction with commit and rollback',
    code: `${SEQUELIZE}
export async function rename(id: number, name: string) {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('update users set name = ? where id = ?', { replacements: [name, id], transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'Sequelize: managed transaction callback',
    code: `${SEQUELIZE}
export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    await sequelize.query('update users set name = ? where id = ?', { replacements: [name, id], transaction: t });
  });
}`,
  },
  {
    name: 'Kysely: controlled transaction finished with .execute() on both paths',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
  },
  {
    name: 'Kysely: managed transaction().execute(callback)',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
  });
}`,
  },
  {
    name: 'mssql: begun transaction committed or rolled back',
    code: `${MSSQL}
export async function move() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  try {
    await tx.request().query('update accounts set balance = balance - 1');
    await tx.commit();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'mssql: a transaction from pool.transaction() committed or rolled back',
    code: `${MSSQL}
export async function move() {
  const tx = pool.transaction();
  await tx.begin();
  try {
    await new sql.Request(tx).query('update accounts set balance = balance - 1');
    await tx.commit();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'MikroORM: em.begin() with commit and rollback',
    code: `${MIKRO_ORM}
export async function save(em: EntityManager) {
  await em.begin();
  try {
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: raw START TRANSACTION, COMMIT and ROLLBACK',
    code: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    await conn.query('update a set n = n - 1');
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: 'postgres.js: unsafe begin/commit/rollback on a reserved connection',
    code: `${POSTGRES}
export async function move() {
  const reserved = await sql.reserve();
  try {
    await reserved.unsafe('begin');
    await reserved.unsafe('update a set n = n - 1');
    await reserved.unsafe('commit');
  } catch (error) {
    await reserved.unsafe('rollback');
    throw error;
  } finally {
    reserved.release();
  }
}`,
  },
  {
    name: 'TypeORM: raw BEGIN and COMMIT through the query runner',
    code: `${TYPEORM}
export async function move() {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.query('BEGIN');
    await queryRunner.query('update a set n = n - 1');
    await queryRunner.query('COMMIT');
  } catch (error) {
    await queryRunner.query('ROLLBACK');
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
  },
  {
    name: 'Kysely: a controlled transaction returned to the caller',
    code: `${KYSELY}
export async function begin() {
  const trx = await db.startTransaction().execute();
  return trx;
}`,
  },
  {
    name: 'Sequelize: the transaction passed to a helper that commits or rolls back',
    code: `${SEQUELIZE}
import type { Transaction } from 'sequelize';
async function finish(t: Transaction, ok: boolean) {
  if (ok) {
    await t.commit();
  } else {
    await t.rollback();
  }
}
export async function run(ok: boolean) {
  const t = await sequelize.transaction();
  await finish(t, ok);
}`,
  },
  {
    name: 'MongoDB: commit in try, abort in catch',
    code: `${MONGO}
import type { ClientSession } from 'mongodb';
export async function move(session: ClientSession) {
  session.startTransaction();
  try {
    await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  }
}`,
  },
  {
    name: 'pg: two transactions one after the other on the same client',
    code: `${PG}
export async function twice(client: PoolClient) {
  for (const n of [1, 2]) {
    await client.query('BEGIN');
    try {
      await client.query('update a set n = $1', [n]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}`,
  },
  {
    name: 'pg: a template literal BEGIN and COMMIT',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query(\`BEGIN\`);
  try {
    await client.query('update a set n = n - 1');
    await client.query(\`COMMIT\`);
  } catch (error) {
    await client.query(\`ROLLBACK\`);
    throw error;
  }
}`,
  },
  {
    name: 'pg: a rollback helper called in catch takes the transaction over',
    code: `${PG}
async function rollback(client: PoolClient) {
  await client.query('ROLLBACK');
}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  try {
    await client.query('update a set n = n - 1');
    await client.query('COMMIT');
  } catch (error) {
    await rollback(client);
    throw error;
  }
}`,
  },
  {
    name: 'pg: ROLLBACK with its own catch inside the catch block',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN');
  try {
    await client.query('update a set n = n - 1');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}`,
  },
  {
    name: 'pg: BEGIN READ ONLY ended by COMMIT',
    code: `${PG}
export async function report(client: PoolClient) {
  await client.query('BEGIN READ ONLY');
  try {
    const result = await client.query('select count(*) from a');
    await client.query('COMMIT');
    return result.rows;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}`,
  },
  {
    name: 'mysql2: the connection and its open transaction returned to the caller',
    code: `${MYSQL}
export async function begin() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  return conn;
}`,
  },
  {
    name: 'knex: commit and rollback through a finishing helper in another shape',
    code: `${KNEX}
export async function run(ok: boolean) {
  const trx = await knex.transaction();
  await (ok ? trx.commit() : trx.rollback());
}`,
  },
  {
    name: 'TypeORM: the documented pattern with a guard on isTransactionActive',
    code: `${TYPEORM}
export async function rename(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update users set name = name where id = $1', [id]);
    await queryRunner.commitTransaction();
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
  },
  {
    name: 'Prisma: an interactive $transaction is managed by Prisma',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await tx.$executeRaw\`UPDATE "User" SET active = true WHERE id = \${userId}\`;
  });
}`,
  },
  {
    name: 'Prisma: raw SQL that is not a transaction statement',
    code: `${PRISMA}
export async function touch(id: number) {
  await prisma.$executeRaw\`UPDATE "User" SET active = true WHERE id = \${id}\`;
  await prisma.$executeRawUnsafe('SELECT pg_sleep(0)');
}`,
  },
  {
    name: 'mssql: BEGIN TRAN and COMMIT TRAN in one batch through a request',
    code: `${MSSQL}
export async function move() {
  await pool.request().batch('BEGIN TRAN; UPDATE a SET n = n - 1; UPDATE b SET n = n + 1; COMMIT TRAN;');
}`,
  },
  {
    name: 'mssql: a T-SQL TRY/CATCH block is not a transaction',
    code: `${MSSQL}
export async function move() {
  await pool.request().query('BEGIN TRY UPDATE a SET n = n - 1 END TRY BEGIN CATCH SELECT 1 END CATCH');
}`,
  },
  {
    name: 'pg: BEGIN and COMMIT in one batch through the pool',
    code: `${PG}
export async function move() {
  await pool.query('BEGIN; UPDATE a SET n = n - 1; UPDATE b SET n = n + 1; COMMIT;');
}`,
  },
  {
    name: 'pg: a DO block with its own BEGIN … END; through the pool',
    code: `${PG}
export async function bump() {
  await pool.query('DO $$ BEGIN UPDATE a SET n = n + 1; END $$');
}`,
  },
  {
    name: 'MikroORM: em.transactional manages commit and rollback',
    code: `${MIKRO_ORM}
export async function bump(em: EntityManager) {
  await em.transactional(async (tx) => {
    await tx.getConnection().execute('update a set n = n + 1');
  });
}`,
  },
  {
    name: 'pg: a batch that begins, ended by a later COMMIT on the same client',
    code: `${PG}
export async function move(client: PoolClient) {
  await client.query('BEGIN; UPDATE a SET n = n - 1');
  try {
    await client.query('UPDATE b SET n = n + 1; COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}`,
  },
  // --- better-sqlite3: raw BEGIN on the one synchronous connection ----------------------
  {
    // A store that batches inserts (found in public code): the rollback in `catch` covers every throw.
    name: 'better-sqlite3: BEGIN, COMMIT in try, ROLLBACK and rethrow in catch',
    code: `${SQLITE}
export function insertAll(sql: string, values: string[]) {
  if (!values.length) return;
  const statement = db.prepare(sql);
  db.exec('BEGIN');
  try {
    for (const value of values) statement.run(value);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}`,
  },
  {
    // `inTransaction` is false once COMMIT has run: the finally rolls back only what is still open.
    name: 'better-sqlite3: finally rolls back only while db.inTransaction',
    code: `${SQLITE}
export function moveStock(from: number, to: number, quantity: number) {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare('UPDATE stock SET quantity = quantity - ? WHERE id = ?').run(quantity, from);
    db.prepare('UPDATE stock SET quantity = quantity + ? WHERE id = ?').run(quantity, to);
    db.exec('COMMIT');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}`,
  },
  {
    name: 'better-sqlite3: BEGIN and COMMIT in one exec batch',
    code: `${SQLITE}
export function resetCounters() {
  db.exec('BEGIN; UPDATE counters SET value = 0; DELETE FROM hits; COMMIT;');
}`,
  },
  {
    // A trigger body is written between BEGIN and END, and opens no transaction.
    name: 'better-sqlite3: a CREATE TRIGGER batch is no transaction',
    code: `${SQLITE}
export function migrate() {
  db.exec(\`
    CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, row_id INTEGER);
    CREATE TRIGGER IF NOT EXISTS audit_insert AFTER INSERT ON items BEGIN
      INSERT INTO audit (row_id) VALUES (new.id);
    END;
  \`);
  db.prepare('INSERT INTO items DEFAULT VALUES').run();
}`,
  },
  {
    // The library's own transaction function commits and rolls back by itself.
    name: 'better-sqlite3: db.transaction(fn) is managed',
    code: `${SQLITE}
export function insertMany(names: string[]) {
  const insert = db.prepare('INSERT INTO users (name) VALUES (?)');
  const insertAll = db.transaction((rows: string[]) => {
    for (const row of rows) insert.run(row);
  });
  insertAll(names);
}`,
  },
  {
    // `db.prepare('BEGIN').run()` sends BEGIN at once, like `db.exec('BEGIN')` (found in public code).
    name: 'better-sqlite3: BEGIN, COMMIT and ROLLBACK prepared and run in one chain',
    code: `${SQLITE}
export function migrateSpend(rows: string[]) {
  let inserted = 0;
  db.prepare('BEGIN').run();
  try {
    for (const row of rows) {
      db.prepare('INSERT INTO spend VALUES (?)').run(row);
      inserted++;
    }
    db.prepare('COMMIT').run();
  } catch (error) {
    db.prepare('ROLLBACK').run();
    throw error;
  }
  return inserted;
}`,
  },
  {
    // The library's sticky issue on transactions (WiseLibs/better-sqlite3#49): statements prepared
    // once and run later are not followed, so the function is not taken for one that begins.
    name: 'better-sqlite3: BEGIN prepared once at module level, run by a higher-order function',
    code: `${SQLITE}
const begin = db.prepare('BEGIN');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');
export function asTransaction(func: (...args: unknown[]) => void) {
  return function (...args: unknown[]) {
    begin.run();
    try {
      func(...args);
      commit.run();
    } finally {
      if (db.inTransaction) rollback.run();
    }
  };
}`,
  },
  {
    name: 'better-sqlite3: a class whose methods begin, commit and roll back for the caller',
    code: `${SQLITE}
export class Connection {
  constructor(private readonly handle: Database.Database) {}
  beginTransaction() { return this.handle.prepare('BEGIN').run(); }
  commit() { return this.handle.prepare('COMMIT').run(); }
  rollback() { return this.handle.prepare('ROLLBACK').run(); }
}`,
  },
  {
    // A store class that keeps its connection on the instance (found in public code).
    name: 'better-sqlite3: a transaction on this.db, rolled back in catch',
    code: `${SQLITE}
export class QueueStore {
  constructor(private readonly db: Database.Database) {}
  deleteAll(sql: string, ids: string[]) {
    if (!ids.length) return;
    const statement = this.db.prepare(sql);
    this.db.exec('BEGIN');
    try {
      for (const id of ids) statement.run(id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}`,
  },
  {
    // Begins on the instance's client for the caller, who commits through another method.
    name: 'pg: a method that only begins on this.client',
    code: `${PG}
export class UnitOfWork {
  constructor(private readonly client: PoolClient) {}
  async begin() {
    await this.client.query('BEGIN');
  }
  async commit() {
    await this.client.query('COMMIT');
  }
}`,
  },
  {
    // A point-of-sale order service (found in public code): a caller that already holds a
    // transaction skips BEGIN, and the same flag guards COMMIT and ROLLBACK.
    name: 'better-sqlite3: BEGIN, COMMIT and ROLLBACK all guarded by one local flag',
    code: `${SQLITE}
declare function saveOrder(): unknown;
export function createOrder(skipTransaction: boolean) {
  let inTx = false;
  if (!skipTransaction) {
    db.prepare('BEGIN IMMEDIATE').run();
    inTx = true;
  }
  try {
    const order = saveOrder();
    if (inTx) {
      db.prepare('COMMIT').run();
    }
    return order;
  } catch (error) {
    if (inTx) {
      db.prepare('ROLLBACK').run();
    }
    throw error;
  }
}`,
  },
  {
    // A test shim for expo-sqlite's API over better-sqlite3 (found in public code).
    name: 'better-sqlite3: a project transaction wrapper that awaits its callback in try',
    code: `${SQLITE}
export async function withTransactionAsync(fn: () => Promise<void>): Promise<void> {
  db.exec('BEGIN');
  try {
    await fn();
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}`,
  },
  {
    name: 'wrapper: a transaction from a project factory, committed and rolled back by the caller',
    code: `${SEQUELIZE}
class Repo {
  async start() {
    const t = await sequelize.transaction();
    return t;
  }
}
declare const repo: Repo;
export async function reset(id: number) {
  const t = await repo.start();
  try {
    await sequelize.query('update users set credits = 0 where id = :id', { replacements: { id }, transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
  },
  {
    name: 'wrapper: a transaction from a project factory, handed on to the caller',
    code: `${KNEX}
function begin() {
  return knex.transaction();
}
export async function beginAudited() {
  const trx = await begin();
  return trx;
}`,
  },
  // --- helpers that begin on the caller's handle and leave the end to it -------------------
  {
    name: 'begin helper: BEGIN, COMMIT and ROLLBACK through one-line helpers, released in finally',
    code: `${PG}
const beginTransaction = (client: PoolClient) => client.query('BEGIN TRANSACTION');
const commitTransaction = (client: PoolClient) => client.query('COMMIT');
const rollbackTransaction = (client: PoolClient) => client.query('ROLLBACK');
export async function rename(id: string, name: string) {
  const client = await pool.connect();
  try {
    await beginTransaction(client);
    await client.query('update users set name = $2 where id = $1', [id, name]);
    await commitTransaction(client);
  } catch (error) {
    await rollbackTransaction(client);
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  {
    // It begins and commits on the client it is given: no transaction is left to its caller.
    name: 'begin helper: a helper that begins and commits itself leaves nothing open',
    code: `${PG}
async function runAtomically(client: PoolClient, statements: string[]) {
  await client.query('BEGIN');
  try {
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
export async function migrate(statements: string[]) {
  const client = await pool.connect();
  try {
    if (statements.length === 0) return;
    await runAtomically(client, statements);
  } finally {
    client.release();
  }
}`,
  },
  {
    // A query wrapper whose SQL is its caller's may send anything, COMMIT included: no begin helper.
    name: 'begin helper: a promise wrapper that runs whatever SQL it is given',
    code: `import mysql from 'mysql2';
const run = (conn: mysql.PoolConnection, sql: string) =>
  new Promise<void>((resolve, reject) => conn.query(sql, (err) => (err ? reject(err) : resolve())));
export async function archive(conn: mysql.PoolConnection, ids: number[]) {
  try {
    if (ids.length === 0) return;
    await run(conn, 'delete from archive_queue');
  } finally {
    conn.release();
  }
}`,
  },
  {
    // A begin-only helper and a method of the same name that also commits: the call is the method's.
    name: 'begin helper: a method named like a begin helper that commits what it begins',
    code: `${PG}
export const begin = (client: PoolClient) => client.query('BEGIN');
export class Batch {
  async begin(client: PoolClient, statements: string[]) {
    await client.query('BEGIN');
    try {
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
export async function run(batch: Batch, statements: string[]) {
  const client = await pool.connect();
  try {
    await batch.begin(client, statements);
  } finally {
    client.release();
  }
}`,
  },
  {
    name: 'begin helper: mysql2 beginTransaction() in a helper, the caller commits and rolls back',
    code: `${MYSQL}
async function begin(conn: mysql.PoolConnection) {
  await conn.beginTransaction();
}
export async function adjust(id: number) {
  const conn = await pool.getConnection();
  try {
    await begin(conn);
    await conn.query('update stock set n = n - 1 where id = ?', [id]);
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
    // beekeeper-studio: a SQL editor reserves a connection per tab; the user's BEGIN and COMMIT are separate calls.
    name: 'pg: a transaction begun on a connection kept per tab, read through a getter, and ended by another method',
    code: `${PG}
export class Tabs {
  private readonly reserved = new Map<number, PoolClient>();
  private peekConnection(tabId: number): PoolClient {
    const conn = this.reserved.get(tabId);
    if (!conn) throw new Error('no reserved connection');
    return conn;
  }
  async reserveConnection(tabId: number) {
    this.reserved.set(tabId, await pool.connect());
  }
  async startTransaction(tabId: number) {
    const conn = this.peekConnection(tabId);
    await conn.query('BEGIN');
  }
  async commitTransaction(tabId: number) {
    const conn = this.peekConnection(tabId);
    await conn.query('COMMIT');
  }
}`,
  },
  {
    // beekeeper-studio's SQL Server client: the reserved handle is an mssql Transaction, begun when the user asks.
    name: 'mssql: begin() on a Transaction kept per tab, read through a getter, and committed by another method',
    code: `${MSSQL}
export class Tabs {
  private readonly reserved = new Map<number, sql.Transaction>();
  private peekConnection(tabId: number): sql.Transaction {
    return this.reserved.get(tabId)!;
  }
  reserveConnection(tabId: number) {
    this.reserved.set(tabId, pool.transaction());
  }
  async startTransaction(tabId: number) {
    const conn = this.peekConnection(tabId);
    await conn.begin();
  }
  async commitTransaction(tabId: number) {
    const conn = this.peekConnection(tabId);
    this.reserved.delete(tabId);
    await conn.commit();
  }
}`,
  },
  {
    name: 'mysql2: a transaction begun through conn.promise() and rolled back through it before an early return',
    code: `${MYSQL_VIEW}
export async function pay(orderId: number): Promise<number> {
  try {
    await db.promise().beginTransaction();
    const [rows] = await db.promise().execute<mysql.RowDataPacket[]>('select id from orders where id = ? for update', [orderId]);
    if (rows.length === 0) {
      await db.promise().rollback();
      return 404;
    }
    await db.promise().execute('update orders set status = ? where id = ?', ['paying', orderId]);
    await db.promise().commit();
    return 200;
  } catch (error) {
    await db.promise().rollback();
    throw error;
  }
}`,
  },
  {
    // The view in a local is still the module's connection, which the caller ends: as `db.promise().beginTransaction()` inline.
    name: 'mysql2: a helper that only begins on the module connection, through its promise view kept in a local',
    code: `${MYSQL_VIEW}
export async function beginOrderTransaction(): Promise<void> {
  const conn = db.promise();
  await conn.beginTransaction();
}`,
  },
  {
    name: 'mysql2: the promise view kept in a local, with commit and rollback on every path',
    code: `${MYSQL_VIEW}
export async function rename(id: number, name: string): Promise<void> {
  const conn = db.promise();
  await conn.beginTransaction();
  try {
    await conn.query('update users set name = ? where id = ?', [name, id]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
}`,
  },
];

export const invalid: Invalid[] = [
  {
    // Following options.transactional prunes the paths that skip BEGIN, not the insert that throws.
    name: 'pg: BEGIN under options.transactional, no ROLLBACK before the release in finally',
    code: `${PG}
export async function save(rows: string[], options: { transactional: boolean }) {
  const client = await pool.connect();
  try {
    if (options.transactional) await client.query('BEGIN');
    for (const row of rows) {
      await client.query('insert into items(name) values ($1)', [row]);
    }
    if (options.transactional) await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'releasedWhileOpen', line: 13, column: 5 }],
  },
  {
    // LiteFarm's addFarmExpense (LiteFarmOrg/LiteFarm#2880 fixed others like it).
    name: 'Objection: an early return with the transaction from transaction.start() still open',
    code: `${OBJECTION}
export async function addPets(pets: unknown) {
  const trx = await transaction.start(Model.knex());
  try {
    if (!Array.isArray(pets)) {
      return 400;
    }
    await Pet.query(trx).insert(pets);
    await trx.commit();
    return 201;
  } catch (error) {
    await trx.rollback();
    return 500;
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 15,
        column: 7,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            output: `${OBJECTION}
export async function addPets(pets: unknown) {
  const trx = await transaction.start(Model.knex());
  try {
    if (!Array.isArray(pets)) {
      await trx.rollback();
      return 400;
    }
    await Pet.query(trx).insert(pets);
    await trx.commit();
    return 201;
  } catch (error) {
    await trx.rollback();
    return 500;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Objection: a catch that answers the error without rolling back Person.startTransaction()',
    code: `${OBJECTION}
export async function rename(id: number, name: string) {
  const trx = await Person.startTransaction();
  try {
    await Person.query(trx).patch({ name }).where('id', id);
    await trx.commit();
  } catch (error) {
    console.error(error);
    return 500;
  }
  return 204;
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 18,
        column: 5,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            output: `${OBJECTION}
export async function rename(id: number, name: string) {
  const trx = await Person.startTransaction();
  try {
    await Person.query(trx).patch({ name }).where('id', id);
    await trx.commit();
  } catch (error) {
    console.error(error);
    await trx.rollback();
    return 500;
  }
  return 204;
}`,
          },
        ],
      },
    ],
  },
  {
    // The module's one connection stays inside the transaction: every later query joins it.
    name: 'mysql2: an early return with the transaction begun through conn.promise() still open',
    code: `${MYSQL_VIEW}
export async function pay(orderId: number): Promise<number> {
  try {
    await db.promise().beginTransaction();
    const [rows] = await db.promise().execute<mysql.RowDataPacket[]>('select id from orders where id = ? for update', [orderId]);
    if (rows.length === 0) {
      return 404;
    }
    await db.promise().execute('update orders set status = ? where id = ?', ['paying', orderId]);
    await db.promise().commit();
    return 200;
  } catch (error) {
    await db.promise().rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 9,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            output: `${MYSQL_VIEW}
export async function pay(orderId: number): Promise<number> {
  try {
    await db.promise().beginTransaction();
    const [rows] = await db.promise().execute<mysql.RowDataPacket[]>('select id from orders where id = ? for update', [orderId]);
    if (rows.length === 0) {
      await db.promise().rollback();
      return 404;
    }
    await db.promise().execute('update orders set status = ? where id = ?', ['paying', orderId]);
    await db.promise().commit();
    return 200;
  } catch (error) {
    await db.promise().rollback();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // mysql2's promise Pool extends Connection in its typings, so this compiles; at run time the pool has no beginTransaction().
    name: 'mysql2: beginTransaction() through a pool\'s promise view',
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ host: 'localhost', database: 'shop' });
export async function add(title: string): Promise<void> {
  await pool.promise().beginTransaction();
  await pool.promise().query('insert into notes (title) values (?)', [title]);
  await pool.promise().commit();
}`,
    errors: [{ messageId: 'beginOnPool', line: 4 }],
  },
  {
    // A borrowed connection is not this method's to keep open once it commits on some path.
    name: 'pg: a connection kept per tab, begun and committed in one method, left open by an early return',
    code: `${PG}
export class Tabs {
  private readonly reserved = new Map<number, PoolClient>();
  private peekConnection(tabId: number): PoolClient {
    return this.reserved.get(tabId)!;
  }
  async runInTransaction(tabId: number, text: string) {
    const conn = this.peekConnection(tabId);
    await conn.query('BEGIN');
    if (!text) return;
    await conn.query(text);
    await conn.query('COMMIT');
  }
}`,
    errors: [
      { messageId: 'openOnException', line: 11 },
      {
        messageId: 'openAtExit',
        line: 12,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            output: `${PG}
export class Tabs {
  private readonly reserved = new Map<number, PoolClient>();
  private peekConnection(tabId: number): PoolClient {
    return this.reserved.get(tabId)!;
  }
  async runInTransaction(tabId: number, text: string) {
    const conn = this.peekConnection(tabId);
    await conn.query('BEGIN');
    if (!text) { await conn.query('ROLLBACK'); return; }
    await conn.query(text);
    await conn.query('COMMIT');
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'promise-mysql: an early return releases the connection with the transaction open',
    code: `${PROMISE_MYSQL}
export async function withdraw(id: number, amount: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const rows = await conn.query('select balance from accounts where id = ? for update', [id]);
    if (rows[0].balance < amount) {
      return false;
    }
    await conn.query('update accounts set balance = balance - ? where id = ?', [amount, id]);
    await conn.commit();
    return true;
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 19,
        column: 5,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            output: `${PROMISE_MYSQL}
export async function withdraw(id: number, amount: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const rows = await conn.query('select balance from accounts where id = ? for update', [id]);
    if (rows[0].balance < amount) {
      await conn.rollback();
      return false;
    }
    await conn.query('update accounts set balance = balance - ? where id = ?', [amount, id]);
    await conn.commit();
    return true;
  } catch (err) {
    await conn.rollback();
    throw err;
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
    name: 'mysql (mysqljs) callbacks: a later step releases the pooled connection on error without a rollback',
    code: `import mysql from 'mysql';
export function transfer(conn: mysql.PoolConnection, amount: number, done: (error: Error | null) => void) {
  conn.beginTransaction((beginError) => {
    if (beginError) {
      conn.release();
      return done(beginError);
    }
    conn.query('update accounts set balance = balance - ? where id = 1', [amount], (error) => {
      if (error) {
        conn.release();
        return done(error);
      }
      conn.commit((commitError) => {
        conn.release();
        done(commitError);
      });
    });
  });
}`,
    errors: [{ messageId: 'releasedWhileOpen', line: 10, column: 9, endLine: 10, endColumn: 23 }],
  },
  {
    // The twin: the helper begins a fresh one and returns it, so the caller owns it.
    name: 'knex: a transaction from a helper that begins it, left open by an early return',
    code: `${KNEX}
async function beginImport(): Promise<Knex.Transaction> {
  const trx = await knex.transaction();
  return trx;
}
export async function importRows(names: string[]) {
  const trx = await beginImport();
  if (names.length === 0) return;
  await trx('rows').insert(names.map((name) => ({ name }))).catch(() => undefined);
  await trx.commit();
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 10,
        column: 27,
        endLine: 10,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: '`await trx.rollback();`' },
            output: `${KNEX}
async function beginImport(): Promise<Knex.Transaction> {
  const trx = await knex.transaction();
  return trx;
}
export async function importRows(names: string[]) {
  const trx = await beginImport();
  if (names.length === 0) { await trx.rollback(); return; }
  await trx('rows').insert(names.map((name) => ({ name }))).catch(() => undefined);
  await trx.commit();
}`,
          },
        ],
      },
    ],
  },
  {
    // The twin: the test is the wrong way round, so a failed update leaves it open.
    name: 'knex: finally rolls back only when trx.isCompleted()',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  try {
    await trx('users').where({ id }).update({ name });
    await trx.commit();
  } finally {
    if (trx.isCompleted()) {
      await trx.rollback();
    }
  }
}`,
    errors: [{ messageId: 'openOnException', line: 5, column: 21, endLine: 5, endColumn: 39 }],
  },
  // --- raw SQL on a dedicated client -----------------------------------------------------
  {
    name: 'pg: early return between BEGIN and COMMIT; finally releases the open transaction',
    code: `${PG}
export async function claim(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('select * from jobs where id = $1 for update', [id]);
    if (rows.length === 0) {
      return null;
    }
    await client.query('COMMIT');
    return rows[0];
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 15,
        column: 5,
        endLine: 15,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await client.query('ROLLBACK');`" },
            output: `${PG}
export async function claim(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('select * from jobs where id = $1 for update', [id]);
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return null;
    }
    await client.query('COMMIT');
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
    name: 'pg: no ROLLBACK on error, so finally releases the open transaction',
    code: `${PG}
export async function touch() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update t set touched = now()');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: the early return releases the client by hand, transaction still open',
    code: `${PG}
export async function claim(id: string) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query('select * from jobs where id = $1 for update', [id]).catch(() => ({ rows: [] }));
  if (rows.length === 0) {
    client.release();
    return null;
  }
  await client.query('COMMIT').catch(() => undefined);
  client.release();
  return rows[0];
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: an early return on a client owned by the caller leaves its transaction open',
    code: `${PG}
export async function settle(client: PoolClient, id: string) {
  await client.query('BEGIN');
  const { rowCount } = await client.query('update invoices set paid = true where id = $1', [id]).catch(() => ({ rowCount: 0 }));
  if (!rowCount) {
    return false;
  }
  await client.query('COMMIT').catch(() => undefined);
  return true;
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 18,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await client.query('ROLLBACK');`" },
            output: `${PG}
export async function settle(client: PoolClient, id: string) {
  await client.query('BEGIN');
  const { rowCount } = await client.query('update invoices set paid = true where id = $1', [id]).catch(() => ({ rowCount: 0 }));
  if (!rowCount) {
    await client.query('ROLLBACK');
    return false;
  }
  await client.query('COMMIT').catch(() => undefined);
  return true;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a throw between BEGIN and COMMIT on a caller-owned client',
    code: `${PG}
export async function settle(client: PoolClient, amount: number) {
  await client.query('BEGIN');
  if (amount <= 0) {
    throw new Error('amount must be positive');
  }
  await client.query('COMMIT').catch(() => undefined);
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await client.query('ROLLBACK');`" },
            output: `${PG}
export async function settle(client: PoolClient, amount: number) {
  await client.query('BEGIN');
  if (amount <= 0) {
    await client.query('ROLLBACK');
    throw new Error('amount must be positive');
  }
  await client.query('COMMIT').catch(() => undefined);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg: a failing query between BEGIN and COMMIT on a caller-owned client',
    code: `${PG}
export async function settle(client: PoolClient, id: string) {
  await client.query('BEGIN');
  await client.query('update invoices set paid = true where id = $1', [id]);
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 30,
      },
    ],
  },
  {
    name: 'pg: ROLLBACK TO SAVEPOINT does not end the transaction',
    code: `${PG}
export async function attempt() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SAVEPOINT s1').catch(() => undefined);
    await client.query('ROLLBACK TO SAVEPOINT s1').catch(() => undefined);
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 21,
      },
    ],
  },
  {
    name: 'pg: START TRANSACTION in a loop body, continue skips the COMMIT',
    code: `${PG}
export async function each(client: PoolClient, ids: string[]) {
  for (const id of ids) {
    await client.query('START TRANSACTION');
    if (!id) continue;
    await client.query('delete from t where id = $1', [id]).catch(() => undefined);
    await client.query('COMMIT').catch(() => undefined);
  }
}`,
    errors: [
      {
        messageId: 'notEnded',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 44,
      },
    ],
  },
  {
    name: 'pg: BEGIN sent through the pool',
    code: `${PG}
export async function broken() {
  await pool.query('BEGIN');
  await pool.query('update t set a = 1');
  await pool.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 28,
      },
    ],
  },
  {
    name: 'pg: BEGIN through the pool in a query config object',
    code: `${PG}
export async function broken() {
  await pool.query({ text: 'BEGIN' });
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 38,
      },
    ],
  },
  // --- APIs -----------------------------------------------------------------------------
  {
    name: 'pg callbacks: a failed update gives the client back inside BEGIN\'s callback without ROLLBACK',
    code: `${PG}
export function bump() {
  pool.connect((err, client, done) => {
    if (err || !client) return;
    client.query('BEGIN', (beginError) => {
      if (beginError) {
        done(beginError);
        return;
      }
      client.query('update counters set n = n + 1', (updateError) => {
        if (updateError) {
          done();
          return;
        }
        client.query('COMMIT', () => done());
      });
    });
  });
}`,
    errors: [{ messageId: 'openAtExit', line: 15 }],
  },
  {
    name: 'mysql2: early return after beginTransaction; release() keeps the transaction',
    code: `${MYSQL}
export async function maybe(flag: boolean) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update t set a = 1');
    if (!flag) return;
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
        messageId: 'releasedWhileOpen',
        line: 15,
        column: 5,
        endLine: 15,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await conn.rollback();`" },
            output: `${MYSQL}
export async function maybe(flag: boolean) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update t set a = 1');
    if (!flag) { await conn.rollback(); return; }
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
    name: 'mysql2: pool.beginTransaction() type-checks but does not exist on a pool',
    code: `${MYSQL}
export async function broken() {
  await pool.beginTransaction();
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 32,
      },
    ],
  },
  {
    name: 'mysql2: START TRANSACTION through the pool',
    code: `${MYSQL}
export async function broken() {
  await pool.query('START TRANSACTION');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 40,
      },
    ],
  },
  {
    name: 'TypeORM: early return after startTransaction; release() never rolls back',
    code: `${TYPEORM}
export async function maybe(flag: boolean) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update t set a = 1');
    if (!flag) return;
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
        messageId: 'releasedWhileOpen',
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await queryRunner.rollbackTransaction();`" },
            output: `${TYPEORM}
export async function maybe(flag: boolean) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('update t set a = 1');
    if (!flag) { await queryRunner.rollbackTransaction(); return; }
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
    // Both paths commit partial work: `await using` disposes by committing what is open.
    name: 'TypeORM: await using commits whatever is open at an early return',
    code: `${TYPEORM}
export async function maybe(flag: boolean) {
  await using queryRunner = dataSource.createQueryRunner();
  await queryRunner.startTransaction();
  await queryRunner.query('update t set a = 1');
  if (!flag) return;
  await queryRunner.commitTransaction();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 39,
      },
      {
        messageId: 'openAtExit',
        line: 8,
        column: 14,
        endLine: 8,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await queryRunner.rollbackTransaction();`" },
            output: `${TYPEORM}
export async function maybe(flag: boolean) {
  await using queryRunner = dataSource.createQueryRunner();
  await queryRunner.startTransaction();
  await queryRunner.query('update t set a = 1');
  if (!flag) { await queryRunner.rollbackTransaction(); return; }
  await queryRunner.commitTransaction();
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: BEGIN through the data source',
    code: `${TYPEORM}
export async function broken() {
  await dataSource.query('BEGIN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 34,
      },
    ],
  },
  {
    name: 'postgres.js: no rollback when a statement fails; finally releases',
    code: `${POSTGRES}
export async function move() {
  const reserved = await sql.reserve();
  try {
    await reserved\`begin\`;
    await reserved\`update accounts set balance = balance - 1\`;
    await reserved\`commit\`;
  } finally {
    reserved.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 23,
      },
    ],
  },
  {
    name: 'postgres.js: begin through the root sql',
    code: `${POSTGRES}
export async function broken() {
  await sql\`begin\`;
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'MongoDB: an early return leaves the transaction on the caller’s session open',
    code: `${MONGO}
import type { ClientSession } from 'mongodb';
export async function move(session: ClientSession, skip: boolean) {
  session.startTransaction();
  if (skip) return;
  await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
  await session.commitTransaction();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 29,
      },
      {
        messageId: 'openAtExit',
        line: 7,
        column: 13,
        endLine: 7,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await session.abortTransaction();`" },
            output: `${MONGO}
import type { ClientSession } from 'mongodb';
export async function move(session: ClientSession, skip: boolean) {
  session.startTransaction();
  if (skip) { await session.abortTransaction(); return; }
  await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
  await session.commitTransaction();
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: BEGIN through the root instance',
    code: `${KNEX}
export async function broken() {
  await knex.raw('BEGIN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 26,
      },
    ],
  },
  {
    name: 'Sequelize: BEGIN through sequelize.query',
    code: `${SEQUELIZE}
export async function broken() {
  await sequelize.query('BEGIN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 33,
      },
    ],
  },
  // --- unmanaged transactions that are handles of their own ------------------------------
  {
    name: 'knex: early return leaves the transaction open',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  const rows = await trx('users').where({ id }).catch(() => []);
  if (rows.length === 0) return false;
  await trx('users').where({ id }).update({ name }).catch(() => 0);
  await trx.commit();
  return true;
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await trx.rollback();`" },
            output: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  const rows = await trx('users').where({ id }).catch(() => []);
  if (rows.length === 0) { await trx.rollback(); return false; }
  await trx('users').where({ id }).update({ name }).catch(() => 0);
  await trx.commit();
  return true;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a failing update skips the commit and nothing rolls back',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  await trx('users').where({ id }).update({ name });
  await trx.commit();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 39,
      },
    ],
  },
  {
    name: 'Sequelize: a failing query skips the commit',
    code: `${SEQUELIZE}
export async function rename(id: number, name: string) {
  const t = await sequelize.transaction();
  await sequelize.query('update users set name = ? where id = ?', { replacements: [name, id], transaction: t });
  await t.commit();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'Sequelize: early return keeps the transaction and its connection',
    code: `${SEQUELIZE}
export async function close(id?: number) {
  const t = await sequelize.transaction();
  if (id === undefined) return;
  await t.commit();
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 6,
        column: 25,
        endLine: 6,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await t.rollback();`" },
            output: `${SEQUELIZE}
export async function close(id?: number) {
  const t = await sequelize.transaction();
  if (id === undefined) { await t.rollback(); return; }
  await t.commit();
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: await trx.commit() without .execute() does nothing',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.commit();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'releaseNotRun',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'runRelease',
            data: { call: '`trx.commit().execute()`' },
            output: `${KYSELY}
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mssql: transaction not rolled back when a request fails',
    code: `${MSSQL}
export async function move() {
  const tx = new sql.Transaction(pool);
  await tx.begin();
  await tx.request().query('update accounts set balance = balance - 1');
  await tx.commit();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'wrapper: a knex transaction from a project helper, not rolled back on failure',
    code: `${KNEX}
async function begin(): Promise<Knex.Transaction> {
  return knex.transaction();
}
export async function rename(id: number, name: string) {
  const trx = await begin();
  await trx('users').where({ id }).update({ name });
  await trx.commit();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 8,
        column: 21,
        endLine: 8,
        endColumn: 28,
      },
    ],
  },
  {
    // Legacy callback services: the error branch of a step gives the connection back, and
    // forgets the rollback the other branches do.
    name: 'mysql2 callbacks: a later step releases the pooled connection on error without a rollback',
    code: `import mysql from 'mysql2';
export function transfer(conn: mysql.PoolConnection, amount: number, done: (error: Error | null) => void) {
  conn.beginTransaction((beginError) => {
    if (beginError) {
      conn.release();
      return done(beginError);
    }
    conn.query('update accounts set balance = balance - ? where id = 1', [amount], (error) => {
      if (error) {
        conn.release();
        return done(error);
      }
      conn.commit((commitError) => {
        conn.release();
        done(commitError);
      });
    });
  });
}`,
    errors: [{ messageId: 'releasedWhileOpen', line: 10, column: 9, endLine: 10, endColumn: 23 }],
  },
  {
    name: 'begin helper: the early return releases the client with the helper-begun transaction open',
    code: `${PG}
const beginTransaction = (client: PoolClient) => client.query('BEGIN TRANSACTION');
const commitTransaction = (client: PoolClient) => client.query('COMMIT');
export async function rename(id: string, name: string) {
  const client = await pool.connect();
  try {
    await beginTransaction(client);
    const { rowCount } = await client.query('update users set name = $2 where id = $1', [id, name]);
    if (!rowCount) return false;
    await commitTransaction(client);
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 18,
        column: 5,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "\`await client.query('ROLLBACK');\`" },
            output: `${PG}
const beginTransaction = (client: PoolClient) => client.query('BEGIN TRANSACTION');
const commitTransaction = (client: PoolClient) => client.query('COMMIT');
export async function rename(id: string, name: string) {
  const client = await pool.connect();
  try {
    await beginTransaction(client);
    const { rowCount } = await client.query('update users set name = $2 where id = $1', [id, name]);
    if (!rowCount) { await client.query('ROLLBACK'); return false; }
    await commitTransaction(client);
    return true;
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
    name: 'begin helper: mysql2 beginTransaction() in a helper, no rollback when the update fails',
    code: `${MYSQL}
async function begin(conn: mysql.PoolConnection) {
  await conn.beginTransaction();
}
export async function adjust(id: number) {
  const conn = await pool.getConnection();
  try {
    await begin(conn);
    await conn.query('update stock set n = n - 1 where id = ?', [id]);
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
    errors: [{ messageId: 'releasedWhileOpen', line: 14, column: 5 }],
  },
  {
    // Callback-API code often wraps each step in a promise; the begin runs in the executor.
    name: 'begin helper: a promise around the callback beginTransaction, an early return releases inside it',
    code: `import mysql from 'mysql2';
const begin = (conn: mysql.PoolConnection) =>
  new Promise<void>((resolve, reject) => conn.beginTransaction((err) => (err ? reject(err) : resolve())));
const commit = (conn: mysql.PoolConnection) =>
  new Promise<void>((resolve, reject) => conn.commit((err) => (err ? reject(err) : resolve())));
export async function archive(conn: mysql.PoolConnection, ids: number[]) {
  try {
    await begin(conn);
    if (ids.length === 0) return;
    await commit(conn);
  } finally {
    conn.release();
  }
}`,
    errors: [{ messageId: 'releasedWhileOpen', line: 12, column: 5 }],
  },
  {
    name: 'wrapper: a transaction from a project factory (a method), never committed',
    code: `${SEQUELIZE}
class Repo {
  async start() {
    const t = await sequelize.transaction();
    return t;
  }
}
declare const repo: Repo;
export async function reset(id: number) {
  const t = await repo.start();
  await sequelize.query('update users set credits = 0 where id = :id', { replacements: { id }, transaction: t });
}`,
    errors: [
      { messageId: 'notEnded', line: 12, column: 19, endLine: 12, endColumn: 31 },
      { messageId: 'openOnException', line: 12, column: 19, endLine: 12, endColumn: 31 },
    ],
  },
  {
    name: 'MikroORM: an early return after em.begin()',
    code: `${MIKRO_ORM}
export async function save(em: EntityManager, skip: boolean) {
  await em.begin();
  try {
    if (skip) return;
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 6,
        column: 15,
        endLine: 6,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: '`await em.rollback();`' },
            output: `${MIKRO_ORM}
export async function save(em: EntityManager, skip: boolean) {
  await em.begin();
  try {
    if (skip) { await em.rollback(); return; }
    await em.flush();
    await em.commit();
  } catch (error) {
    await em.rollback();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: raw START TRANSACTION and an early return; release() keeps the transaction',
    code: `${MYSQL}
export async function move(skip: boolean) {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    if (skip) return;
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 14,
        column: 5,
        endLine: 14,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await conn.rollback();`" },
            output: `${MYSQL}
export async function move(skip: boolean) {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    if (skip) { await conn.rollback(); return; }
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
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
    name: 'postgres.js: unsafe begin and a failing statement with no rollback',
    code: `${POSTGRES}
export async function move() {
  const reserved = await sql.reserve();
  try {
    await reserved.unsafe('begin');
    await reserved.unsafe('update a set n = n - 1');
    await reserved.unsafe('commit');
  } finally {
    reserved.release();
  }
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 23,
      },
    ],
  },
  {
    name: 'Sequelize: commit in only one branch',
    code: `${SEQUELIZE}
export async function maybe(ok: boolean) {
  const t = await sequelize.transaction();
  if (ok) {
    await t.commit();
  }
}`,
    errors: [
      {
        messageId: 'notEnded',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'MongoDB: no abort when an operation fails',
    code: `${MONGO}
import type { ClientSession } from 'mongodb';
export async function move(session: ClientSession) {
  session.startTransaction();
  await mongo.db('a').collection('b').insertOne({ n: 1 }, { session });
  await session.commitTransaction();
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 29,
      },
    ],
  },
  {
    name: 'knex: commit only inside an if',
    code: `${KNEX}
export async function maybe(ok: boolean) {
  const trx = await knex.transaction();
  if (ok) await trx.commit();
}`,
    errors: [
      {
        messageId: 'notEnded',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 39,
      },
    ],
  },
  {
    name: 'pg: a template literal BEGIN through the pool',
    code: `${PG}
export async function broken() {
  await pool.query(\`BEGIN\`);
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 28,
      },
    ],
  },
  {
    name: 'mysql2: BEGIN through pool.execute',
    code: `${MYSQL}
export async function broken() {
  await pool.execute('BEGIN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 30,
      },
    ],
  },
  {
    name: 'pg: a constant BEGIN through the pool',
    code: `${PG}
const BEGIN = 'BEGIN';
export async function broken() {
  await pool.query(BEGIN);
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 26,
      },
    ],
  },
  {
    name: 'pg: COMMIT only when rows were found; the other path just returns',
    code: `${PG}
export async function settle(client: PoolClient, id: string) {
  await client.query('BEGIN');
  const { rowCount } = await client.query('select 1 from invoices where id = $1', [id]).catch(() => ({ rowCount: 0 }));
  if (rowCount) {
    await client.query('COMMIT').catch(() => undefined);
    return true;
  }
  return false;
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 11,
        column: 3,
        endLine: 11,
        endColumn: 16,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await client.query('ROLLBACK');`" },
            output: `${PG}
export async function settle(client: PoolClient, id: string) {
  await client.query('BEGIN');
  const { rowCount } = await client.query('select 1 from invoices where id = $1', [id]).catch(() => ({ rowCount: 0 }));
  if (rowCount) {
    await client.query('COMMIT').catch(() => undefined);
    return true;
  }
  await client.query('ROLLBACK');
  return false;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2: the release inside catch keeps the transaction open when rollback is missing',
    code: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  try {
    await conn.query('update a set n = n - 1');
    await conn.commit();
  } catch (error) {
    conn.release();
    throw error;
  }
  conn.release();
}`,
    errors: [
      {
        messageId: 'releasedWhileOpen',
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 19,
      },
    ],
  },
  {
    name: 'TypeORM: a throw between startTransaction and commit on a caller-owned runner',
    code: `${TYPEORM}
import type { QueryRunner } from 'typeorm';
export async function rename(queryRunner: QueryRunner, name: string) {
  await queryRunner.startTransaction();
  if (!name) throw new Error('name required');
  await queryRunner.query('update users set name = $1', [name]).catch(() => undefined);
  await queryRunner.commitTransaction().catch(() => undefined);
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 7,
        column: 14,
        endLine: 7,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await queryRunner.rollbackTransaction();`" },
            output: `${TYPEORM}
import type { QueryRunner } from 'typeorm';
export async function rename(queryRunner: QueryRunner, name: string) {
  await queryRunner.startTransaction();
  if (!name) { await queryRunner.rollbackTransaction(); throw new Error('name required'); }
  await queryRunner.query('update users set name = $1', [name]).catch(() => undefined);
  await queryRunner.commitTransaction().catch(() => undefined);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: a controlled transaction with no end at all',
    code: `${KYSELY}
export async function touch(id: number) {
  const trx = await db.startTransaction().execute();
  await trx.updateTable('users').set({ name: 'x' }).where('id', '=', id).execute().catch(() => undefined);
}`,
    // The query's rejection is caught, and the builder's synchronous calls are no exception
    // path (`exceptions: 'likely'`): only the normal exit leaves it open.
    errors: [
      {
        messageId: 'notEnded',
        line: 6,
        column: 21,
        endLine: 6,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'Prisma: $executeRaw BEGIN through the client',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$executeRaw\`BEGIN\`;
  await prisma.order.create({ data: { userId, total } });
  await prisma.$executeRaw\`COMMIT\`;
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 34,
      },
    ],
  },
  {
    name: 'Prisma: $executeRawUnsafe START TRANSACTION through the client',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$executeRawUnsafe('START TRANSACTION');
  await prisma.order.create({ data: { userId, total } });
  await prisma.$executeRawUnsafe('COMMIT');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 54,
      },
    ],
  },
  {
    name: 'Prisma: BEGIN through an extended client',
    code: `${PRISMA}
const db = prisma.$extends({});
export async function placeOrder(userId: number, total: number) {
  await db.$executeRaw\`BEGIN ISOLATION LEVEL SERIALIZABLE\`;
  await db.order.create({ data: { userId, total } });
  await db.$executeRaw\`COMMIT\`;
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 59,
      },
    ],
  },
  {
    name: 'Prisma: BEGIN through this.prisma in a service',
    code: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async place(userId: number, total: number) {
    await this.prisma.$queryRaw\`BEGIN\`;
    await this.prisma.order.create({ data: { userId, total } });
    await this.prisma.$queryRaw\`COMMIT\`;
  }
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 39,
      },
    ],
  },
  {
    name: 'mssql: BEGIN TRAN through a pooled request',
    code: `${MSSQL}
export async function move() {
  await pool.request().query('BEGIN TRAN');
  await pool.request().query('UPDATE a SET n = n - 1');
  await pool.request().query('COMMIT TRAN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 43,
      },
    ],
  },
  {
    name: 'mssql: BEGIN TRANSACTION through pool.query',
    code: `${MSSQL}
export async function move() {
  await pool.query('BEGIN TRANSACTION');
  await pool.query('UPDATE a SET n = n - 1');
  await pool.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 40,
      },
    ],
  },
  {
    name: 'mssql: BEGIN TRAN through a request made with new sql.Request(pool)',
    code: `${MSSQL}
export async function move() {
  const request = new sql.Request(pool);
  await request.batch('BEGIN TRAN; UPDATE a SET n = n - 1');
  await request.batch('COMMIT TRAN');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 60,
      },
    ],
  },
  {
    name: 'pg: a batch that leaves the transaction open through the pool',
    code: `${PG}
export async function move() {
  await pool.query('BEGIN; UPDATE a SET n = n - 1');
  await pool.query('UPDATE b SET n = n + 1; COMMIT');
}`,
    errors: [
      {
        messageId: 'beginOnPool',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'pg: a batch that begins on a client, then an early return',
    code: `${PG}
export async function move(client: PoolClient, id: number) {
  await client.query('BEGIN; SELECT 1');
  const { rows } = await client.query('SELECT n FROM a WHERE id = $1', [id]);
  if (rows.length === 0) {
    return;
  }
  await client.query('COMMIT');
}`,
    errors: [
      {
        messageId: 'openOnException',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 40,
      },
      {
        messageId: 'openAtExit',
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 12,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await client.query('ROLLBACK');`" },
            output: `${PG}
export async function move(client: PoolClient, id: number) {
  await client.query('BEGIN; SELECT 1');
  const { rows } = await client.query('SELECT n FROM a WHERE id = $1', [id]);
  if (rows.length === 0) {
    await client.query('ROLLBACK');
    return;
  }
  await client.query('COMMIT');
}`,
          },
        ],
      },
    ],
  },
  // --- better-sqlite3 -----------------------------------------------------------------------
  {
    name: 'better-sqlite3: an early return leaves the transaction open on the connection',
    code: `${SQLITE}
export function importRows(rows: string[]) {
  db.exec('BEGIN');
  if (rows.length === 0) return 0;
  for (const row of rows) db.prepare('INSERT INTO t VALUES (?)').run(row);
  db.exec('COMMIT');
  return rows.length;
}`,
    errors: [
      { messageId: 'openOnException', line: 5, column: 3, endLine: 5, endColumn: 19 },
      {
        messageId: 'openAtExit',
        line: 6,
        column: 26,
        endLine: 6,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`db.exec('ROLLBACK');`" },
            output: `${SQLITE}
export function importRows(rows: string[]) {
  db.exec('BEGIN');
  if (rows.length === 0) { db.exec('ROLLBACK'); return 0; }
  for (const row of rows) db.prepare('INSERT INTO t VALUES (?)').run(row);
  db.exec('COMMIT');
  return rows.length;
}`,
          },
        ],
      },
    ],
  },
  {
    // An Express handler (found in public code): a seat already sold answers 400 from inside the
    // transaction, and the connection keeps it open for every later request.
    name: 'better-sqlite3: a prepared BEGIN, and a return from inside the loop without ROLLBACK',
    code: `${SQLITE}
declare const res: { status(code: number): { json(body: unknown): void }; json(body: unknown): void };
export function buySeats(showId: number, seats: number[]) {
  try {
    db.prepare('BEGIN').run();
    for (const seat of seats) {
      if (db.prepare('SELECT 1 FROM sold WHERE show = ? AND seat = ?').get(showId, seat)) {
        return res.status(400).json({ error: 'sold' });
      }
      db.prepare('INSERT INTO sold VALUES (?, ?)').run(showId, seat);
    }
    db.prepare('COMMIT').run();
    res.json({ ok: true });
  } catch (error) {
    db.prepare('ROLLBACK').run();
    res.status(500).json({ error: String(error) });
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 10,
        column: 9,
        endLine: 10,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`db.exec('ROLLBACK');`" },
            output: `${SQLITE}
declare const res: { status(code: number): { json(body: unknown): void }; json(body: unknown): void };
export function buySeats(showId: number, seats: number[]) {
  try {
    db.prepare('BEGIN').run();
    for (const seat of seats) {
      if (db.prepare('SELECT 1 FROM sold WHERE show = ? AND seat = ?').get(showId, seat)) {
        db.exec('ROLLBACK');
        return res.status(400).json({ error: 'sold' });
      }
      db.prepare('INSERT INTO sold VALUES (?, ?)').run(showId, seat);
    }
    db.prepare('COMMIT').run();
    res.json({ ok: true });
  } catch (error) {
    db.prepare('ROLLBACK').run();
    res.status(500).json({ error: String(error) });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'better-sqlite3: a transaction on this.db left open by an early return',
    code: `${SQLITE}
export class QueueStore {
  constructor(private readonly db: Database.Database) {}
  deleteAll(sql: string, ids: string[]) {
    this.db.exec('BEGIN');
    if (!ids.length) return;
    try {
      for (const id of ids) this.db.prepare(sql).run(id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 8,
        column: 22,
        endLine: 8,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`this.db.exec('ROLLBACK');`" },
            output: `${SQLITE}
export class QueueStore {
  constructor(private readonly db: Database.Database) {}
  deleteAll(sql: string, ids: string[]) {
    this.db.exec('BEGIN');
    if (!ids.length) { this.db.exec('ROLLBACK'); return; }
    try {
      for (const id of ids) this.db.prepare(sql).run(id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
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
    name: 'pg: a transaction on this.client left open by an early return',
    code: `${PG}
export class Ledger {
  constructor(private readonly client: PoolClient) {}
  async post(entries: { account: string; amount: number }[]) {
    await this.client.query('BEGIN');
    if (entries.length === 0) return;
    try {
      for (const entry of entries) {
        await this.client.query('insert into ledger (account, amount) values ($1, $2)', [entry.account, entry.amount]);
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
  }
}`,
    errors: [
      {
        messageId: 'openAtExit',
        line: 8,
        column: 31,
        endLine: 8,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'rollbackBeforeExit',
            data: { rollback: "`await this.client.query('ROLLBACK');`" },
            output: `${PG}
export class Ledger {
  constructor(private readonly client: PoolClient) {}
  async post(entries: { account: string; amount: number }[]) {
    await this.client.query('BEGIN');
    if (entries.length === 0) { await this.client.query('ROLLBACK'); return; }
    try {
      for (const entry of entries) {
        await this.client.query('insert into ledger (account, amount) values ($1, $2)', [entry.account, entry.amount]);
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
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
    // The statement throws synchronously (a constraint): the next BEGIN then fails with
    // "cannot start a transaction within a transaction".
    name: 'better-sqlite3: a throwing statement between BEGIN and COMMIT, no rollback',
    code: `${SQLITE}
export function rename(id: number, name: string) {
  db.exec('BEGIN');
  db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, id);
  db.prepare('INSERT INTO renames (user_id, name) VALUES (?, ?)').run(id, name);
  db.exec('COMMIT');
}`,
    errors: [{ messageId: 'openOnException', line: 5, column: 3, endLine: 5, endColumn: 19 }],
  },
  {
    // An Express handler (found in public code, minus its rollback): the catch answers and
    // the connection stays in the transaction.
    name: 'better-sqlite3: a catch that answers the request without rolling back',
    code: `${SQLITE}
declare const res: { json(body: unknown): void; status(code: number): { json(body: unknown): void } };
export function clearDemoData() {
  db.exec('BEGIN');
  try {
    const { changes } = db.prepare('DELETE FROM vehicles WHERE isDemo = 1').run();
    db.exec('COMMIT');
    res.json({ vehicles: Number(changes) });
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }
}`,
    errors: [{ messageId: 'notEnded', line: 6, column: 3, endLine: 6, endColumn: 19 }],
  },

];
