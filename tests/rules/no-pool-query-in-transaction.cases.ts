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

const MONGOOSE = `import mongoose, { type Model } from 'mongoose';
interface Product { name: string; stock: number }
const Products = mongoose.model<Product>('Product', new mongoose.Schema({ name: String, stock: Number }));
const Orders = mongoose.model('Order', new mongoose.Schema({ product: String, quantity: Number }));
`;

// Objection's model classes, on a knex whose transactions Objection's are.
const OBJECTION = `import type { Knex } from 'knex';
import { Model, transaction } from 'objection';
declare const knex: Knex;
class Person extends Model {
  static tableName = 'persons';
}
class Pet extends Model {
  static tableName = 'pets';
}
`;

// A Sequelize model, and a helper that reads it with no way to be handed the transaction.
const SEQUELIZE_USERS = `import { DataTypes, Model, Sequelize, type Transaction } from 'sequelize';
declare const sequelize: Sequelize;
class User extends Model {
  declare id: number;
  declare credits: number;
}
User.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, credits: DataTypes.INTEGER }, { sequelize });
async function findUser(id: number) {
  return User.findByPk(id);
}
async function findUserIn(id: number, transaction?: Transaction) {
  return User.findByPk(id, { transaction });
}
`;

const SLONIK = `import { type DatabasePool, sql } from 'slonik';
declare const pool: DatabasePool;
`;

// Logto's fork of slonik, with its query factories: objects built over the connection they are given.
const SILVERHAND_SLONIK = `import { type CommonQueryMethods, type DatabasePool, sql } from '@silverhand/slonik';
declare const pool: DatabasePool;
const createUserQueries = (connection: CommonQueryMethods) => ({
  findName: async (id: string) => connection.oneFirst(sql\`select name from users where id = \${id}\`),
  rename: async (id: string, name: string) => connection.query(sql\`update users set name = \${name} where id = \${id}\`),
});
class AuditQueries {
  constructor(private readonly connection: CommonQueryMethods) {}
  async add(action: string) {
    await this.connection.query(sql\`insert into audit(action) values (\${action})\`);
  }
}
`;

const PRISMA = `import { PrismaClient, type Prisma } from './generated/prisma/client.js';
declare const prisma: PrismaClient;
`;
const MIKRO = `import { Entity, EntityManager, PrimaryKey, Property } from '@mikro-orm/core';
@Entity()
class Order {
  @PrimaryKey()
  id!: number;
  @Property()
  total = 0;
}
`;
const TYPEORM_USER = `import { Column, DataSource, Entity, EntityManager, PrimaryColumn, type Repository } from 'typeorm';
@Entity()
class User {
  @PrimaryColumn()
  id!: number;
  @Column()
  name!: string;
  @Column()
  renames!: number;
}
declare const dataSource: DataSource;
`;

/** settings['db-leaks'] declaring a compiled in-house wrapper and HTTP client (docs/settings.md). */
const LEGACY_SETTINGS = {
  'db-leaks': {
    wrappers: [{ file: 'project/legacy-db.d.ts', method: 'runInTransaction', kind: 'transaction', library: 'pg' }],
    networkFunctions: ['^sendWebhook$'],
  },
};

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    name: 'Sequelize: a helper handed the transaction, inside sequelize.transaction()',
    code: `${SEQUELIZE_USERS}
export async function charge(id: number) {
  await sequelize.transaction(async (transaction) => {
    const user = await findUserIn(id, transaction);
    await User.update({ credits: (user?.credits ?? 1) - 1 }, { where: { id }, transaction });
  });
}`,
  },
  {
    // With CLS, the helper's query joins the transaction by async context.
    name: 'Sequelize: a helper that cannot be handed the transaction, with sequelizeCls',
    code: `${SEQUELIZE_USERS}
export async function charge(id: number) {
  await sequelize.transaction(async (transaction) => {
    const user = await findUser(id);
    await User.update({ credits: (user?.credits ?? 1) - 1 }, { where: { id }, transaction });
  });
}`,
    options: [{ sequelizeCls: true }],
  },
  {
    name: 'Objection: a helper handed trx by the transaction that calls it',
    code: `${OBJECTION}
async function isAdopted(petId: number, trx?: Knex.Transaction) {
  return !!(await Pet.query(trx).findById(petId));
}
export async function adopt(personId: number, petId: number) {
  await Person.transaction(async (trx) => {
    if (await isAdopted(petId, trx)) {
      return;
    }
    await Person.relatedQuery('pets', trx).for(personId).relate(petId);
  });
}`,
  },
  {
    // A naive check takes \`Person\`, the class the transaction was started from, for the outer handle.
    name: 'Objection: every model query handed trx inside Person.transaction(), relatedQuery() at its second place',
    code: `${OBJECTION}
export async function adopt(personId: number, petId: number) {
  await Person.transaction(async (trx) => {
    await Person.query(trx).patch({}).where('id', personId);
    await Person.relatedQuery('pets', trx).for(personId).relate(petId);
  });
}`,
  },
  {
    // Classes bound to the transaction run in it without being handed trx.
    name: 'Objection: queries of bound classes (transaction(Person, Pet, …), Person.bindKnex(trx)) inside a transaction',
    code: `${OBJECTION}
export async function adopt() {
  await transaction(Person, Pet, async (BoundPerson, BoundPet) => {
    await BoundPerson.query().insert({});
    await BoundPet.query().insert({});
  });
  await Person.transaction(async (trx) => {
    const TransactedPet = Pet.bindKnex(trx);
    await TransactedPet.query().insert({});
  });
}`,
  },
  {
    name: 'Objection: a model query joined by .transacting(trx) inside knex.transaction()',
    code: `${OBJECTION}
export async function adopt(personId: number) {
  await knex.transaction(async (trx) => {
    await knex('audit').transacting(trx).insert({ personId });
    await Person.query().insert({}).transacting(trx);
  });
}`,
  },
  {
    name: 'Objection: a model query outside the transaction, before it begins and after it commits',
    code: `${OBJECTION}
export async function adopt(personId: number) {
  const person = await Person.query().findById(personId);
  const trx = await Person.startTransaction();
  try {
    await Pet.query(trx).insert({ owner: person });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
  return Pet.query().where('owner', personId);
}`,
  },
  {
    name: 'Mongoose: a new document put in the session, by save({ session }) or doc.$session(session)',
    code: `${MONGOOSE}
export async function order(productId: string) {
  await mongoose.connection.transaction(async (session) => {
    const first = new Orders({ product: productId, quantity: 1 });
    await first.save({ session });
    const second = new Orders({ product: productId, quantity: 2 });
    second.$session(session);
    await second.save();
  });
}`,
  },
  {
    // The options' type has \`session\`: a spread of the caller's options may carry it.
    name: "Mongoose: a model query with a spread of the caller's query options inside connection.transaction()",
    code: `${MONGOOSE}
export async function restock(productId: string, options: { session?: mongoose.ClientSession; timestamps?: boolean }) {
  await mongoose.connection.transaction(async () => {
    await Products.updateOne({ _id: productId }, { $inc: { stock: 10 } }, { ...options, upsert: false });
  });
}`,
  },
  {
    // Every way a Mongoose query joins the session: its options (written, spread, or a variable
    // that has it), \`.session()\` or \`.setOptions()\` on the query, a document read in the session.
    name: 'Mongoose: every model query inside withTransaction joins the session',
    code: `${MONGOOSE}
export async function checkout(productId: string, quantity: number) {
  const session = await mongoose.startSession();
  try {
    await session.withTransaction(async () => {
      await Orders.create([{ product: productId, quantity }], { session });
      const product = await Products.findOneAndUpdate({ _id: productId, stock: { $gte: quantity } }, { $inc: { stock: -quantity } }, { session, new: true });
      const options = { session, upsert: true };
      await Products.updateOne({ _id: productId }, { $set: { name: 'sold' } }, options);
      await Promise.all([Orders.deleteMany({ quantity: 0 }, { session }), Products.deleteMany({ stock: -1 }, { session })]);
      const empty = await Products.find({ stock: 0 }).session(session).lean();
      const named = await Products.findOne({ name: 'x' }).setOptions({ session });
      const exists = await Products.exists({ _id: productId }).session(session);
      const removed = await Products.findByIdAndDelete(productId, { session }).select('name');
      if (product) {
        product.stock = 0;
        await product.save();
        await product.deleteOne();
      }
      return [empty, named, exists, removed];
    });
  } finally {
    await session.endSession();
  }
}`,
  },
  {
    name: 'Mongoose: a model injected into a service, queried with { session } inside connection.transaction()',
    code: `${MONGOOSE}
export class ProductService {
  constructor(private readonly products: Model<Product>) {}
  async rename(id: string, name: string) {
    await mongoose.connection.transaction(async (session) => {
      await this.products.updateOne({ _id: id }, { $set: { name } }, { session });
      return this.products.findById(id).session(session);
    });
  }
}`,
  },
  {
    // Mongoose 8.4+: queries inside connection.transaction() take the session from async context.
    name: 'Mongoose with transactionAsyncLocalStorage set by the program: queries join connection.transaction() without { session }',
    code: `${MONGOOSE}
mongoose.set('transactionAsyncLocalStorage', true);
export async function restock(productId: string) {
  await mongoose.connection.transaction(async () => {
    await Products.updateOne({ _id: productId }, { $inc: { stock: 10 } });
    await Orders.create({ product: productId, quantity: -10 });
  });
}`,
  },
  {
    name: 'Mongoose: a model query before the transaction starts and after it commits',
    code: `${MONGOOSE}
export async function restock(productId: string) {
  const before = await Products.findById(productId);
  const session = await mongoose.startSession();
  try {
    session.startTransaction();
    await Products.updateOne({ _id: productId }, { $inc: { stock: 10 } }, { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
  await Orders.create({ product: productId, quantity: before ? -10 : 0 });
}`,
  },
  {
    name: 'pg-promise: every query of db.tx() goes through t',
    code: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function transfer(from: number, to: number, amount: number) {
  await db.tx(async (t) => {
    await t.none('update accounts set balance = balance - $1 where id = $2', [amount, from]);
    await t.none('update accounts set balance = balance + $1 where id = $2', [amount, to]);
  });
}`,
  },
  {
    // A task holds one connection but no transaction: db beside it runs no risk of its own.
    name: 'pg-promise: db queried inside db.task(), which is no transaction',
    code: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function both() {
  return db.task(async (t) => [await t.one('select 1'), await db.one('select 2')]);
}`,
  },
  {
    // Callback style: the pool query runs in the commit's callback, once the transaction is over.
    name: 'mysql2 callbacks: a pool query in the commit callback, after the transaction',
    code: `import mysql from 'mysql2';
declare const pool: mysql.Pool;
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
        pool.query('insert into audit(event) values (?)', ['transfer'], () => undefined);
        done(commitError);
      });
    });
  });
}`,
  },
  // --- callbacks that run while an unmanaged transaction is open ------------------------------
  {
    name: 'knex: trx in a .map() callback while the unmanaged transaction is open',
    code: `${KNEX}
export async function insertWithLog(list: { name: string }[]) {
  const trx = await knex.transaction();
  try {
    const rows: { id: number }[] = await trx('items').insert(list).returning('*');
    await Promise.all(rows.map((row) => trx('log').insert({ item: row.id })));
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
  await Promise.all(list.map((item) => knex('stats').increment('imported', 1).where({ name: item.name })));
}`,
  },
  {
    // The caller's options carry the transaction: passed as they are, or spread into new ones.
    name: 'Sequelize: queries given the options object that holds the transaction, or a spread of it',
    code: `${SEQUELIZE}
import type { QueryOptions, Transaction } from 'sequelize';
async function archive(options: QueryOptions & { transaction: Transaction }) {
  await sequelize.query('update a set archived = true', options);
  await sequelize.query('update b set archived = true', { ...options, raw: true });
}
export async function run() {
  await sequelize.transaction(async (transaction) => {
    const options = { transaction };
    await sequelize.query('update c set archived = true', options);
    await archive(options);
  });
}`,
  },
  // --- helpers: what a called function queries through, decided by what the caller hands it ---
  {
    name: 'knex: a helper that queries the handle it is given, given the transaction',
    code: `${KNEX}
async function insertRow(db: Knex, name: string) {
  await db('rows').insert({ name });
}
export async function importRows(names: string[]) {
  await knex.transaction(async (trx) => {
    for (const name of names) {
      await insertRow(trx, name);
    }
  });
}`,
  },
  {
    name: 'knex: a helper whose handle defaults to the root, given the transaction',
    code: `${KNEX}
async function findUser(id: number, db: Knex = knex) {
  return db('users').where({ id }).first();
}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    const user = await findUser(id, trx);
    await trx('users').where({ id: user.id }).update({ name });
  });
}`,
  },
  {
    // The copy's `this.db` is the transaction: its methods query inside it.
    name: 'knex: a service copy bound to the transaction (withTransaction) queries through its field',
    code: `${KNEX}
class UserStore {
  constructor(private readonly db: Knex) {}
  withTransaction(trx: Knex.Transaction): UserStore {
    return new UserStore(trx);
  }
  async rename(id: number, name: string) {
    await this.db('users').where({ id }).update({ name });
  }
}
export class UserService {
  constructor(private readonly users: UserStore) {}
  async rename(id: number, name: string) {
    await knex.transaction(async (trx) => {
      const users = this.users.withTransaction(trx);
      await users.rename(id, name);
    });
  }
}`,
  },
  {
    // `trx ?? knex` may be either: the helper's local is not taken for the root.
    name: 'knex: a helper that picks its handle at run time (trx ?? knex)',
    code: `${KNEX}
async function touch(id: number, trx?: Knex.Transaction) {
  const db = trx ?? knex;
  await db('users').where({ id }).update({ touchedAt: new Date() });
}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await touch(id, trx);
  });
}`,
  },
  {
    name: 'pg: a helper that queries the pool, called after COMMIT and release',
    code: `${PG}
async function logEvent(action: string) {
  await pool.query('insert into audit(action) values ($1)', [action]);
}
export async function transfer(from: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await logEvent('transfer');
}`,
  },
  {
    // The helper's own client is a connection of its own, ended by the helper.
    name: 'pg: a helper that checks out and releases its own client',
    code: `${PG}
async function nextId(client: PoolClient) {
  const { rows } = await client.query<{ id: number }>('select nextval($1) as id', ['ids']);
  return rows[0]!.id;
}
export async function create(name: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const id = await nextId(client);
    await client.query('insert into items(id, name) values ($1, $2)', [id, name]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  },
  // --- a function given its caller's transaction -----------------------------------------------
  {
    name: 'knex: a function given the transaction queries through it',
    code: `${KNEX}
export async function moveRows(trx: Knex.Transaction, from: number, to: number) {
  await trx('rows').where({ owner: from }).update({ owner: to });
  await trx('owners').where({ id: from }).delete();
}`,
  },
  {
    // `trx?` says the function also runs outside a transaction: its root query may be meant.
    name: 'knex: a function whose transaction is optional may use the root when not given one',
    code: `${KNEX}
export async function countRows(owner: number, trx?: Knex.Transaction) {
  const rows = await (trx ?? knex)('rows').where({ owner }).count();
  await knex('stats').insert({ owner, rows: rows.length });
}`,
  },
  {
    // A union with the root handle says the same as `trx?`: the caller may pass either.
    name: 'knex: a function typed to take a transaction or the root knex may use the root',
    code: `${KNEX}
export async function countRows(owner: number, db: Knex.Transaction | Knex) {
  const rows = await db('rows').where({ owner }).count();
  await knex('stats').insert({ owner, rows: rows.length });
}`,
  },
  {
    // The callback is the managed transaction's: checked once, as the transaction it is.
    name: 'knex: a typed callback of knex.transaction is not also a function given a transaction',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx: Knex.Transaction) => {
    await trx('users').where({ id }).update({ name });
  });
  await knex('audit').insert({ action: 'rename' });
}`,
  },
  {
    // A pg client is not a transaction by its type: a function given one may run outside any.
    name: 'pg: a function given a PoolClient may query the pool',
    code: `${PG}
export async function copyUser(client: PoolClient, id: number) {
  const { rows } = await pool.query('select * from users where id = $1', [id]);
  await client.query('insert into users_archive select $1', [rows[0]]);
}`,
  },
  // --- a method of the client's class that runs its query on the transaction it is given ----
  {
    name: 'Prisma: a client subclass method that locks rows through the tx it is given',
    code: `${PRISMA}
class Database extends PrismaClient {
  async lockOrders(tx: Prisma.TransactionClient, userId: number) {
    await tx.$executeRaw\`select id from "Order" where "userId" = \${userId} for update\`;
  }
}
export class OrderService {
  constructor(private readonly db: Database) {}
  async place(userId: number, total: number) {
    await this.db.$transaction(async (tx) => {
      await this.db.lockOrders(tx, userId);
      await tx.order.create({ data: { userId, total } });
    });
  }
}`,
  },
  {
    name: 'Prisma: a helper method on the client class that only uses its argument, called through another helper',
    code: `${PRISMA}
class Database extends PrismaClient {
  async lockOrders(tx: Prisma.TransactionClient, userId: number) {
    await tx.$executeRaw\`select id from "Order" where "userId" = \${userId} for update\`;
  }
  async lockAll(tx: Prisma.TransactionClient, userIds: number[]) {
    for (const id of userIds) await this.lockOrders(tx, id);
  }
}
export async function placeAll(db: Database, userIds: number[]) {
  await db.$transaction(async (tx) => {
    await db.lockAll(tx, userIds);
  });
}`,
  },
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
    // knex's own way in: a builder started from the root runs in the transaction given to .transacting().
    name: 'knex: builders started from the root and joined with .transacting(trx), in the callback and in a helper',
    code: `${KNEX}
function insertBook(trx: Knex.Transaction, title: string) {
  return knex('books').insert({ title }).transacting(trx);
}
export async function add(title: string) {
  await knex.transaction(async (trx) => {
    await insertBook(trx, title);
    await knex.select('*').from('books').where({ title }).transacting(trx).forUpdate();
  });
}`,
  },
  {
    name: 'knex: an unmanaged transaction joined with .transacting(trx)',
    code: `${KNEX}
export async function add(title: string) {
  const trx = await knex.transaction();
  try {
    await knex('books').insert({ title }).transacting(trx);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
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
    // The query objects are typed like the pool (CommonQueryMethods), so only how they are made tells them apart.
    name: '@silverhand/slonik: queries through objects made from the transaction connection (Logto)',
    code: `${SILVERHAND_SLONIK}
export async function rename(id: string, name: string) {
  await pool.transaction(async (connection) => {
    const users = createUserQueries(connection);
    const audit = new AuditQueries(connection);
    const previous = await users.findName(id);
    await users.rename(id, name);
    await audit.add(\`rename \${previous}\`);
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
  {
    name: 'Prisma: every query inside the callback goes through tx',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await tx.order.create({ data: { userId: user.id, total } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
  },
  {
    name: 'Prisma: the batch form runs every query of the array in one transaction',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction([
    prisma.order.create({ data: { userId, total } }),
    prisma.auditLog.create({ data: { message: 'order placed' } }),
  ]);
}`,
  },
  {
    name: 'Prisma: the client used after the transaction has finished',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  const order = await prisma.$transaction(async (tx) => tx.order.create({ data: { userId, total } }));
  await prisma.auditLog.create({ data: { message: \`order \${order.id}\` } });
}`,
  },
  {
    name: 'Prisma: the transaction client passed to a helper',
    code: `${PRISMA}
async function addAudit(db: Prisma.TransactionClient, message: string) {
  await db.auditLog.create({ data: { message } });
}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await addAudit(tx, 'order placed');
  });
}`,
  },
  {
    name: 'Prisma: a query in a timer callback runs after the transaction',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    setTimeout(() => {
      void prisma.auditLog.create({ data: { message: 'order placed' } });
    }, 0);
  });
}`,
  },
  {
    name: 'Prisma: an extended client, queried through its transaction handle',
    code: `${PRISMA}
const db = prisma.$extends({});
export async function placeOrder(userId: number, total: number) {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
  },
  {
    name: 'Prisma: a method given the client through a project alias of Omit<PrismaClient, …> uses it for every query',
    code: `${PRISMA}
type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Tx, orderId: number, total: number) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
  async count() {
    return this.prisma.order.count();
  }
}`,
  },
  {
    name: 'Prisma: a nested transaction on tx is a savepoint on the same connection',
    code: `${PRISMA}
export async function placeOrder(tx: Prisma.TransactionClient, userId: number) {
  await tx.$transaction(async (inner) => {
    await inner.order.create({ data: { userId, total: 1 } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
  },
  {
    name: 'MikroORM: the injected global em joins em.transactional through its context',
    code: `${MIKRO}
export class OrderService {
  constructor(private readonly em: EntityManager) {}
  async place(order: Order) {
    await this.em.transactional(async () => {
      this.em.persist(order);
      await this.em.flush();
    });
  }
}`,
  },
  {
    name: 'MikroORM: queries through the callback em',
    code: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  await em.transactional(async (tx) => {
    tx.persist(order);
    await tx.flush();
  });
}`,
  },
  {
    name: 'MikroORM: a fork used before the transaction',
    code: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  const fork = em.fork();
  const count = await fork.count(Order, {});
  await em.transactional(async (tx) => {
    order.total = count;
    await tx.persistAndFlush(order);
  });
}`,
  },
  {
    name: 'TypeORM: a repository from the manager, kept in a constant inside the callback',
    code: `${TYPEORM_USER}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    const users = manager.getRepository(User);
    await users.update(id, { name });
  });
}`,
  },
  {
    name: 'TypeORM: an injected repository used outside the transaction',
    code: `${TYPEORM_USER}
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Repository<User>,
  ) {}
  async rename(id: number, name: string) {
    const user = await this.users.findOneByOrFail({ id });
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, user.id, { name });
    });
  }
}`,
  },
  {
    name: 'TypeORM: the query runner’s own repository while its transaction is open',
    code: `${TYPEORM_USER}
export async function rename(id: number, name: string) {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    const users = runner.manager.getRepository(User);
    await users.update(id, { name });
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
    name: 'knex: a query builder from trx kept in a constant',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    const users = trx('users');
    await users.where({ id }).update({ name });
  });
}`,
  },
  {
    name: 'Kysely: a query built from trx, executed later in the callback',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    const update = trx.updateTable('users').set({ name }).where('id', '=', id);
    await update.execute();
  });
}`,
  },
  {
    name: 'Drizzle: a query in an event handler registered inside the callback',
    code: `${DRIZZLE}
import { EventEmitter } from 'node:events';
const events = new EventEmitter();
export async function rename(id: number, name: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name });
    events.on('renamed', () => {
      void db.select().from(users);
    });
  });
}`,
  },
  {
    name: 'pg: a single-statement batch through the pool opens no transaction',
    code: `${PG}
export async function move() {
  await pool.query('BEGIN; UPDATE a SET n = n - 1; UPDATE b SET n = n + 1; COMMIT');
  await pool.query('select 1');
}`,
  },
  {
    name: 'Kysely: a client typed for another database is another database',
    code: `${KYSELY}
interface Analytics { events: { id: number; kind: string } }
declare const analytics: Kysely<Analytics>;
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await analytics.insertInto('events').values({ id, kind: 'rename' }).execute();
  });
}`,
  },
  {
    name: 'Sequelize with CLS (sequelizeCls option): queries join the managed transaction by themselves',
    code: `${SEQUELIZE}
export async function move() {
  await sequelize.transaction(async () => {
    await sequelize.query('update a set n = n - 1');
    await sequelize.query('update b set n = n + 1');
  });
}`,
    options: [{ sequelizeCls: true }],
  },
  {
    // The program turns CLS on at start-up: no option needed.
    name: 'Sequelize with CLS turned on by the program (Sequelize.useCLS): queries join the managed transaction',
    code: `import { Sequelize } from 'sequelize';
import { AsyncLocalStorage } from 'node:async_hooks';
Sequelize.useCLS(new AsyncLocalStorage());
const sequelize = new Sequelize('postgres://localhost/app');
export async function move() {
  await sequelize.transaction(async () => {
    await sequelize.query('update a set n = n - 1');
    await sequelize.query('update b set n = n + 1');
  });
}`,
  },
  {
    name: 'knex: an unmanaged transaction with every query through trx, the root after commit',
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
  await knex('audit').insert({ action: 'rename' });
}`,
  },
  {
    name: 'Sequelize: an unmanaged transaction whose queries pass { transaction: t }',
    code: `${SEQUELIZE}
export async function move() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1', { transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
  },
  // Project wrappers recognised from their bodies (tests/fixtures/project/db-wrappers.ts).
  {
    name: 'wrapper: withTransaction() callback queries through the client it is given',
    code: `${PG}import { withTransaction } from './project/db-wrappers';
export async function transfer(from: number, to: number) {
  await withTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
  });
}`,
  },
  {
    name: 'wrapper: withClient() holds a client but opens no transaction, so the pool is fine',
    code: `${PG}import { withClient } from './project/db-wrappers';
export async function report() {
  await withClient(async (client) => {
    await client.query('select 1');
    await pool.query('insert into audit(action) values ($1)', ['report']);
  });
}`,
  },
  {
    name: 'wrapper: a callback run after the commit is outside the transaction',
    code: `${PG}import { saveThen } from './project/db-wrappers';
export async function save(id: number) {
  await saveThen(id, async () => {
    await pool.query('insert into audit(action) values ($1)', ['saved']);
  });
}`,
  },
  {
    name: 'wrapper: the handle passed second (knex) is used',
    code: `${KNEX}import { inTenantTransaction } from './project/db-wrappers';
export async function close(tenant: string, id: number) {
  await inTenantTransaction(tenant, async (name, trx) => {
    await trx('jobs').where({ id }).update({ state: 'closed', tenant: name });
  });
}`,
  },
  {
    name: 'wrapper: a project function that only retries its callback holds nothing',
    code: `${PG}
async function retry<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
    }
  }
}
export async function touch(id: number) {
  await retry(async () => {
    await pool.query('update jobs set touched_at = now() where id = $1', [id]);
  });
}`,
  },
  {
    name: 'settings: a declared wrapper whose callback uses the client it is given',
    code: `${PG}import { runInTransaction } from './project/legacy-db';
export async function transfer(from: number, to: number) {
  await runInTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('update accounts set balance = balance + 1 where id = $1', [to]);
  });
}`,
    settings: LEGACY_SETTINGS,
  },
  {
    name: 'settings: ignoreHandles allows a separate audit pool inside transactions',
    code: `${PG}import { withTransaction } from './project/db-wrappers';
declare const auditPool: Pool;
export async function transfer(from: number) {
  await withTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await auditPool.query('insert into audit(action) values ($1)', ['transfer']);
  });
}`,
    settings: { 'db-leaks': { ignoreHandles: ['auditPool'] } },
  },
  {
    // node-mssql's documented transaction: a request made for the transaction runs on its connection.
    name: 'mssql: a request constructed for the transaction, kept in a variable',
    code: `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
export async function lock(id: number) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    const request = new sql.Request(transaction);
    request.input('id', sql.Int, id);
    await request.query('update users set locked = 1 where id = @id');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
  },
  {
    name: "mssql: a request from the transaction's own request()",
    code: `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
export async function lock(id: number) {
  const transaction = pool.transaction();
  await transaction.begin();
  try {
    const request = transaction.request();
    await request.input('id', sql.Int, id).query('update users set locked = 1 where id = @id');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
  },
];

export const invalid: Invalid[] = [
  {
    // The helper takes no transaction: inside one, its read runs on another connection.
    name: 'Sequelize: a helper whose query cannot be handed the transaction, inside sequelize.transaction()',
    code: `${SEQUELIZE_USERS}
export async function charge(id: number) {
  await sequelize.transaction(async (transaction) => {
    const user = await findUser(id);
    await User.update({ credits: (user?.credits ?? 1) - 1 }, { where: { id }, transaction });
  });
}`,
    errors: [{ messageId: 'helperQuery', line: 17, column: 24 }],
  },
  {
    name: 'Sequelize: a helper whose query cannot be handed the transaction, while an unmanaged one is open',
    code: `${SEQUELIZE_USERS}
export async function charge(id: number) {
  const transaction = await sequelize.transaction();
  try {
    const user = await findUser(id);
    await User.update({ credits: (user?.credits ?? 1) - 1 }, { where: { id }, transaction });
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'helperQuery', line: 18, column: 24 }],
  },
  {
    // LiteFarm's isDeleted() check (LiteFarmOrg/LiteFarm#2880): it cannot be handed the transaction.
    name: 'Objection: a helper whose model query is not handed trx, called between transaction.start() and commit',
    code: `${OBJECTION}
async function isAdopted(petId: number) {
  return !!(await Pet.query().findById(petId));
}
export async function adopt(personId: number, petId: number) {
  const trx = await transaction.start(knex);
  try {
    if (await isAdopted(petId)) {
      await trx.rollback();
      return;
    }
    await Person.relatedQuery('pets', trx).for(personId).relate(petId);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'helperQuery', line: 17, column: 15 }],
  },
  {
    name: 'Objection: Person.query() not handed trx inside Person.transaction()',
    code: `${OBJECTION}
export async function adopt(personId: number) {
  await Person.transaction(async (trx) => {
    await Person.query(trx).patch({}).where('id', personId);
    await Pet.query().insert({ owner: personId });
  });
}`,
    errors: [
      {
        messageId: 'missingArgument',
        line: 14,
        column: 11,
        data: { call: '`Pet.query(trx)`', transaction: 'the transaction begun at line 12' },
        suggestions: [
          {
            messageId: 'handTransaction',
            data: { call: '`Pet.query(trx)`' },
            output: `${OBJECTION}
export async function adopt(personId: number) {
  await Person.transaction(async (trx) => {
    await Person.query(trx).patch({}).where('id', personId);
    await Pet.query(trx).insert({ owner: personId });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    // The relation query takes the transaction second; knex itself is the pool.
    name: 'Objection: relatedQuery() without trx and a knex query inside transaction(knex, …)',
    code: `${OBJECTION}
export async function adopt(personId: number, petId: number) {
  await transaction(knex, async (trx) => {
    await Person.relatedQuery('pets').for(personId).relate(petId);
    await knex('audit').insert({ personId });
  });
}`,
    errors: [
      {
        messageId: 'missingArgument',
        line: 13,
        column: 11,
        suggestions: [
          {
            messageId: 'handTransaction',
            data: { call: "`Person.relatedQuery('pets', trx)`" },
            output: `${OBJECTION}
export async function adopt(personId: number, petId: number) {
  await transaction(knex, async (trx) => {
    await Person.relatedQuery('pets', trx).for(personId).relate(petId);
    await knex('audit').insert({ personId });
  });
}`,
          },
        ],
      },
      {
        messageId: 'poolQuery',
        line: 14,
        column: 11,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            output: `${OBJECTION}
export async function adopt(personId: number, petId: number) {
  await transaction(knex, async (trx) => {
    await Person.relatedQuery('pets').for(personId).relate(petId);
    await trx('audit').insert({ personId });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Objection: a model query not handed trx inside knex.transaction()',
    code: `${OBJECTION}
export async function adopt(personId: number) {
  await knex.transaction(async (trx) => {
    await knex('audit').transacting(trx).insert({ personId });
    await Person.query().patch({}).where('id', personId);
  });
}`,
    errors: [{ messageId: 'missingArgument', line: 14, column: 11, suggestions: [{ messageId: 'handTransaction', output: `${OBJECTION}
export async function adopt(personId: number) {
  await knex.transaction(async (trx) => {
    await knex('audit').transacting(trx).insert({ personId });
    await Person.query(trx).patch({}).where('id', personId);
  });
}` }] }],
  },
  {
    // LiteFarm's deactivateUser: the rows read while the transaction is open, on another connection.
    name: 'Objection: a model query not handed trx between transaction.start() and commit',
    code: `${OBJECTION}
export async function deactivate(personId: number) {
  const trx = await transaction.start(knex);
  try {
    const pets = await Pet.query().where('owner', personId);
    await Person.query(trx).patch({ pets: pets.length }).where('id', personId);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'missingArgument', line: 14, column: 24, suggestions: [{ messageId: 'handTransaction', output: `${OBJECTION}
export async function deactivate(personId: number) {
  const trx = await transaction.start(knex);
  try {
    const pets = await Pet.query(trx).where('owner', personId);
    await Person.query(trx).patch({ pets: pets.length }).where('id', personId);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}` }] }],
  },
  {
    // The spread is in the values, whose type has no \`transaction\`: it cannot carry the option.
    name: 'Sequelize: Model.create() of values built with a spread, without { transaction }, inside sequelize.transaction()',
    code: `import { DataTypes, Model, Sequelize } from 'sequelize';
declare const sequelize: Sequelize;
class Order extends Model {
  declare id: number;
  declare total: number;
}
Order.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, total: DataTypes.INTEGER }, { sequelize });
export async function place(payload: { total: number }) {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('update stock set n = n - 1', { transaction });
    await Order.create({ ...payload });
  });
}`,
    errors: [{ messageId: 'missingOption', line: 11, column: 11 }],
  },
  {
    name: 'Mongoose: a document made with new and saved without { session } inside connection.transaction()',
    code: `${MONGOOSE}
export async function order(productId: string, quantity: number) {
  await mongoose.connection.transaction(async (session) => {
    await Products.updateOne({ _id: productId }, { $inc: { stock: -quantity } }, { session });
    const created = new Orders({ product: productId, quantity });
    await created.save();
  });
}`,
    errors: [{ messageId: 'missingOption', line: 10, column: 11 }],
  },
  {
    // The spread is in the document, which carries no session (ivy-server's createOrder).
    name: 'Mongoose: Model.create() of a document built with a spread, without { session }, inside a project transaction wrapper',
    code: `${MONGOOSE}
async function withSession<T>(model: Model<T>, callback: (session: mongoose.ClientSession) => Promise<unknown>) {
  const session = await model.db.startSession();
  session.startTransaction();
  try {
    const result = await callback(session);
    await session.commitTransaction();
    return result;
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}
export async function createOrder(payload: { product: string }, quantity: number) {
  return withSession(Orders, async (session) => {
    await Products.updateOne({ _id: payload.product }, { $inc: { stock: -quantity } }, { session });
    return Orders.create({ ...payload, quantity });
  });
}`,
    errors: [{ messageId: 'missingOption', line: 23, column: 12 }],
  },
  {
    name: 'Mongoose: a model query without { session } inside the driver session.withTransaction()',
    code: `${MONGOOSE}
export async function checkout(productId: string, quantity: number) {
  const session = await mongoose.startSession();
  try {
    await session.withTransaction(async () => {
      await Orders.create([{ product: productId, quantity }], { session });
      await Products.updateOne({ _id: productId }, { $inc: { stock: -quantity } });
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [{ messageId: 'missingOption', line: 11, column: 13 }],
  },
  {
    name: 'Mongoose: a chained query without .session() inside connection.transaction()',
    code: `${MONGOOSE}
export async function checkout(productId: string, quantity: number) {
  await mongoose.connection.transaction(async (session) => {
    const product = await Products.findById(productId).lean();
    await Orders.create([{ product: product?.name, quantity }], { session });
  });
}`,
    errors: [{ messageId: 'missingOption', line: 8, column: 27 }],
  },
  {
    name: 'Mongoose: a model query without { session } between startTransaction() and commitTransaction()',
    code: `${MONGOOSE}
export async function restock(productId: string) {
  const session = await mongoose.startSession();
  session.startTransaction();
  try {
    await Products.updateOne({ _id: productId }, { $inc: { stock: 10 } });
    await Orders.create([{ product: productId, quantity: -10 }], { session });
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`,
    errors: [{ messageId: 'missingOption', line: 10, column: 11 }],
  },
  {
    // No suggestion: mssql's Transaction has no input() or query(); the request must be made from it.
    name: "mssql: a request from the pool's request() inside the transaction",
    code: `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
export async function rename(id: number, name: string) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    await new sql.Request(transaction).input('id', sql.Int, id).query('update users set locked = 1 where id = @id');
    const request = pool.request();
    await request.input('name', sql.NVarChar, name).input('id', sql.Int, id).query('update users set name = @name where id = @id');
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'poolQuery', line: 9, column: 11, suggestions: [] }],
  },
  {
    name: 'mssql: a request constructed for the pool inside the transaction',
    code: `import sql from 'mssql';
declare const pool: sql.ConnectionPool;
export async function audit(id: number) {
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  try {
    const request = new sql.Request(pool);
    await request.query(\`insert into audit (user_id) values (\${id})\`);
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
    errors: [{ messageId: 'poolQuery', line: 8, column: 11, suggestions: [] }],
  },
  {
    name: 'pg-promise: db instead of t inside db.tx()',
    code: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function transfer(from: number, to: number, amount: number) {
  await db.tx(async (t) => {
    await t.none('update accounts set balance = balance - $1 where id = $2', [amount, from]);
    await db.none('update accounts set balance = balance + $1 where id = $2', [amount, to]);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 6,
        column: 11,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            output: `import pgPromise from 'pg-promise';
const db = pgPromise()(process.env.DATABASE_URL!);
export async function transfer(from: number, to: number, amount: number) {
  await db.tx(async (t) => {
    await t.none('update accounts set balance = balance - $1 where id = $2', [amount, from]);
    await t.none('update accounts set balance = balance + $1 where id = $2', [amount, to]);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    // Callback style: each step continues in the callback of the one before, and the transaction
    // is open in all of them until commit() or rollback() is called.
    name: 'mysql2 callbacks: a pool query in a later step\'s callback, with the transaction open',
    code: `import mysql from 'mysql2';
declare const pool: mysql.Pool;
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
      pool.query('update accounts set balance = balance + ? where id = 2', [amount], () => undefined);
      conn.commit((commitError) => {
        conn.release();
        done(commitError);
      });
    });
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 16,
        column: 7,
        suggestions: [{ messageId: 'useTransactionHandle', data: { tx: '`conn`' }, output: `import mysql from 'mysql2';
declare const pool: mysql.Pool;
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
      conn.query('update accounts set balance = balance + ? where id = 2', [amount], () => undefined);
      conn.commit((commitError) => {
        conn.release();
        done(commitError);
      });
    });
  });
}` }],
      },
    ],
  },
  {
    // A wrapper that hands its callback straight to knex: the callback runs inside the transaction.
    name: 'knex: the root knex inside a callback run by a wrapper that delegates to knex.transaction',
    code: `${KNEX}
function inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(work);
}
export async function rename(id: number, name: string) {
  await inTransaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await knex('audit').insert({ action: 'rename' });
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
function inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(work);
}
export async function rename(id: number, name: string) {
  await inTransaction(async (trx) => {
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
    // The twin: the helper queries through its own receiver, the pool, outside the transaction.
    name: 'Prisma: a client subclass method that reads through this, called inside the transaction',
    code: `${PRISMA}
class Database extends PrismaClient {
  async ordersOf(userId: number) {
    return this.order.findMany({ where: { userId } });
  }
}
export class OrderService {
  constructor(private readonly db: Database) {}
  async place(userId: number, total: number) {
    await this.db.$transaction(async (tx) => {
      const orders = await this.db.ordersOf(userId);
      await tx.order.create({ data: { userId, total: total + orders.length } });
    });
  }
}`,
    errors: [{ messageId: 'outerHandle', line: 13, column: 28, endLine: 13, endColumn: 52 }],
  },
  // --- helpers that reach the pool or root handle themselves --------------------------------
  {
    name: 'knex: a module helper that writes through the root knex, called inside the transaction',
    code: `${KNEX}
async function audit(action: string) {
  await knex('audit').insert({ action });
}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ name });
    await audit('rename');
  });
}`,
    errors: [{ messageId: 'helperQuery', line: 10, column: 11 }],
  },
  {
    name: 'knex: a helper whose handle defaults to the root, called without the transaction',
    code: `${KNEX}
async function findUser(id: number, db: Knex = knex) {
  return db('users').where({ id }).first();
}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    const user = await findUser(id);
    await trx('users').where({ id: user.id }).update({ name });
  });
}`,
    errors: [{ messageId: 'helperQuery', line: 9, column: 24 }],
  },
  {
    name: 'knex: the root handle passed to a helper that queries what it is given',
    code: `${KNEX}
async function insertRow(db: Knex, name: string) {
  await db('rows').insert({ name });
}
export async function importRows(names: string[]) {
  await knex.transaction(async (trx) => {
    await trx('imports').insert({ count: names.length });
    await insertRow(knex, names[0]!);
  });
}`,
    errors: [{ messageId: 'helperQuery', line: 10, column: 11 }],
  },
  {
    // The service's repository is bound to the pool, not to the transaction's manager.
    name: 'TypeORM: a service method that saves through its injected repository, called inside dataSource.transaction',
    code: `${TYPEORM_USER}
class AuditService {
  constructor(private readonly users: Repository<User>) {}
  async countRename(id: number) {
    await this.users.increment({ id }, 'renames', 1);
  }
}
export class UserService {
  constructor(private readonly audit: AuditService) {}
  async rename(id: number, name: string) {
    await dataSource.transaction(async (manager) => {
      await manager.update(User, { id }, { name });
      await this.audit.countRename(id);
    });
  }
}`,
    errors: [{ messageId: 'helperQuery', line: 24, column: 13 }],
  },
  {
    name: 'pg: BEGIN on a client, then a helper that writes through the pool',
    code: `${PG}
async function logEvent(action: string) {
  await pool.query('insert into audit(action) values ($1)', [action]);
}
export async function transfer(from: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await logEvent('transfer');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    errors: [{ messageId: 'helperQuery', line: 12, column: 11 }],
  },
  {
    // The chain is followed two helpers deep and named in the message.
    name: 'Kysely: a helper that calls a helper that queries the root db',
    code: `${KYSELY}
async function insertAudit(action: string) {
  await db.insertInto('audit').values({ id: 0, action }).execute();
}
async function recordRename(name: string) {
  await insertAudit(\`rename to \${name}\`);
}
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await recordRename(name);
  });
}`,
    errors: [
      {
        messageId: 'helperQuery',
        data: { chain: '`recordRename()` → `insertAudit()` → `db.insertInto()` (file.ts:6)', handle: '`db`', transaction: 'the transaction begun at line 12' },
        line: 14,
        column: 11,
      },
    ],
  },
  // --- a function given its caller's transaction, writing around it ---------------------------
  {
    name: 'knex: a function given the transaction writes through the root knex',
    code: `${KNEX}
export async function moveRows(trx: Knex.Transaction, from: number, to: number) {
  await trx('rows').where({ owner: from }).update({ owner: to });
  await knex('owners').where({ id: from }).delete();
}`,
    errors: [
      {
        messageId: 'poolQuery',
        data: { handle: '`knex`', transaction: 'the transaction `trx` this function is given' },
        line: 6,
        column: 9,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
export async function moveRows(trx: Knex.Transaction, from: number, to: number) {
  await trx('rows').where({ owner: from }).update({ owner: to });
  await trx('owners').where({ id: from }).delete();
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: a service method given the transaction client reads through the injected client',
    code: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Prisma.TransactionClient, orderId: number, total: number) {
    const order = await this.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 25,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Prisma.TransactionClient, orderId: number, total: number) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: a method given the client written as Omit<PrismaClient, …> reads through the injected client',
    code: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>, orderId: number, total: number) {
    const order = await this.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 25,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>, orderId: number, total: number) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: a method given the client through a project alias of Omit<PrismaClient, …> reads through the injected client',
    code: `${PRISMA}
type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Tx, orderId: number, total: number) {
    const order = await this.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 8,
        column: 25,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async addLine(tx: Tx, orderId: number, total: number) {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.order.update({ where: { id: order.id }, data: { total: order.total + total } });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    // `typeof` a function's result is computed by the checker; a `typeof` of a constant written as data
    // (a JSON schema `as const`) is never a handle and is not asked about.
    name: 'knex: a function given the transaction its caller began (typed through typeof) queries the root knex',
    code: `${KNEX}
async function beginImport() {
  return knex.transaction();
}
export async function importRow(trx: Awaited<ReturnType<typeof beginImport>>, id: number) {
  await trx('rows').insert({ id });
  await knex('imports').insert({ row: id });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 9,
        column: 9,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
async function beginImport() {
  return knex.transaction();
}
export async function importRow(trx: Awaited<ReturnType<typeof beginImport>>, id: number) {
  await trx('rows').insert({ id });
  await trx('imports').insert({ row: id });
}`,
          },
        ],
      },
    ],
  },
  {
    // Only a bare `typeof x` of a module-level variable is skipped (its value exists before any
    // transaction); inside `ReturnType<…>` the variable may be a function that begins one.
    name: 'knex: a function typed through ReturnType of a module-level arrow that begins a transaction queries the root knex',
    code: `${KNEX}
const beginImport = async () => knex.transaction();
export async function importRow(trx: Awaited<ReturnType<typeof beginImport>>, id: number) {
  await trx('rows').insert({ id });
  await knex('imports').insert({ row: id });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 9,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
const beginImport = async () => knex.transaction();
export async function importRow(trx: Awaited<ReturnType<typeof beginImport>>, id: number) {
  await trx('rows').insert({ id });
  await trx('imports').insert({ row: id });
}`,
          },
        ],
      },
    ],
  },
  {
    // The project's alias is looked up by the name it is imported under, without the checker.
    name: 'knex: a function given the transaction through a project alias imported under another name queries the root knex',
    code: `${KNEX}import type { Tx as Handle } from './project/db-types';
export async function importRow(trx: Handle, id: number) {
  await trx('rows').insert({ id });
  await knex('imports').insert({ row: id });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 6,
        column: 9,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}import type { Tx as Handle } from './project/db-types';
export async function importRow(trx: Handle, id: number) {
  await trx('rows').insert({ id });
  await trx('imports').insert({ row: id });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Drizzle: a function given the transaction inserts through the root db',
    code: `${DRIZZLE}
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];
export async function addUser(tx: Tx, id: number, name: string) {
  await tx.insert(users).values({ id, name });
  await db.insert(users).values({ id: id + 1, name });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 11,
        column: 9,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${DRIZZLE}
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];
export async function addUser(tx: Tx, id: number, name: string) {
  await tx.insert(users).values({ id, name });
  await tx.insert(users).values({ id: id + 1, name });
}`,
          },
        ],
      },
    ],
  },
  // --- callbacks that run while an unmanaged transaction is open ------------------------------
  {
    name: 'knex: the root knex in a .map() callback while an unmanaged transaction is open',
    code: `${KNEX}
export async function insertWithLog(list: { name: string }[]) {
  const trx = await knex.transaction();
  try {
    const rows: { id: number }[] = await trx('items').insert(list).returning('*');
    await Promise.all(rows.map((row) => knex('log').insert({ item: row.id })));
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 8,
        column: 41,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
export async function insertWithLog(list: { name: string }[]) {
  const trx = await knex.transaction();
  try {
    const rows: { id: number }[] = await trx('items').insert(list).returning('*');
    await Promise.all(rows.map((row) => trx('log').insert({ item: row.id })));
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  // --- a transaction returned by a project function, found as every rule finds it -----------
  {
    name: 'knex: the root knex while a transaction returned by a project function is open',
    code: `${KNEX}
async function beginImport(): Promise<Knex.Transaction> {
  return knex.transaction();
}
export async function importRows(names: string[]) {
  const trx = await beginImport();
  try {
    await knex('audit').insert({ action: 'import' });
    await trx('rows').insert(names.map((name) => ({ name })));
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
async function beginImport(): Promise<Knex.Transaction> {
  return knex.transaction();
}
export async function importRows(names: string[]) {
  const trx = await beginImport();
  try {
    await trx('audit').insert({ action: 'import' });
    await trx('rows').insert(names.map((name) => ({ name })));
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`tx`' },
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
            data: { tx: '`manager`' },
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
            data: { tx: '`manager`' },
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
            data: { tx: '`tx`' },
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
            data: { tx: '`client`' },
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
            data: { tx: '`client`' },
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
            data: { tx: '`conn`' },
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
            data: { tx: '`trx`' },
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
    name: '@silverhand/slonik: the pool queried beside the objects made from the transaction connection',
    code: `${SILVERHAND_SLONIK}
export async function rename(id: string, name: string) {
  await pool.transaction(async (connection) => {
    const users = createUserQueries(connection);
    await users.rename(id, name);
    await pool.query(sql\`insert into audit(action) values ('rename')\`);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 18,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`connection`' },
            output: `${SILVERHAND_SLONIK}
export async function rename(id: string, name: string) {
  await pool.transaction(async (connection) => {
    const users = createUserQueries(connection);
    await users.rename(id, name);
    await connection.query(sql\`insert into audit(action) values ('rename')\`);
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
            data: { tx: '`trx`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`tx`' },
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
            data: { tx: '`manager`' },
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
            data: { tx: '`tx`' },
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
    // A useCLS of the project's own is no switch of Sequelize's: the query still goes around.
    name: 'Sequelize: a project function named useCLS does not turn CLS on',
    code: `${SEQUELIZE}
const Context = { useCLS(namespace: object) { return namespace; } };
Context.useCLS({});
export async function move() {
  await sequelize.transaction(async () => {
    await sequelize.query('update a set n = n - 1');
  });
}`,
    errors: [{ messageId: 'missingOption', line: 8, column: 11 }],
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
            data: { tx: '`client`' },
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
            data: { tx: '`conn`' },
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
            data: { tx: '`queryRunner`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`trx`' },
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
            data: { tx: '`tx`' },
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
            data: { tx: '`client`' },
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
  {
    name: 'Prisma: the outer client inside $transaction',
    code: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await prisma.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 72,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: this.prisma inside this.prisma.$transaction in a service',
    code: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async place(userId: number, total: number) {
    await this.prisma.$transaction(async (tx) => {
      const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId } });
      await tx.order.create({ data: { userId: user.id, total } });
    });
  }
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 26,
        endLine: 8,
        endColumn: 87,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}
  async place(userId: number, total: number) {
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      await tx.order.create({ data: { userId: user.id, total } });
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: the outer client in a map awaited through Promise.all',
    code: `${PRISMA}
export async function closeAll(ids: number[]) {
  await prisma.$transaction(async (tx) => {
    await tx.auditLog.create({ data: { message: 'closing' } });
    await Promise.all(ids.map((id) => prisma.order.update({ where: { id }, data: { status: 'closed' } })));
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 39,
        endLine: 7,
        endColumn: 105,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export async function closeAll(ids: number[]) {
  await prisma.$transaction(async (tx) => {
    await tx.auditLog.create({ data: { message: 'closing' } });
    await Promise.all(ids.map((id) => tx.order.update({ where: { id }, data: { status: 'closed' } })));
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: raw SQL through the outer client',
    code: `${PRISMA}
export async function lockAndClose(id: number) {
  await prisma.$transaction(async (tx) => {
    await prisma.$executeRaw\`SELECT pg_advisory_xact_lock(\${id})\`;
    await tx.order.update({ where: { id }, data: { status: 'closed' } });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export async function lockAndClose(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`SELECT pg_advisory_xact_lock(\${id})\`;
    await tx.order.update({ where: { id }, data: { status: 'closed' } });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: a model delegate of the outer client kept in a constant',
    code: `${PRISMA}
const audit = prisma.auditLog;
export async function placeOrder(userId: number, total: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await audit.create({ data: { message: 'order placed' } });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 62,
      },
    ],
  },
  {
    name: 'Prisma: the outer extended client inside its $transaction',
    code: `${PRISMA}
const db = prisma.$extends({});
export async function placeOrder(userId: number, total: number) {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await db.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 68,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
const db = prisma.$extends({});
export async function placeOrder(userId: number, total: number) {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { userId, total } });
    await tx.auditLog.create({ data: { message: 'order placed' } });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Prisma: the outer client in a for-of loop inside the callback',
    code: `${PRISMA}
export async function closeAll(ids: number[]) {
  await prisma.$transaction(async (tx) => {
    for (const id of ids) {
      await tx.order.update({ where: { id }, data: { status: 'closed' } });
      await prisma.auditLog.create({ data: { message: \`closed \${id}\` } });
    }
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 13,
        endLine: 8,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PRISMA}
export async function closeAll(ids: number[]) {
  await prisma.$transaction(async (tx) => {
    for (const id of ids) {
      await tx.order.update({ where: { id }, data: { status: 'closed' } });
      await tx.auditLog.create({ data: { message: \`closed \${id}\` } });
    }
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MikroORM: a fork made before em.transactional does not see the transaction',
    code: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  const fork = em.fork();
  await em.transactional(async (tx) => {
    tx.persist(order);
    await fork.persistAndFlush(new Order());
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 14,
        column: 11,
        endLine: 14,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  const fork = em.fork();
  await em.transactional(async (tx) => {
    tx.persist(order);
    await tx.persistAndFlush(new Order());
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MikroORM: a fork made inside the callback from the global em',
    code: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  await em.transactional(async (tx) => {
    tx.persist(order);
    await em.fork().persistAndFlush(new Order());
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 13,
        column: 11,
        endLine: 13,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  await em.transactional(async (tx) => {
    tx.persist(order);
    await tx.persistAndFlush(new Order());
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MikroORM: a fork queried inside its own transactional',
    code: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  const fork = em.fork();
  await fork.transactional(async (tx) => {
    tx.persist(order);
    await fork.flush();
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 14,
        column: 11,
        endLine: 14,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${MIKRO}
export async function place(em: EntityManager, order: Order) {
  const fork = em.fork();
  await fork.transactional(async (tx) => {
    tx.persist(order);
    await tx.flush();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: an injected repository inside dataSource.transaction',
    code: `${TYPEORM_USER}
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Repository<User>,
  ) {}
  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, id, { name });
      await this.users.increment({ id }, 'renames', 1);
    });
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 21,
        column: 13,
        endLine: 21,
        endColumn: 55,
      },
    ],
  },
  {
    name: 'TypeORM: a repository from the data source, kept in a module constant',
    code: `${TYPEORM_USER}
const users = dataSource.getRepository(User);
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { name });
    await users.increment({ id }, 'renames', 1);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 17,
        column: 11,
        endLine: 17,
        endColumn: 48,
      },
    ],
  },
  {
    name: 'TypeORM: dataSource.getRepository() inline inside the callback',
    code: `${TYPEORM_USER}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { name });
    await dataSource.getRepository(User).increment({ id }, 'renames', 1);
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 41,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`manager`' },
            output: `${TYPEORM_USER}
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { name });
    await manager.getRepository(User).increment({ id }, 'renames', 1);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'TypeORM: a data source repository while the query runner’s transaction is open',
    code: `${TYPEORM_USER}
export async function rename(id: number, name: string) {
  const users = dataSource.getRepository(User);
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.manager.update(User, id, { name });
    await users.increment({ id }, 'renames', 1);
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
        messageId: 'poolQuery',
        line: 19,
        column: 11,
        endLine: 19,
        endColumn: 48,
      },
    ],
  },
  {
    name: 'TypeORM: this.manager inside this.manager.transaction',
    code: `${TYPEORM_USER}
export class UserService {
  constructor(private readonly manager: EntityManager) {}
  async rename(id: number, name: string) {
    await this.manager.transaction(async (tx) => {
      await tx.update(User, id, { name });
      await this.manager.increment(User, { id }, 'renames', 1);
    });
  }
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 18,
        column: 13,
        endLine: 18,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${TYPEORM_USER}
export class UserService {
  constructor(private readonly manager: EntityManager) {}
  async rename(id: number, name: string) {
    await this.manager.transaction(async (tx) => {
      await tx.update(User, id, { name });
      await tx.increment(User, { id }, 'renames', 1);
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'knex: a root select chain inside the callback',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    const [user] = await knex.select('id').from('users').where({ id }).forUpdate();
    await trx('users').where({ id: user.id }).update({ name });
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 6,
        column: 26,
        endLine: 6,
        endColumn: 43,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
export async function rename(id: number, name: string) {
  await knex.transaction(async (trx) => {
    const [user] = await trx.select('id').from('users').where({ id }).forUpdate();
    await trx('users').where({ id: user.id }).update({ name });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Kysely: the outer db in executeTakeFirst returned from the callback',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 8,
        column: 12,
        endLine: 8,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KYSELY}
export async function rename(id: number, name: string) {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Drizzle: the outer db in a helper arrow defined and called inside the callback',
    code: `${DRIZZLE}
export async function rename(id: number, name: string) {
  await db.transaction(async (tx) => {
    const load = () => db.select().from(users);
    await tx.update(users).set({ name });
    await load();
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 9,
        column: 24,
        endLine: 9,
        endColumn: 35,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${DRIZZLE}
export async function rename(id: number, name: string) {
  await db.transaction(async (tx) => {
    const load = () => tx.select().from(users);
    await tx.update(users).set({ name });
    await load();
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'postgres.js: the outer sql in Promise.all inside sql.begin',
    code: `${POSTGRES}
export async function closeAll(ids: number[]) {
  await sql.begin(async (tx) => {
    await tx\`update audit set n = n + 1\`;
    await Promise.all(ids.map((id) => sql\`update orders set status = 'closed' where id = \${id}\`));
  });
}`,
    errors: [
      {
        messageId: 'outerHandle',
        line: 7,
        column: 39,
        endLine: 7,
        endColumn: 96,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${POSTGRES}
export async function closeAll(ids: number[]) {
  await sql.begin(async (tx) => {
    await tx\`update audit set n = n + 1\`;
    await Promise.all(ids.map((id) => tx\`update orders set status = 'closed' where id = \${id}\`));
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoDB: updateOne without { session } in a loop inside withTransaction',
    code: `${MONGO}
export async function closeAll(ids: number[]) {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      const orders = mongo.db('shop').collection('orders');
      for (const id of ids) {
        await orders.updateOne({ id }, { $set: { status: 'closed' } });
      }
    });
  } finally {
    await session.endSession();
  }
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 10,
        column: 15,
        endLine: 10,
        endColumn: 71,
      },
    ],
  },
  {
    name: 'mysql2: the pool while a raw START TRANSACTION is open on the connection',
    code: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    await conn.query('update a set n = n - 1');
    await pool.query('update b set n = n + 1');
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
        messageId: 'poolQuery',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`conn`' },
            output: `${MYSQL}
export async function move() {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    await conn.query('update a set n = n - 1');
    await conn.query('update b set n = n + 1');
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
    name: 'Kysely: a second client typed for the same database',
    code: `${KYSELY}
declare const replica: Kysely<Database>;
export async function rename(id: number, name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await replica.insertInto('audit').values({ id, action: 'rename' }).execute();
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KYSELY}
declare const replica: Kysely<Database>;
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
    name: 'knex: the root knex while an unmanaged transaction is open',
    code: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  try {
    await trx('users').where({ id }).update({ name });
    await knex('audit').insert({ action: 'rename' });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}
export async function rename(id: number, name: string) {
  const trx = await knex.transaction();
  try {
    await trx('users').where({ id }).update({ name });
    await trx('audit').insert({ action: 'rename' });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'Sequelize: a query without { transaction: t } while an unmanaged transaction is open',
    code: `${SEQUELIZE}
export async function move() {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('update a set n = n - 1', { transaction: t });
    await sequelize.query('update b set n = n + 1');
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'missingOption',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 52,
      },
    ],
  },
  {
    name: 'Kysely: the outer db while a controlled transaction is open',
    code: `${KYSELY}
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await db.insertInto('audit').values({ id, action: 'rename' }).execute();
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KYSELY}
export async function rename(id: number, name: string) {
  const trx = await db.startTransaction().execute();
  try {
    await trx.updateTable('users').set({ name }).where('id', '=', id).execute();
    await trx.insertInto('audit').values({ id, action: 'rename' }).execute();
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
  // Project wrappers recognised from their bodies (tests/fixtures/project/db-wrappers.ts).
  {
    name: 'wrapper: the pool inside withTransaction() (acquire, BEGIN, callback, COMMIT, in another file)',
    code: `${PG}import { withTransaction } from './project/db-wrappers';
export async function transfer(from: number, to: number) {
  await withTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await pool.query('insert into audit(action) values ($1)', ['transfer']);
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`client`' },
            output: `${PG}import { withTransaction } from './project/db-wrappers';
export async function transfer(from: number, to: number) {
  await withTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('insert into audit(action) values ($1)', ['transfer']);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'wrapper: the root knex inside a wrapper around knex.transaction() that passes trx second',
    code: `${KNEX}import { inTenantTransaction } from './project/db-wrappers';
export async function close(tenant: string, id: number) {
  await inTenantTransaction(tenant, async (name, trx) => {
    await trx('jobs').where({ id }).update({ state: 'closed' });
    await knex('audit').insert({ action: 'close', tenant: name });
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`trx`' },
            output: `${KNEX}import { inTenantTransaction } from './project/db-wrappers';
export async function close(tenant: string, id: number) {
  await inTenantTransaction(tenant, async (name, trx) => {
    await trx('jobs').where({ id }).update({ state: 'closed' });
    await trx('audit').insert({ action: 'close', tenant: name });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'wrapper: a wrapper built on another wrapper is a transaction too',
    code: `${PG}import { withAuditedTransaction } from './project/db-wrappers';
export async function cancel(id: number) {
  await withAuditedTransaction('cancel', async (client) => {
    await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
    await pool.query('update stats set cancelled = cancelled + 1');
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`client`' },
            output: `${PG}import { withAuditedTransaction } from './project/db-wrappers';
export async function cancel(id: number) {
  await withAuditedTransaction('cancel', async (client) => {
    await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
    await client.query('update stats set cancelled = cancelled + 1');
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'wrapper: a local helper in the same file, with the handle unused by the callback',
    code: `${PG}
async function transactionally(work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
export async function archive(id: number) {
  await transactionally(async (tx) => {
    await pool.query('insert into archive select * from orders where id = $1', [id]);
    await tx.query('delete from orders where id = $1', [id]);
  });
}`,
    errors: [
      {
        messageId: 'poolQuery',
        line: 19,
        column: 11,
        endLine: 19,
        endColumn: 85,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`tx`' },
            output: `${PG}
async function transactionally(work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
export async function archive(id: number) {
  await transactionally(async (tx) => {
    await tx.query('insert into archive select * from orders where id = $1', [id]);
    await tx.query('delete from orders where id = $1', [id]);
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'settings: the pool inside a declared wrapper that only has a .d.ts',
    code: `${PG}import { runInTransaction } from './project/legacy-db';
export async function transfer(from: number) {
  await runInTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await pool.query('insert into audit(action) values ($1)', ['transfer']);
  });
}`,
    settings: LEGACY_SETTINGS,
    errors: [
      {
        messageId: 'poolQuery',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'useTransactionHandle',
            data: { tx: '`client`' },
            output: `${PG}import { runInTransaction } from './project/legacy-db';
export async function transfer(from: number) {
  await runInTransaction(async (client) => {
    await client.query('update accounts set balance = balance - 1 where id = $1', [from]);
    await client.query('insert into audit(action) values ($1)', ['transfer']);
  });
}`,
          },
        ],
      },
    ],
  },
];
