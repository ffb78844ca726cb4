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
});
