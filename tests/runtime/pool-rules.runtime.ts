import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DocExample, docExamples, serverOf } from '../support/docs.js';
import { type Cluster, leftovers, postgresInstalled, startCluster } from './cluster.js';
import { callRun, itAgreesWithTheServer, WHOLE_POOL_RULES, writeExampleModule } from './examples.js';

/**
 * The examples of the two rules about a pool as a whole, on a PostgreSQL cluster of its own with
 * the default connection limits written out (`max_connections` 100, 3 kept for superusers), used
 * by a role that is not a superuser, as a service's is:
 *
 * - `require-pool-error-handler`: the example's pool, in a child process, keeps an idle client
 *   whose backend the harness then terminates (`pg_terminate_backend`, as a failover or an idle
 *   timeout would). Without an `error` listener the process crashes.
 * - `pool-size-budget`: every pool the example creates is filled to its `max` at once; past the
 *   server's limit the connections are refused (`too many clients already`).
 */
const MAX_CONNECTIONS = 100;
const SUPERUSER_RESERVED = 3;
const APP_ROLE = 'app';

const workDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.work-pools');
const runnable = docExamples().filter((example) => example.run !== undefined && WHOLE_POOL_RULES.includes(example.rule) && serverOf(example) === 'PostgreSQL');

let cluster: Cluster | undefined;
let admin: pg.Client | undefined;

beforeAll(async () => {
  if (!postgresInstalled()) {
    throw new Error('PostgreSQL is not installed: the runtime suite needs initdb and pg_ctl on PATH.');
  }
  cluster = await startCluster({ max_connections: MAX_CONNECTIONS, superuser_reserved_connections: SUPERUSER_RESERVED });
  admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'postgres' });
  await admin.connect();
  await admin.query(`create role ${APP_ROLE} login`);
  mkdirSync(workDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await admin?.end().catch(() => undefined);
  cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
  expect(cluster && leftovers(cluster)).toEqual([]);
});

describe('pool rules examples on PostgreSQL', () => {
  it.each(WHOLE_POOL_RULES)('has runnable examples of both kinds for %s', (rule) => {
    const kinds = runnable.filter((example) => example.rule === rule).map((example) => example.kind);
    expect(kinds).toEqual(expect.arrayContaining(['correct', 'incorrect']));
  });

  itAgreesWithTheServer(
    runnable,
    async (example, index) => {
      const database = `pools_${index}`;
      await admin!.query(`create database ${database} owner ${APP_ROLE}`);
      try {
        const file = path.join(workDir, `${database}.mjs`);
        writeExampleModule(example.code, file);
        const url = `postgres://${APP_ROLE}@${cluster!.host}:${cluster!.port}/${database}`;
        if (example.rule === 'pool-size-budget') {
          const refused = await fillPools(example, file, url);
          return { leaked: refused > 0, evidence: { refused } };
        }
        const evidence = crashOnIdleError(example, file, url);
        return { leaked: evidence.crashed, evidence };
      } finally {
        await admin!.query(`drop database ${database} with (force)`);
      }
    },
    60_000,
  );
});

/**
 * Runs the example in a child process that checks out a client, gives it back, and has the
 * harness terminate its backend while it sits idle in the pool.
 */
function crashOnIdleError(example: DocExample, file: string, url: string): { crashed: boolean; output: string } {
  const driver = `${file}.driver.mjs`;
  writeFileSync(
    driver,
    `import pg from 'pg';
const module = await import(${JSON.stringify(pathToFileURL(file).href)});
const pool = await new Function(...Object.keys(module), ${JSON.stringify(`return ${example.run}`)})(...Object.values(module));
const client = await pool.connect();
const { rows } = await client.query('select pg_backend_pid() as pid');
client.release();
const admin = new pg.Client({ connectionString: process.env.ADMIN_URL });
await admin.connect();
await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
await admin.end();
await new Promise((resolve) => setTimeout(resolve, 500));
await pool.end();
console.log('survived');
`,
  );
  const { host, port, user } = cluster!;
  const child = spawnSync(process.execPath, [driver], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DATABASE_URL: url, ADMIN_URL: `postgres://${user}@${host}:${port}/postgres` },
  });
  const output = `${child.stdout}${child.stderr}`;
  if (child.status === 0 && !output.includes('survived')) {
    throw new Error(`the driver ended early: ${output}`);
  }
  // A crash must be the pool's unhandled 'error' event, not some other failure of the driver.
  if (child.status !== 0 && !output.includes('terminating connection due to administrator command')) {
    throw new Error(`the driver failed for another reason: ${output}`);
  }
  return { crashed: child.status !== 0, output };
}

interface Handle {
  /** How many connections it may hold at once. */
  readonly max: number;
  acquire(): Promise<() => Promise<void>>;
  end(): Promise<void>;
}

/** A pg pool or a knex instance, as the pool it holds. */
function handleOf(value: unknown): Handle {
  if (value instanceof pg.Pool) {
    return {
      max: value.options.max,
      acquire: async () => {
        const client = await value.connect();
        return async () => client.release();
      },
      end: () => value.end(),
    };
  }
  const knex = value as { client: { pool: { max: number }; acquireConnection(): Promise<unknown>; releaseConnection(connection: unknown): Promise<void> }; destroy(): Promise<void> };
  return {
    max: knex.client.pool.max,
    acquire: async () => {
      const connection = await knex.client.acquireConnection();
      return () => knex.client.releaseConnection(connection);
    },
    end: () => knex.destroy(),
  };
}

/** Fills every pool the example creates to its `max` at once; returns how many connections the server refused. */
async function fillPools(example: DocExample, file: string, url: string): Promise<number> {
  Object.assign(process.env, { DATABASE_URL: url, REPORTS_URL: url, PGHOST: cluster!.host, PGPORT: String(cluster!.port), PGUSER: APP_ROLE, PGDATABASE: url.split('/').pop() });
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const handles = (callRun(example, module) as unknown[]).map(handleOf);
  try {
    const results = await Promise.allSettled(handles.flatMap((handle) => Array.from({ length: handle.max }, () => handle.acquire())));
    const refused = results.filter((result) => result.status === 'rejected' && /too many clients|connection slots are reserved/.test(String(result.reason))).length;
    const otherFailure = results.find((result) => result.status === 'rejected' && !/too many clients|connection slots are reserved/.test(String(result.reason)));
    if (otherFailure) {
      throw new Error(`a connection failed for another reason: ${String((otherFailure as PromiseRejectedResult).reason)}`);
    }
    await Promise.all(results.map((result) => (result.status === 'fulfilled' ? result.value() : undefined)));
    return refused;
  } finally {
    await Promise.all(handles.map((handle) => handle.end().catch(() => undefined)));
  }
}
