import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { fixturesDir } from '../support/rule-tester.js';
import { createEngineHarness } from './harness.js';

/** The pools a program creates, as `file:line`, found by engine.pools over the whole program. */
function poolSites(files: Record<string, string>): string[] {
  const harness = createEngineHarness(new Map(Object.entries(files)));
  for (const name of Object.keys(files)) {
    expect(harness.diagnostics(name)).toEqual([]);
  }
  return harness.engine.pools.allSites().map((site) => {
    const file = site.node.getSourceFile();
    return `${path.relative(fixturesDir, file.fileName)}:${ts.getLineAndCharacterOfPosition(file, site.node.getStart()).line + 1}`;
  });
}

describe('pool sites', () => {
  // A factory called by a plain name is recognised only when the file binds that name to an
  // import; the forms a file can bind it with are all read from the syntax.
  it('finds factories bound by each import form, and by require in CommonJS', () => {
    expect(
      poolSites({
        'pools-esm.ts': `import postgres from 'postgres';
import makeKnex from 'knex';
import * as pgNamespace from 'pg';
export const sql = postgres('postgres://localhost/app', { max: 5 });
export const db = makeKnex({ client: 'pg', pool: { max: 4 } });
export const pool = new pgNamespace.Pool({ max: 3 });`,
        'pools-cjs.js': `const postgres = require('postgres');
const { knex } = require('knex');
const sql = postgres('postgres://localhost/app', { max: 5 });
const db = knex({ client: 'pg' });
module.exports = { sql, db };`,
      }),
    ).toEqual(['pools-esm.ts:4', 'pools-esm.ts:5', 'pools-esm.ts:6', 'pools-cjs.js:3', 'pools-cjs.js:4']);
  });

  // A `new` is asked about only when its class may be a pool by name: a pool class, a project
  // class whose extends chain reaches one (through renaming imports and other files), or a
  // module's default. (A file that never names the library is not looked at.)
  it('finds project subclasses of a pool class across files and renaming imports', () => {
    expect(
      poolSites({
        'pool-classes.ts': `import { Pool as PgPool } from 'pg';
export class AppPool extends PgPool {}
export class AuditedPool extends AppPool {}
export class Report {}`,
        'pool-users.ts': `import type { PoolConfig } from 'pg';
import { AuditedPool, Report } from './pool-classes.js';
import * as classes from './pool-classes.js';
const config: PoolConfig = { max: 2 };
export const audited = new AuditedPool(config);
export const app = new classes.AppPool();
export const report = new Report();
export const failure = new Error('not a pool');`,
      }),
    ).toEqual(['pool-users.ts:5', 'pool-users.ts:6']);
  });

  it('does not take a project function named like a factory for one', () => {
    expect(
      poolSites({
        'not-pools.ts': `import type { Sql } from 'postgres';
function postgres(url: string): Sql | undefined {
  return url ? undefined : undefined;
}
export const sql = postgres('postgres://localhost/app');`,
      }),
    ).toEqual([]);
  });
});
