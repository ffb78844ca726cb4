/**
 * Cases for `pool-size-budget`, shared by the rule test and the fixture type-check test. The
 * fixture program has one more pool, in \`project/reporting-db.ts\` (\`max: 40\`), which every
 * program-wide sum includes: with the default budget (100 − 3 = 97), the linted file's own pools
 * may add up to 57.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageId, Options } from '../../src/rules/pool-size-budget.js';

const PG = `import { Pool } from 'pg';
`;

type Valid = ValidTestCase<Options> & { name: string };
type Invalid = InvalidTestCase<MessageId, Options> & { name: string };

export const valid: Valid[] = [
  {
    // A test helper's pool is sized for the test database, not the production budget.
    name: 'pg: a large pool in a test helper',
    filename: 'project/__tests__/helpers.ts',
    code: `${PG}
export const pool = new Pool({ max: 100 });`,
  },
  {
    name: 'pg: a literal max within the budget',
    code: `${PG}
export const pool = new Pool({ max: 20 });`,
  },
  {
    name: 'pg: the default size (10) within the budget',
    code: `${PG}
export const pool = new Pool({ connectionString: process.env.DATABASE_URL });`,
  },
  {
    name: 'pg: an environment fallback within the budget',
    code: `${PG}
export const pool = new Pool({ max: Number(process.env.PG_POOL_MAX ?? '25') });`,
  },
  {
    name: 'pg: a size the code cannot know statically is not judged',
    code: `${PG}
export const pool = new Pool({ max: Number(process.env.PG_POOL_MAX) });`,
  },
  {
    name: 'pg: options built at run time are not judged',
    code: `${PG}
declare function loadConfig(): { max: number };
export const pool = new Pool(loadConfig());`,
  },
  {
    name: 'pg: a spread of unknown options is not judged',
    code: `${PG}
declare const overrides: Record<string, number>;
export const pool = new Pool({ max: 10, ...overrides });`,
  },
  {
    name: 'pg: two pools that fit together with the other file',
    code: `${PG}
export const primary = new Pool({ max: 30 });
export const replica = new Pool({ host: 'replica', max: 20 });`,
  },
  {
    name: 'pg: a larger server budget in the options',
    code: `${PG}
export const pool = new Pool({ max: 150 });`,
    options: [{ maxConnections: 500 }],
  },
  {
    name: 'pg: processes multiply, and still fit a large server',
    code: `${PG}
export const pool = new Pool({ max: 20 });`,
    options: [{ maxConnections: 500, processes: 8 }],
  },
  {
    name: 'pg: a constant named max',
    code: `${PG}
const POOL_MAX = 15;
export const pool = new Pool({ max: POOL_MAX });`,
  },
  {
    name: 'pg: a config object constant',
    code: `${PG}
const config = { connectionString: process.env.DATABASE_URL, max: 25 };
export const pool = new Pool(config);`,
  },
  {
    name: 'pg: parseInt with an || fallback',
    code: `${PG}
export const pool = new Pool({ max: parseInt(process.env.POOL_SIZE || '12', 10) });`,
  },
  {
    name: 'pg: a ternary on the environment with a fallback',
    code: `${PG}
export const pool = new Pool({ max: process.env.POOL_SIZE ? Number(process.env.POOL_SIZE) : 16 });`,
  },
  {
    name: 'postgres.js: max within the budget after the URL',
    code: `${PG}
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL ?? '', { max: 20 });`,
  },
  {
    name: 'mysql2: connectionLimit within the budget',
    code: `${PG}
import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 20 });`,
  },
  {
    name: 'mariadb: connectionLimit within the budget',
    code: `${PG}
import * as mariadb from 'mariadb';
export const pool = mariadb.createPool({ host: '127.0.0.1', connectionLimit: 15 });`,
  },
  {
    name: 'knex: pool.max within the budget',
    code: `${PG}
import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 2, max: 20 } });`,
  },
  {
    name: 'Sequelize: default pool of 5',
    code: `${PG}
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '');`,
  },
  {
    name: 'TypeORM: poolSize within the budget',
    code: `${PG}
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 20 });`,
  },
  {
    name: 'oracledb: poolMax within the budget',
    code: `${PG}
import oracledb from 'oracledb';
export const ready = oracledb.createPool({ user: 'app', connectString: 'db/app', poolMax: 12 });`,
  },
  {
    name: 'mssql: pool.max within the budget',
    code: `${PG}
import sql from 'mssql';
export const pool = new sql.ConnectionPool({ server: 'localhost', pool: { max: 20 } });`,
  },
  {
    name: 'pg: reservedConnections lowered to 0 lets the pool fit',
    code: `${PG}
export const pool = new Pool({ max: 57 });`,
    options: [{ reservedConnections: 0 }],
  },
  {
    name: 'pg: Number() of a literal string',
    code: `${PG}
export const pool = new Pool({ max: Number('20') });`,
  },
  {
    name: 'pg: a client, not a pool',
    code: `${PG}
import { Client } from 'pg';
export const client = new Client();`,
  },
  {
    name: 'pg: a pool sized by an exported constant of a config module',
    code: `${PG}
export const settings = { database: { max: 30 } } as const;
export const pool = new Pool({ max: settings.database.max });`,
  },
  {
    name: 'slonik: a factory call at the default size of 10',
    code: `${PG}
import { createPool } from 'slonik';
export const pool = createPool('postgres://localhost/app');`,
  },
];

export const invalid: Invalid[] = [
  {
    name: 'pg: a large pool in a test helper, with checkTests on',
    filename: 'project/__tests__/helpers.ts',
    options: [{ checkTests: true }],
    code: `${PG}
export const pool = new Pool({ max: 100 });`,
    errors: [{ messageId: 'poolOverBudget', line: 3, column: 21, endLine: 3, endColumn: 43 }],
  },
  {
    name: 'pg: a literal max over the budget',
    code: `${PG}
export const pool = new Pool({ max: 200 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 43,
      },
    ],
  },
  {
    name: 'pg: the incident: 50 per process, 4 processes, a 105-connection server',
    code: `${PG}
export const pool = new Pool({ max: 50 });`,
    options: [{ maxConnections: 105, processes: 4 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'pg: the default size times many processes',
    code: `${PG}
export const pool = new Pool({ connectionString: process.env.DATABASE_URL });`,
    options: [{ processes: 12 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 77,
      },
    ],
  },
  {
    name: 'pg: an environment fallback over the budget',
    code: `${PG}
export const pool = new Pool({ max: Number(process.env.PG_POOL_MAX ?? '250') });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 80,
      },
    ],
  },
  {
    name: 'pg: a named constant over the budget',
    code: `${PG}
const POOL_MAX = 120;
export const pool = new Pool({ max: POOL_MAX });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 48,
      },
    ],
  },
  {
    name: 'pg: a config object constant over the budget',
    code: `${PG}
const config = { connectionString: process.env.DATABASE_URL, max: 100 };
export const pool = new Pool(config);`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 37,
      },
    ],
  },
  {
    name: 'pg: a spread of a known base, overridden upwards',
    code: `${PG}
const base = { max: 10, idleTimeoutMillis: 30000 };
export const pool = new Pool({ ...base, max: 98 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 51,
      },
    ],
  },
  {
    name: 'pg: a string from the environment fallback with parseInt',
    code: `${PG}
export const pool = new Pool({ max: parseInt(process.env.POOL_SIZE || '100', 10) });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 84,
      },
    ],
  },
  {
    name: 'pg: a ternary fallback over the budget',
    code: `${PG}
export const pool = new Pool({ max: process.env.POOL_SIZE ? Number(process.env.POOL_SIZE) : 128 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 99,
      },
    ],
  },
  {
    name: 'postgres.js: max over the budget',
    code: `${PG}
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL ?? '', { max: 120 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 74,
      },
    ],
  },
  {
    name: 'postgres.js: options as the only argument',
    code: `${PG}
import postgres from 'postgres';
export const sql = postgres({ host: 'localhost', max: 100 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 61,
      },
    ],
  },
  {
    name: 'mysql2: connectionLimit over the budget of a MySQL server',
    code: `${PG}
import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 200 });`,
    options: [{ maxConnections: 151 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 82,
      },
    ],
  },
  {
    name: 'mariadb: connectionLimit times processes',
    code: `${PG}
import * as mariadb from 'mariadb';
export const pool = mariadb.createPool({ host: '127.0.0.1', connectionLimit: 30 });`,
    options: [{ maxConnections: 151, processes: 6 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 83,
      },
    ],
  },
  {
    name: 'knex: pool.max over the budget',
    code: `${PG}
import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 10, max: 150 } });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 108,
      },
    ],
  },
  {
    name: 'Sequelize: pool.max times processes',
    code: `${PG}
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { pool: { max: 25 } });`,
    options: [{ processes: 4 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 94,
      },
    ],
  },
  {
    name: 'TypeORM: poolSize over the budget',
    code: `${PG}
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 100 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 27,
        endLine: 4,
        endColumn: 109,
      },
    ],
  },
  {
    name: 'TypeORM: extra.max passed to the driver',
    code: `${PG}
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', extra: { max: 110 } });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 27,
        endLine: 4,
        endColumn: 84,
      },
    ],
  },
  {
    name: 'oracledb: poolMax times processes',
    code: `${PG}
import oracledb from 'oracledb';
export const ready = oracledb.createPool({ user: 'app', connectString: 'db/app', poolMax: 40 });`,
    options: [{ processes: 3 }],
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 96,
      },
    ],
  },
  {
    name: 'mssql: pool.max over the budget',
    code: `${PG}
import sql from 'mssql';
export const pool = new sql.ConnectionPool({ server: 'localhost', pool: { max: 100 } });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 88,
      },
    ],
  },
  {
    name: 'slonik: maximumPoolSize over the budget',
    code: `${PG}
import { createPool } from 'slonik';
export const pool = createPool('postgres://localhost/app', { maximumPoolSize: 100 });`,
    errors: [
      {
        messageId: 'poolOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 85,
      },
    ],
  },
  {
    name: 'pg: two pools in this file add up with the other file over the budget',
    code: `${PG}
export const primary = new Pool({ max: 40 });
export const replica = new Pool({ host: 'replica', max: 20 });`,
    errors: [
      {
        messageId: 'poolsOverBudget',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 45,
      },
      {
        messageId: 'poolsOverBudget',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 62,
      },
    ],
  },
  {
    name: 'pg: one pool that fits alone, over the budget with the other file',
    code: `${PG}
export const pool = new Pool({ max: 60 });`,
    errors: [
      {
        messageId: 'poolsOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'pg: the sum times processes',
    code: `${PG}
export const pool = new Pool({ max: 10 });`,
    options: [{ processes: 2 }],
    errors: [
      {
        messageId: 'poolsOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 42,
      },
    ],
  },
  {
    name: 'mixed libraries add up against one server',
    code: `${PG}
import knex from 'knex';
export const pool = new Pool({ max: 30 });
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 30 } });`,
    errors: [
      {
        messageId: 'poolsOverBudget',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 42,
      },
      {
        messageId: 'poolsOverBudget',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 98,
      },
    ],
  },
  {
    name: 'pg: a default-size pool counts towards the sum',
    code: `${PG}
export const pool = new Pool({ max: 50 });
export const audit = new Pool();`,
    errors: [
      {
        messageId: 'poolsOverBudget',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 42,
      },
      {
        messageId: 'poolsOverBudget',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 32,
      },
    ],
  },
  {
    name: 'pg: a pool over the budget alone is reported, and the sum waits for it to be fixed',
    code: `${PG}
export const pool = new Pool({ max: 200 });
export const audit = new Pool({ max: 10 });`,
    errors: [{ messageId: 'poolOverBudget', line: 3, column: 21, endLine: 3, endColumn: 43 }],
  },
];
