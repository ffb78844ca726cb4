import type { LibraryModel } from './model.js';

import { betterSqlite3 } from './better-sqlite3.js';
import { drizzle } from './drizzle.js';
import { genericPool } from './generic-pool.js';
import { knex } from './knex.js';
import { kysely } from './kysely.js';
import { mariadb } from './mariadb.js';
import { mikroOrm } from './mikro-orm.js';
import { mongodb } from './mongodb.js';
import { mongoose } from './mongoose.js';
import { mssql } from './mssql.js';
import { mysql } from './mysql.js';
import { mysql2 } from './mysql2.js';
import { objection } from './objection.js';
import { oracledb } from './oracledb.js';
import { pg } from './pg.js';
import { pgPromise } from './pg-promise.js';
import { postgres } from './postgres.js';
import { prisma } from './prisma.js';
import { promiseMysql } from './promise-mysql.js';
import { sequelize } from './sequelize.js';
import { slonik } from './slonik.js';
import { typeorm } from './typeorm.js';

export type * from './model.js';

/** Every built-in library model. Adding a library means adding its file here. */
export const builtinModels: readonly LibraryModel[] = [
  pg,
  postgres,
  mysql2,
  mysql,
  promiseMysql,
  mariadb,
  pgPromise,
  typeorm,
  oracledb,
  genericPool,
  mongodb,
  mongoose,
  knex,
  objection,
  sequelize,
  kysely,
  mssql,
  drizzle,
  slonik,
  mikroOrm,
  prisma,
  betterSqlite3,
];
