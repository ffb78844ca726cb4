import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { beginHelperNames } from '../../src/analysis/begin-helpers.js';
import { factoryNames } from '../../src/analysis/factories.js';
import { wrapperNames } from '../../src/analysis/wrappers.js';
import { createEngineHarness } from './harness.js';

/**
 * The program-wide indexes are syntactic pre-filters: a name missing from one is never asked
 * about, so each must hold every function of its kind however it is declared, and should leave
 * out the functions that plainly are not.
 */
function indexes(files: Record<string, string>) {
  const { program, engine } = createEngineHarness(new Map(Object.entries(files)));
  return {
    factories: [...factoryNames(program, engine.effects)].sort(),
    beginHelpers: [...beginHelperNames(program, engine.effects)].sort(),
    wrappers: [...wrapperNames(program, engine.effects)].sort(),
  };
}

describe('program indexes', () => {
  it('name wrappers declared every way a service declares them, and wrappers of wrappers in other files', () => {
    const { wrappers } = indexes({
      'index-wrappers.ts': `import type { Knex } from 'knex';
import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}
export class Repository {
  constructor(private readonly db: Knex) {}
  inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}`,
      'index-audited.ts': `import type { PoolClient } from 'pg';
import { withTransaction } from './index-wrappers.js';
export const withAudit = <T>(action: string, work: (client: PoolClient) => Promise<T>): Promise<T> =>
  withTransaction(async (client) => work(client));`,
      'index-wrappers-cjs.js': `const { Pool } = require('pg');
const pool = new Pool();
exports.withClient = async (work) => {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
};`,
    });
    expect(wrappers).toEqual(['inTransaction', 'withAudit', 'withClient', 'withTransaction']);
  });

  it('leave out functions that call a callback but hold nothing, and functions that query but call no parameter', () => {
    const { wrappers } = indexes({
      'index-not-wrappers.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch {
    return attempt();
  }
}
export async function findUser(id: string) {
  return pool.query('select * from users where id = $1', [id]);
}`,
    });
    expect(wrappers).toEqual([]);
  });

  it('leave out functions that hand a parameter to an ordinary call, or send SQL that begins nothing (vendure repositories)', () => {
    const { wrappers } = indexes({
      'index-repository.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function findInChannel(ctx: { channelId: string }, id: string) {
  const channel = await resolveChannel(ctx);
  return pool.query('select * from orders where channel = $1 and id = $2', [channel, id]);
}
export async function countRows(table: string) {
  return pool.query(\`select count(*) from \${table}\`);
}
async function resolveChannel(ctx: { channelId: string }) {
  return ctx.channelId;
}`,
    });
    expect(wrappers).toEqual([]);
  });

  it('name a wrapper that begins with a tagged template (postgres.js sql`BEGIN` on a reserved connection)', () => {
    const { wrappers } = indexes({
      'index-tagged-begin.ts': `import postgres from 'postgres';
const sql = postgres();
export async function inTransaction<T>(work: (tx: postgres.ReservedSql) => Promise<T>): Promise<T> {
  const reserved = await sql.reserve();
  try {
    await reserved\`BEGIN\`;
    const result = await work(reserved);
    await reserved\`COMMIT\`;
    return result;
  } finally {
    reserved.release();
  }
}`,
    });
    expect(wrappers).toEqual(['inTransaction']);
  });

  it('name factories and begin helpers assigned to exports in CommonJS', () => {
    const { factories, beginHelpers } = indexes({
      'index-helpers-cjs.js': `const { Pool } = require('pg');
const pool = new Pool();
exports.getClient = function () {
  return pool.connect();
};
module.exports.begin = (client) => client.query('BEGIN');`,
    });
    expect({ factories, beginHelpers }).toEqual({ factories: ['getClient'], beginHelpers: ['begin'] });
  });

  it('ask the checker about an execute() only when its receiver may be a controlled transaction builder or an oracledb result set is asked for', () => {
    const file = `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type oracledb from 'oracledb';
interface Db { users: { id: number; name: string } }
const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool: new Pool() }) });
declare const connection: oracledb.Connection;
export async function run() {
  const users = await db.selectFrom('users').selectAll().where('id', '=', 1).execute();
  const trx = await db.startTransaction().execute();
  const serializable = await db.startTransaction().setIsolationLevel('serializable').execute();
  const builder = db.startTransaction();
  const stored = await builder.execute();
  const query = db.selectFrom('users').select('name');
  const listed = await query.execute();
  let filtered = db.selectFrom('users').selectAll();
  if (Math.random() > 0.5) {
    filtered = filtered.where('id', '=', 2);
  }
  const some = await filtered.execute();
  let chosen = db.selectFrom('users').selectAll();
  chosen = builder;
  const mixed = await chosen.execute();
  const rows = await connection.execute('select 1 from dual');
  const cursor = await connection.execute('select 1 from dual', [], { resultSet: true });
  return { users, trx, serializable, stored, listed, some, mixed, rows, cursor };
}`;
    const { program, engine } = createEngineHarness(new Map([['prefilter-execute.ts', file]]));
    const source = program.getSourceFiles().find((candidate) => candidate.fileName.endsWith('prefilter-execute.ts'))!;
    const asked: string[] = [];
    const acquiring: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'execute') {
        const declared = ts.isVariableDeclaration(node.parent.parent) ? node.parent.parent.name.getText() : '?';
        if (engine.effects.mayAcquire(node)) {
          asked.push(declared);
        }
        if (engine.effects.acquireSite(node)) {
          acquiring.push(declared);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    // Every acquisition passes the filter. The query builders' execute(), inline or through a
    // const or a let narrowed by conditions, does not reach the checker; a let also given a
    // transaction builder does (the checker then finds it is typed as a query), and so does the
    // plain oracledb one, as its receiver may be a stored Kysely builder.
    expect(acquiring).toEqual(['trx', 'serializable', 'stored', 'cursor']);
    expect(asked).toEqual(['trx', 'serializable', 'stored', 'mixed', 'rows', 'cursor']);
  });
});
