import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { type DocExample, docExamples, serverOf } from '../support/docs.js';
import { type Cluster, leftovers, postgresInstalled, startCluster } from './cluster.js';
import { callRun, delay, itAgreesWithTheServer, WHOLE_POOL_RULES, writeExampleModule } from './examples.js';

/**
 * The docs' runnable examples, executed on a real PostgreSQL: every `incorrect` one must leave
 * the leak its rule names, every `correct` one must leave nothing behind, and the plugin must
 * report exactly the examples the database shows leaking. Each example gets a fresh database
 * copied from a template with the schema the examples use.
 */
const SCHEMA = `
  create table users (id text primary key, email text, name text);
  create table jobs (id integer primary key, state text, touched_at timestamptz);
  create table accounts (id integer primary key, balance integer not null);
  create table events (id integer primary key, payload text);
  create table audit (action text, id text);
  create table items (name text, qty integer);
  insert into items values ('a', 1), ('b', 2);
  create table orders (id text primary key, state text, closed boolean);
  insert into orders values ('1', 'new');
  insert into events select n, 'event ' || n from generate_series(1, 500) as n;
  -- The tables of the generated Prisma client (tests/fixtures/prisma/schema.prisma).
  create table "User" (id serial primary key, email text unique not null, active boolean not null default true);
  create table "Order" (id serial primary key, "userId" integer not null references "User"(id), total integer not null, status text not null default 'new');
  create table "AuditLog" (id serial primary key, message text not null);
  insert into "User" (email) values ('a@example.com');
  insert into users values ('u1', 'a@example.com', 'Ann');
  insert into jobs values (1, 'queued', null);
  insert into accounts values (1, 100), (2, 100);
`;

/** The size of every pool an example creates: small, as in the incidents, so a leak shows at once. */
const POOL_SIZE = 2;
/** How long an acquire waits for a client before the harness calls the pool exhausted. */
const ACQUIRE_TIMEOUT_MS = 1_000;
/** The simulated slow call in the examples takes 1 s; a backend idle in transaction this long sat through it. */
const SLOW_CALL_MS = 500;

const workDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.work');
const runnable = docExamples().filter((example) => example.run !== undefined && serverOf(example) === 'PostgreSQL' && !WHOLE_POOL_RULES.includes(example.rule));

/**
 * Every postgres.js instance an example creates, with one connection at most, so a reserved
 * connection that is never released shows as a query that cannot run.
 */
const sqlInstances = vi.hoisted(() => new Set<(strings: TemplateStringsArray) => Promise<unknown>>());
vi.mock('postgres', async (importOriginal) => {
  const real = (await importOriginal<{ default: (options?: Record<string, unknown>) => never }>()).default;
  return {
    default: (options: Record<string, unknown> = {}) => {
      const sql = real({ ...options, max: 1, onnotice: () => undefined });
      sqlInstances.add(sql);
      return sql;
    },
  };
});

/** Every pg pool an example creates, so the harness can count the clients it keeps. */
const pools = new Set<pg.Pool>();
const handedOut = new Set<pg.PoolClient>();
const originalConnect = pg.Pool.prototype.connect;

let cluster: Cluster | undefined;
let harnessPool: pg.Pool | undefined;
let admin: pg.Client | undefined;

beforeAll(async () => {
  if (!postgresInstalled()) {
    throw new Error('PostgreSQL is not installed: the runtime suite needs initdb and pg_ctl on PATH.');
  }
  cluster = await startCluster();
  admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'postgres' });
  await admin.connect();
  await admin.query('create database template_app');
  const setup = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'template_app' });
  await setup.connect();
  await setup.query(SCHEMA);
  await setup.end();
  // Track every pool and every client it hands out, so the harness can count the clients an
  // example keeps and then destroy them itself before dropping the database.
  const quiet = (client: pg.PoolClient | undefined): void => {
    if (!client) {
      return;
    }
    client.on('error', () => undefined);
    const release = client.release.bind(client);
    client.release = (destroy?: boolean | Error) => {
      handedOut.delete(client);
      release(destroy);
    };
    handedOut.add(client);
  };
  const connect = originalConnect as (this: pg.Pool, callback?: (...a: unknown[]) => void) => Promise<pg.PoolClient> | undefined;
  pg.Pool.prototype.connect = function (this: pg.Pool, callback?: (...a: unknown[]) => void) {
    if (this !== harnessPool && !pools.has(this)) {
      // pg-pool reads its options on every acquire, so the first one can still size the pool.
      Object.assign((this as unknown as { options: pg.PoolConfig }).options, { max: POOL_SIZE, connectionTimeoutMillis: ACQUIRE_TIMEOUT_MS });
      this.on('error', () => undefined);
    }
    pools.add(this);
    if (callback) {
      return connect.call(this, (error, client, done) => {
        quiet(client as pg.PoolClient | undefined);
        callback(error, client, (release?: unknown) => {
          handedOut.delete(client as pg.PoolClient);
          (done as (release?: unknown) => void)(release);
        });
      });
    }
    return connect.call(this)!.then((client) => {
      quiet(client);
      return client;
    });
  } as typeof originalConnect;
  mkdirSync(workDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  pg.Pool.prototype.connect = originalConnect;
  await admin?.end().catch(() => undefined);
  cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
  // The run leaves no server and no directory behind.
  expect(cluster && leftovers(cluster)).toEqual([]);
});

describe('docs examples on PostgreSQL', () => {
  it('has runnable examples of both kinds', () => {
    expect(runnable.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(runnable.some((example) => example.kind === 'correct')).toBe(true);
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
  /** Clients checked out of the example's pools and not given back. */
  readonly checkedOut: number;
  /** Whether checking out a full pool's worth of clients afterwards timed out. */
  readonly acquireTimedOut: boolean;
  /** Acquires left waiting for a client meanwhile (the pools' `waitingCount`). */
  readonly waiting: number;
  /** Backends of the example's database left `idle in transaction` (or `… (aborted)`). */
  readonly idleInTransaction: number;
  /** The longest a backend sat `idle in transaction` while the call ran (`now() - state_change`). */
  readonly idleInTransactionMs: number;
  /** The longest a transaction had been open while the call ran (`now() - xact_start`). */
  readonly transactionOpenMs: number;
  /** Connections the example's pools opened: a query outside the transaction needs a second one. */
  readonly connections: number;
  /** Whether the next query through the example's pools failed: a broken client was given back as healthy. */
  readonly nextQueryFailed: boolean;
  /** The message the call rejected with, if it did: a second release replaces the real error. */
  readonly callError: string | undefined;
  /**
   * Whether a connection can no longer run a query: the client handed to the example (a cursor
   * left open), or a postgres.js instance (a reserved connection never released).
   */
  readonly clientBlocked: boolean;
}

/** What the database says each rule's leak looks like. */
/** The examples' network call: a partner API that answers `[]` after the slow call's time. */
async function slowFetch(): Promise<Response> {
  await delay(SLOW_CALL_MS * 2);
  return new Response('[]', { headers: { 'content-type': 'application/json' } });
}

function leaks(rule: string, evidence: Evidence): boolean {
  switch (rule) {
    case 'no-leaked-client':
      return (evidence.checkedOut > 0 && evidence.acquireTimedOut) || evidence.clientBlocked;
    case 'no-unfinished-transaction':
      return evidence.idleInTransaction > 0;
    case 'no-pool-query-in-transaction':
      return evidence.connections > 1;
    case 'no-leaked-cursor':
      return evidence.checkedOut > 0 || evidence.clientBlocked;
    case 'no-network-in-transaction':
      return evidence.idleInTransactionMs >= SLOW_CALL_MS;
    case 'no-double-release':
      return /already been released/.test(evidence.callError ?? '');
    case 'destroy-broken-client':
      return evidence.nextQueryFailed;
    default:
      return evidence.checkedOut > 0 || evidence.idleInTransaction > 0;
  }
}

async function runOnDatabase(example: DocExample, database: string): Promise<Evidence> {
  const { host, port, user } = cluster!;
  await admin!.query(`create database ${database} template template_app`);
  if (example.setup) {
    const setup = new pg.Client({ host, port, user, database });
    await setup.connect();
    await setup.query(example.setup);
    await setup.end();
  }
  Object.assign(process.env, { PGHOST: host, PGPORT: String(port), PGUSER: user, PGDATABASE: database });
  pools.clear();
  handedOut.clear();
  sqlInstances.clear();
  const file = path.join(workDir, `${database}.mjs`);
  // The docs import the generated Prisma client as the fixtures see it.
  const code = example.code.replaceAll("'./generated/prisma/client.js'", "'../../fixtures/generated/prisma/client.js'");
  writeExampleModule(code, file);
  // Examples that declare a pool (`declare const pool: Pool`), a knex or a TypeORM data source,
  // or take one as a parameter, get one of this database's.
  // It gives up on a query after 500 ms (`query_timeout`), as services do: a connection that stops
  // answering (a failover that dropped it without a reset) then fails the query and stays open.
  const globalPool = new pg.Pool({ host, port, user, database, query_timeout: 500 });
  globalPool.on('error', () => undefined);
  const mentions = (name: string): boolean => new RegExp(`declare const ${name}\\b`).test(example.code) || new RegExp(`\\b${name}\\b`).test(example.run ?? '');
  const knex = mentions('knex') ? knexFactory({ client: 'pg', connection: { host, port, user, database }, pool: { min: 0, max: POOL_SIZE } }) : undefined;
  const dataSource = mentions('dataSource') ? await new DataSource({ type: 'postgres', host, port, username: user, database }).initialize() : undefined;
  const realFetch = globalThis.fetch;
  Object.assign(globalThis, { pool: globalPool, knex, dataSource, fetch: slowFetch });
  try {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    // Examples that take a client get one of the harness's own, checked out of its own pool.
    harnessPool = new pg.Pool({ host, port, user, database, max: 1 });
    harnessPool.on('error', () => undefined);
    const client = await harnessPool.connect();
    // The harness's own pool and client are not the example's.
    pools.delete(harnessPool);
    handedOut.delete(client);
    let finished = false;
    let callError: string | undefined;
    void Promise.resolve()
      .then(() => callRun(example, module, { client, ...(knex && { knex }), ...(dataSource && { dataSource }) }))
      .catch((error: unknown) => (callError = String(error)))
      .finally(() => (finished = true));
    // While the call runs (a slow "network" call), how long do its transactions sit idle?
    let idleInTransactionMs = 0;
    let transactionOpenMs = 0;
    for (const deadline = Date.now() + 5_000; !finished && Date.now() < deadline; ) {
      await delay(100);
      const ages = await transactionAgesOf(database);
      idleInTransactionMs = Math.max(idleInTransactionMs, ages.idleInTransactionMs);
      transactionOpenMs = Math.max(transactionOpenMs, ages.transactionOpenMs);
    }
    // Callback-style examples finish after the call returns.
    await delay(300);
    // A cursor left open blocks the client's queue, a reserved connection never released
    // blocks a postgres.js instance of one connection: their next query never runs.
    const probes = [client.query('select 1'), ...[...sqlInstances].map((sql) => sql`select 1`)];
    const clientBlocked = await Promise.race([
      Promise.all(probes.map((probe) => probe.catch(() => undefined))).then(() => false),
      delay(1_000).then(() => true),
    ]);
    client.release(true);
    // knex keeps its connections in its own pool (tarn), not in a pg.Pool.
    const knexPool = knex?.client.pool as { numUsed(): number; numFree(): number } | undefined;
    const checkedOut = [...pools].reduce((sum, pool) => sum + pool.totalCount - pool.idleCount, 0) + (knexPool?.numUsed() ?? 0);
    const connections = [...pools].reduce((sum, pool) => sum + pool.totalCount, 0) + (knexPool ? knexPool.numUsed() + knexPool.numFree() : 0);
    const idleInTransaction = await idleInTransactionOf(database);
    const nextQueryFailed = (await Promise.all([...pools].map(nextQueryFails))).includes(true);
    const exhaustion = await Promise.all([...pools].map(acquireFullPool));
    return {
      checkedOut,
      acquireTimedOut: exhaustion.some((result) => result.timedOut),
      waiting: exhaustion.reduce((sum, result) => sum + result.waiting, 0),
      idleInTransaction,
      idleInTransactionMs,
      transactionOpenMs,
      connections,
      clientBlocked,
      callError,
      nextQueryFailed,
    };
  } finally {
    for (const client of handedOut) {
      client.release(true);
    }
    await Promise.all([...pools, harnessPool, globalPool].map((pool) => pool?.end().catch(() => undefined)));
    // knex waits for connections still in use (a stream never read holds one) before it ends.
    await Promise.race([knex?.destroy().catch(() => undefined), delay(2_000)]);
    await dataSource?.destroy().catch(() => undefined);
    Object.assign(globalThis, { pool: undefined, knex: undefined, dataSource: undefined, fetch: realFetch });
    await Promise.all([...sqlInstances].map((sql) => (sql as unknown as { end(options: { timeout: number }): Promise<void> }).end({ timeout: 0 }).catch(() => undefined)));
    harnessPool = undefined;
    await admin!.query(`drop database ${database} with (force)`);
  }
}

/**
 * Checks out as many clients as the pool may hold: with one kept by the example, the last
 * acquire waits and times out, as the next request's would.
 */
async function acquireFullPool(pool: pg.Pool): Promise<{ timedOut: boolean; waiting: number }> {
  const acquires = Array.from({ length: POOL_SIZE }, () => pool.connect());
  await delay(100);
  const waiting = pool.waitingCount;
  const results = await Promise.allSettled(acquires);
  for (const result of results) {
    if (result.status === 'fulfilled') {
      result.value.release();
    }
  }
  return { timedOut: results.some((result) => result.status === 'rejected'), waiting };
}

/** Whether the next request's query through the pool fails, hangs, or gets an answer not its own. */
async function nextQueryFails(pool: pg.Pool): Promise<boolean> {
  const answer = pool.query<{ ok: number }>('select 1 as ok').then(
    ({ rows }) => rows[0]?.ok !== 1,
    () => true,
  );
  return Promise.race([answer, delay(1_000).then(() => true)]);
}

async function transactionAgesOf(database: string): Promise<{ idleInTransactionMs: number; transactionOpenMs: number }> {
  const { rows } = await admin!.query<{ idle: number | null; open: number | null }>(
    `select max(extract(epoch from clock_timestamp() - state_change)) * 1000 as idle,
            max(extract(epoch from clock_timestamp() - xact_start)) * 1000 as open
     from pg_stat_activity where datname = $1 and state like 'idle in transaction%'`,
    [database],
  );
  return { idleInTransactionMs: Number(rows[0]!.idle ?? 0), transactionOpenMs: Number(rows[0]!.open ?? 0) };
}

async function idleInTransactionOf(database: string): Promise<number> {
  const { rows } = await admin!.query<{ count: string }>(
    "select count(*) from pg_stat_activity where datname = $1 and state like 'idle in transaction%'",
    [database],
  );
  return Number(rows[0]!.count);
}
