/**
 * The real-bugs suite: leak bugs that were fixed (or diagnosed, with the fix given) in public
 * repositories, each reproduced in `cases/` as the code before the fix (`<id>.before.ts`) and
 * after it (`<id>.after.ts`), in our own words and identifiers but with the upstream control
 * flow. `expected` lists what the rules must report on the code before the fix; a finding the
 * engine does not make yet is kept, marked `missed` with the reason, and counted.
 */
export type CoreRule =
  | 'no-leaked-client'
  | 'no-leaked-cursor'
  | 'no-network-in-transaction'
  | 'no-pool-query-in-transaction'
  | 'no-unfinished-transaction';

export interface ExpectedFinding {
  readonly rule: CoreRule;
  /** The line the finding belongs on: the acquisition, the leaking exit, the query or the call. */
  readonly line: number;
  /** Set while the engine does not report it: why. */
  readonly missed?: string;
}

export interface RealBug {
  /** The file names in `cases/`: `<id>.before.ts` and `<id>.after.ts` (or `.js`). */
  readonly id: string;
  readonly library: string;
  /** The issue, pull request or review where the bug and its fix are found. */
  readonly upstream: string;
  readonly expected: readonly ExpectedFinding[];
  readonly extension?: 'js';
}

export const realBugs: readonly RealBug[] = [
  // --- no-leaked-client ---------------------------------------------------------------------
  {
    id: 'pg-commit-throws',
    library: 'pg',
    upstream: 'https://github.com/graphile/crystal/pull/978',
    expected: [{ rule: 'no-leaked-client', line: 5 }],
  },
  {
    id: 'pg-connect-listener-never-released',
    library: 'pg',
    upstream: 'https://github.com/payloadcms/payload/pull/16893',
    expected: [{ rule: 'no-leaked-client', line: 5 }],
  },
  {
    id: 'pg-release-after-query',
    library: 'pg',
    upstream: 'https://github.com/noobaa/noobaa-core/pull/9541',
    expected: [{ rule: 'no-leaked-client', line: 8 }],
  },
  {
    id: 'pg-begin-outside-try',
    library: 'pg',
    upstream: 'https://github.com/drizzle-team/drizzle-orm/issues/6341',
    expected: [{ rule: 'no-leaked-client', line: 5 }],
  },
  {
    id: 'pg-cursor-read-error',
    library: 'pg, pg-cursor',
    upstream: 'https://github.com/brianc/node-pg-cursor/issues/10',
    expected: [
      { rule: 'no-leaked-client', line: 6 },
      { rule: 'no-leaked-cursor', line: 11 },
    ],
  },
  {
    id: 'pg-query-stream-on-pool',
    library: 'pg, pg-query-stream',
    upstream: 'https://github.com/brianc/node-postgres/issues/2013',
    expected: [
      // The client the pool checks out for the stream is never given back: no-leaked-cursor owns streams and cursors on a pool.
      { rule: 'no-leaked-cursor', line: 6 },
    ],
  },
  {
    id: 'pg-pool-per-request',
    library: 'pg',
    upstream: 'https://github.com/faradayio/tilesplash/pull/38',
    extension: 'js',
    expected: [{ rule: 'no-leaked-client', line: 9 }],
  },
  {
    id: 'mysql-query-error-no-release',
    library: 'mysql',
    upstream: 'https://github.com/martinj/node-mysql-promise/pull/2',
    extension: 'js',
    expected: [{ rule: 'no-leaked-client', line: 15 }],
  },
  {
    id: 'pg-acl-pool-assigned-later',
    library: 'pg',
    upstream: 'https://github.com/GEOLYTIX/xyz/pull/2724',
    extension: 'js',
    expected: [{ rule: 'no-leaked-client', line: 13 }],
  },
  {
    id: 'mysql2-release-inside-try',
    library: 'mysql2',
    upstream: 'https://github.com/sidorares/node-mysql2/issues/1110',
    expected: [{ rule: 'no-leaked-client', line: 10 }],
  },
  {
    id: 'oracledb-stream-connection-never-closed',
    library: 'oracledb',
    upstream: 'https://github.com/oracle/node-oracledb/issues/401',
    expected: [{ rule: 'no-leaked-client', line: 6 }],
  },
  {
    id: 'typeorm-schema-runner-on-failure',
    library: 'TypeORM',
    upstream: 'https://github.com/twentyhq/twenty/pull/16649',
    expected: [
      { rule: 'no-leaked-client', line: 9 },
      { rule: 'no-leaked-client', line: 17 },
    ],
  },
  {
    id: 'typeorm-runner-made-when-none-given',
    library: 'TypeORM',
    upstream: 'https://github.com/typeorm/typeorm/pull/8969',
    expected: [{ rule: 'no-leaked-client', line: 8 }],
  },
  {
    id: 'typeorm-drop-database',
    library: 'TypeORM',
    upstream: 'https://github.com/typeorm/typeorm/pull/3727',
    expected: [{ rule: 'no-leaked-client', line: 5 }],
  },
  {
    id: 'typeorm-runner-from-helper-never-released',
    library: 'TypeORM',
    upstream: 'https://github.com/typeorm/typeorm/pull/12797',
    expected: [
      {
        rule: 'no-leaked-client',
        line: 8,
      },
    ],
  },
  {
    id: 'typeorm-master-runner-flag-release',
    library: 'TypeORM',
    upstream: 'https://github.com/typeorm/typeorm/pull/12545',
    expected: [{ rule: 'no-leaked-client', line: 8 }],
  },
  {
    id: 'typeorm-route-runner-never-released',
    library: 'TypeORM',
    upstream: 'https://github.com/typeorm/typeorm/issues/4866',
    expected: [
      { rule: 'no-leaked-client', line: 5 },
      { rule: 'no-unfinished-transaction', line: 6 },
    ],
  },
  {
    id: 'mongoose-session-never-ended',
    library: 'Mongoose',
    upstream: 'https://github.com/novuhq/novu/pull/11032',
    expected: [{ rule: 'no-leaked-client', line: 8 }],
  },
  {
    id: 'mongodb-transaction-helper-session',
    library: 'MongoDB',
    upstream: 'https://github.com/Automattic/mongoose/pull/11259',
    expected: [{ rule: 'no-leaked-client', line: 5 }],
  },
  // --- no-leaked-cursor ---------------------------------------------------------------------
  {
    id: 'mongodb-cursor-loop-break',
    library: 'MongoDB',
    upstream: 'https://github.com/Automattic/mongoose/issues/4258',
    expected: [{ rule: 'no-leaked-cursor', line: 6 }],
  },
  // --- no-unfinished-transaction ------------------------------------------------------------
  {
    id: 'knex-throw-before-commit',
    library: 'knex',
    upstream: 'https://github.com/knex/knex/issues/6186',
    // The throw the issue is about, and the failing query before it.
    expected: [
      { rule: 'no-unfinished-transaction', line: 8 },
      { rule: 'no-unfinished-transaction', line: 5 },
    ],
  },
  {
    id: 'knex-commit-only-when-api-agrees',
    library: 'knex',
    upstream: 'https://github.com/knex/knex/issues/4932',
    expected: [
      { rule: 'no-unfinished-transaction', line: 20 },
      { rule: 'no-network-in-transaction', line: 15 },
    ],
  },
  {
    id: 'objection-early-answers-keep-transaction',
    library: 'Objection.js',
    upstream: 'https://github.com/LiteFarmOrg/LiteFarm/pull/2880',
    extension: 'js',
    expected: [
      { rule: 'no-unfinished-transaction', line: 20 },
      { rule: 'no-unfinished-transaction', line: 23 },
      { rule: 'no-pool-query-in-transaction', line: 22 },
    ],
  },
  {
    id: 'knex-transaction-never-committed',
    library: 'knex',
    upstream: 'https://github.com/knex/knex/issues/4395',
    expected: [
      { rule: 'no-unfinished-transaction', line: 9 },
      { rule: 'no-pool-query-in-transaction', line: 8 },
    ],
  },
  {
    id: 'sequelize-no-rollback-in-catch',
    library: 'Sequelize',
    upstream: 'https://github.com/AudiusProject/apps/pull/801',
    expected: [{ rule: 'no-unfinished-transaction', line: 8 }],
  },
  {
    id: 'mssql-cancelled-request-no-rollback',
    library: 'mssql',
    upstream: 'https://github.com/tediousjs/node-mssql/issues/1552',
    expected: [{ rule: 'no-unfinished-transaction', line: 6 }],
  },
  // --- no-pool-query-in-transaction ---------------------------------------------------------
  {
    id: 'mongoose-save-outside-session',
    library: 'Mongoose',
    upstream: 'https://github.com/Automattic/mongoose/issues/13627',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 12 }],
  },
  {
    id: 'knex-helper-reads-outside-trx',
    library: 'knex',
    upstream: 'https://github.com/NangoHQ/nango/pull/3714',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 15 }],
  },
  {
    id: 'mssql-query-on-pool-during-transaction',
    library: 'mssql',
    upstream: 'https://github.com/tediousjs/node-mssql/issues/975',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 11 }],
  },
  {
    id: 'prisma-client-inside-interactive-transaction',
    library: 'Prisma',
    upstream: 'https://github.com/charmverse/app.charmverse.io/pull/1008',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 8 }],
  },
  {
    id: 'drizzle-db-inside-transaction-hangs',
    library: 'Drizzle',
    upstream: 'https://github.com/drizzle-team/drizzle-orm/issues/1687',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 11 }],
  },
  {
    id: 'drizzle-audit-row-outside-transaction',
    library: 'Drizzle',
    upstream: 'https://github.com/unkeyed/unkey/issues/780',
    expected: [{ rule: 'no-pool-query-in-transaction', line: 13 }],
  },
  {
    id: 'sequelize-options-in-the-wrong-argument',
    library: 'Sequelize',
    upstream: 'https://github.com/sequelize/sequelize/issues/7136',
    extension: 'js',
    expected: [
      { rule: 'no-pool-query-in-transaction', line: 12 },
      { rule: 'no-pool-query-in-transaction', line: 13 },
    ],
  },
  // --- no-network-in-transaction ------------------------------------------------------------
  {
    id: 'drizzle-mail-sent-inside-transaction',
    library: 'Drizzle',
    upstream: 'https://github.com/LanternOps/breeze/pull/4856',
    expected: [{ rule: 'no-network-in-transaction', line: 18 }],
  },
  {
    id: 'knex-mail-inside-transaction',
    library: 'knex',
    upstream: 'https://github.com/Infisical/infisical/pull/6374',
    expected: [
      { rule: 'no-network-in-transaction', line: 15 },
      { rule: 'no-network-in-transaction', line: 16 },
    ],
  },
  {
    id: 'prisma-s3-upload-inside-transaction',
    library: 'Prisma',
    upstream: 'https://github.com/momentum-mod/website/pull/1039',
    expected: [
      { rule: 'no-network-in-transaction', line: 18 },
      { rule: 'no-network-in-transaction', line: 20 },
    ],
  },
];
