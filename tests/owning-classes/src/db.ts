// The service's pool and query builder, created elsewhere (the pool rules are not under test here).
import type { Knex } from 'knex';
import type { Pool } from 'pg';

export declare const pool: Pool;
export declare const knex: Knex;
