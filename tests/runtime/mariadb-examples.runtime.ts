import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { type DocExample, docExamples, serverOf } from '../support/docs.js';
import { callRun, delay, itAgreesWithTheServer, writeExampleModule } from './examples.js';
import { type MariaDbServer, mariadbInstalled, mariadbLeftovers, startMariaDb } from './mariadb.js';

/**
 * The docs' mysql2 and mariadb examples, executed on a real MariaDB: every `incorrect` one must
 * leave the leak its rule names, every `correct` one must leave nothing behind, and the plugin
 * must report exactly the examples the server shows leaking. Each example gets a fresh database
 * with the schema the examples use.
 */
const SCHEMA = [
  'create table users (id varchar(10) primary key, name text)',
  'create table orders (id integer primary key, total integer not null)',
  'create table stock (sku varchar(20) primary key, qty integer not null)',
  'create table items (name text, qty integer)',
  "insert into users values ('u1', 'Ann')",
  'insert into orders values (1, 10)',
  "insert into stock values ('apple', 1)",
];

/** The size of every pool an example creates: small, as in the incidents, so a leak shows at once. */
const POOL_SIZE = 2;
/** How long an acquire waits for a connection before the harness calls the pool exhausted. */
const ACQUIRE_TIMEOUT_MS = 1_000;

/** Where the examples' pools connect: set per example, read by the mocked `createPool`s. */
const target = vi.hoisted(() => ({ host: '', port: 0, database: '' }));
/** Every pool an example creates (or is given), with the way to borrow one connection from it. */
const pools = vi.hoisted(() => new Set<{ getConnection(): Promise<{ release(): unknown }>; end(): Promise<void> }>());

// The examples name only a host: their pools go to this run's server and database, sized small.
vi.mock('mysql2/promise', async (importOriginal) => {
  const real = await importOriginal<typeof import('mysql2/promise')>();
  const createPool = (options: object = {}) => {
    const pool = real.createPool({ ...options, host: target.host, port: target.port, user: 'root', database: target.database, connectionLimit: POOL_SIZE });
    pools.add(pool);
    return pool;
  };
  return { ...real, createPool, default: { ...real, createPool } };
});
vi.mock('mariadb', async (importOriginal) => {
  const real = await importOriginal<typeof import('mariadb')>();
  const createPool = (options: object = {}) => {
    const pool = real.createPool({ ...options, host: target.host, port: target.port, user: 'root', database: target.database, connectionLimit: POOL_SIZE, acquireTimeout: ACQUIRE_TIMEOUT_MS });
    pools.add(pool);
    return pool;
  };
  return { ...real, createPool, default: { ...real, createPool } };
});

// Imported after the mocks: the harness's own connections go through the real `createConnection`.
const mysql = await import('mysql2/promise');
const mariadb = await import('mariadb');

const workDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.work-mariadb');
const runnable = docExamples().filter((example) => example.run !== undefined && serverOf(example) === 'MariaDB');

let server: MariaDbServer | undefined;
let admin: import('mysql2/promise').Connection | undefined;

beforeAll(async () => {
  if (!mariadbInstalled()) {
    throw new Error('MariaDB is not installed: the runtime suite needs mariadbd and mariadb-install-db (apt-get install -y mariadb-server, as root).');
  }
  server = await startMariaDb();
  admin = await mysql.createConnection({ host: server.host, port: server.port, user: server.user });
  mkdirSync(workDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await admin?.end().catch(() => undefined);
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
  // The run leaves no server and no directory behind.
  expect(server && mariadbLeftovers(server)).toEqual([]);
});

describe('docs examples on MariaDB', () => {
  it('has runnable examples of both kinds for mysql2 and for mariadb', () => {
    for (const library of ['mysql2', 'mariadb']) {
      const examples = runnable.filter((example) => example.code.includes(`from '${library}`));
      expect(examples.map((example) => example.kind).sort()).toEqual(expect.arrayContaining(['correct', 'incorrect']));
    }
  });

  itAgreesWithTheServer(
    runnable,
    async (example, index) => {
      const evidence = await runOnDatabase(example, `example_${index}`);
      return { leaked: leaks(example.rule, evidence), evidence };
    },
    30_000,
  );
});

interface Evidence {
  /** Whether borrowing a full pool's worth of connections afterwards timed out: one was kept. */
  readonly acquireTimedOut: boolean;
  /** InnoDB transactions still open on the example's database after the call. */
  readonly openTransactions: number;
  /** Statements the call left prepared on the server (`Prepared_stmt_count` after minus before). */
  readonly preparedStatements: number;
}

/** What the server says each rule's leak looks like. */
function leaks(rule: string, evidence: Evidence): boolean {
  switch (rule) {
    case 'no-leaked-client':
      return evidence.acquireTimedOut;
    case 'no-unfinished-transaction':
      return evidence.openTransactions > 0;
    case 'no-leaked-cursor':
      return evidence.preparedStatements > 0;
    default:
      throw new Error(`no evidence for ${rule} on MariaDB yet`);
  }
}

async function runOnDatabase(example: DocExample, database: string): Promise<Evidence> {
  const { host, port, user } = server!;
  await admin!.query(`create database ${database}`);
  await admin!.changeUser({ database });
  for (const statement of [...SCHEMA, ...(example.setup ? [example.setup] : [])]) {
    await admin!.query(statement);
  }
  Object.assign(target, { host, port, database });
  pools.clear();
  const file = path.join(workDir, `${database}.mjs`);
  writeExampleModule(example.code, file);
  const onMariaDbPackage = example.code.includes("from 'mariadb'");
  // Examples that take a connection get one of the harness's own. A mariadb one caches no
  // statements (`prepareCacheLength: 0`), so a statement never closed stays prepared at once,
  // instead of after the cache of 256 drops it.
  const conn = onMariaDbPackage
    ? await mariadb.createConnection({ host, port, user, database, prepareCacheLength: 0 })
    : await mysql.createConnection({ host, port, user, database });
  try {
    const preparedBefore = await preparedStatementCount();
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    await Promise.race([Promise.resolve().then(() => callRun(example, module, { conn })).catch(() => undefined), delay(5_000)]);
    // Closing a statement sends a packet the server does not answer: a round trip on the same
    // connection makes sure it was handled before the count is read on another one.
    const roundTrip: Promise<unknown> = onMariaDbPackage ? (conn as import('mariadb').Connection).query('select 1') : (conn as import('mysql2/promise').Connection).query('select 1');
    await Promise.race([roundTrip.catch(() => undefined), delay(2_000)]);
    const preparedStatements = (await preparedStatementCount()) - preparedBefore;
    const openTransactions = await openTransactionsOf(database);
    const exhaustion = await Promise.all([...pools].map(acquireFullPool));
    return { acquireTimedOut: exhaustion.includes(true), openTransactions, preparedStatements };
  } finally {
    await Promise.race([conn.end().catch(() => undefined), delay(2_000)]);
    await admin!.changeUser({ database: 'mysql' });
    // Whatever the example kept is ended on the server, so the pools can close.
    const [sessions] = await admin!.query<import('mysql2/promise').RowDataPacket[]>('select id from information_schema.processlist where db = ? and id <> connection_id()', [database]);
    for (const { id } of sessions) {
      await admin!.query('kill ?', [id]).catch(() => undefined);
    }
    await Promise.all([...pools].map((pool) => Promise.race([pool.end().catch(() => undefined), delay(2_000)])));
    await admin!.query(`drop database ${database}`);
  }
}

/**
 * Borrows as many connections as the pool may hold: with one kept by the example, the last
 * borrow waits, as the next request's would. mysql2 waits forever, so the harness gives up
 * after the time mariadb's `acquireTimeout` allows.
 */
async function acquireFullPool(pool: { getConnection(): Promise<{ release(): unknown }> }): Promise<boolean> {
  const borrows = Array.from({ length: POOL_SIZE }, () => pool.getConnection());
  const timedOut = await Promise.race([Promise.allSettled(borrows).then((results) => results.some((result) => result.status === 'rejected')), delay(ACQUIRE_TIMEOUT_MS * 2).then(() => true)]);
  for (const borrow of borrows) {
    void borrow.then((connection) => connection.release(), () => undefined);
  }
  return timedOut;
}

async function preparedStatementCount(): Promise<number> {
  const [rows] = await admin!.query<import('mysql2/promise').RowDataPacket[]>("show global status like 'Prepared_stmt_count'");
  return Number(rows[0]!.Value);
}

async function openTransactionsOf(database: string): Promise<number> {
  // InnoDB refreshes what information_schema.innodb_trx shows at most every 100 ms
  // (trx_i_s_cache): read sooner, and the previous example's answer comes back.
  await delay(200);
  const [rows] = await admin!.query<import('mysql2/promise').RowDataPacket[]>(
    'select count(*) as open from information_schema.innodb_trx t join information_schema.processlist p on p.id = t.trx_mysql_thread_id where p.db = ?',
    [database],
  );
  return Number(rows[0]!.open);
}
