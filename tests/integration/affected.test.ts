import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { affectedFiles } from '../../src/affected.js';
import { createUserProject, repoDir, type UserProject } from '../support/user-project.js';

/**
 * `db-leaks-affected`: the files whose findings a change can change. A helper's change can make
 * a caller in another file leak, so the caller must be linted too; code with no database in it
 * cannot have a finding and is left out.
 */
let project: UserProject;

beforeAll(() => {
  project = createUserProject({
    'src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
    'src/finish.ts': "import type { PoolClient } from 'pg';\nexport function finish(client: PoolClient): void {\n  client.release();\n}\n",
    // Imports the helper and the pool: database code, one hop away from pg.
    'src/orders.ts': "import { pool } from './db.js';\nimport { finish } from './finish.js';\nexport async function load() {\n  const client = await pool.connect();\n  finish(client);\n}\n",
    // Imports the file above: reached through it.
    'src/routes.ts': "import { pool } from './db.js';\nimport { load } from './orders.js';\nexport const routes = { load, pool };\n",
    // Imports the helper, which imports pg: one hop from a database library counts.
    'src/names.ts': "import { finish } from './finish.js';\nexport const helperName = finish.name;\n",
    // Reached through names.ts, but two hops from any database library.
    'src/format.ts': "import { helperName } from './names.js';\nexport const title = helperName.toUpperCase();\n",
    'src/unrelated.ts': 'export const answer = 42;\n',
  });
});

afterAll(() => project?.remove());

describe('affected files', () => {
  it('adds the importers that hold database code, through other files, and nothing else', () => {
    const found = affectedFiles(['src/finish.ts'], { cwd: project.dir }).map((file) => path.relative(project.dir, file)).sort();
    expect(found).toEqual(['src/finish.ts', 'src/names.ts', 'src/orders.ts', 'src/routes.ts']);
  });

  it('keeps a changed file with no importers as it is', () => {
    expect(affectedFiles(['src/unrelated.ts'], { cwd: project.dir })).toEqual([path.join(project.dir, 'src/unrelated.ts')]);
  });

  it('prints the same list from the command line, one file per line', () => {
    const output = execFileSync(process.execPath, [path.join(repoDir, 'dist/cli/affected.js'), 'src/finish.ts'], { cwd: project.dir, encoding: 'utf8' });
    expect(output.trim().split('\n').map((file) => path.relative(project.dir, file)).sort()).toEqual(['src/finish.ts', 'src/names.ts', 'src/orders.ts', 'src/routes.ts']);
  });
});
