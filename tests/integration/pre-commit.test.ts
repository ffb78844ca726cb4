import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUserProject, fixedOrders, leakyOrders, readmeLintStagedConfig, type UserProject } from '../support/user-project.js';

/**
 * The plugin in a pre-commit hook: a user's git repository with lint-staged run by a
 * simple-git-hooks hook, set up exactly as the README says, and real `git commit`s.
 */

let project: UserProject;

function git(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('git', args, { cwd: project.dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

beforeAll(() => {
  project = createUserProject({
    '.gitignore': 'node_modules\n',
    'src/orders.ts': leakyOrders,
    'src/health.ts': 'export function health(): string {\n  return "ok";\n}\n',
    'lint-staged.config.js': readmeLintStagedConfig(),
  });
  const manifest = JSON.parse(readFileSync(path.join(project.dir, 'package.json'), 'utf8')) as object;
  project.write('package.json', `${JSON.stringify({ ...manifest, ...PRE_COMMIT_SETUP }, null, 2)}\n`);
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: project.dir });
  execFileSync('git', ['config', 'user.email', 'dev@example.com'], { cwd: project.dir });
  execFileSync('git', ['config', 'user.name', 'Dev'], { cwd: project.dir });
  // What `npm install` runs through the `prepare` script: writes .git/hooks/pre-commit.
  execFileSync('npx', ['--no-install', 'simple-git-hooks'], { cwd: project.dir, stdio: 'pipe' });
}, 60_000);

afterAll(() => project?.remove());

/** The package.json entries the README's pre-commit section shows. */
const PRE_COMMIT_SETUP = {
  scripts: { prepare: 'simple-git-hooks' },
  'simple-git-hooks': { 'pre-commit': 'npx lint-staged' },
};

describe('a pre-commit hook with lint-staged', () => {
  it('refuses a commit that stages a leak, with the rule and its message', () => {
    git('add', '.');
    const commit = git('commit', '-m', 'cancel orders');
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain('src/orders.ts');
    expect(commit.output).toMatch(
      /6:24 +error +`client` \(the client from `pool\.connect\(\)`\) is not released when the function returns at line 9\. \(1 more path leaks\.\) +db-leaks\/no-leaked-client/,
    );
    expect(git('rev-parse', '--verify', 'HEAD').status).not.toBe(0);
  }, 60_000);

  it('accepts the fixed file, and leaves an unstaged leak alone', () => {
    project.write('src/orders.ts', fixedOrders);
    // A draft with a leak, never staged: not the commit's business.
    project.write('src/draft.ts', leakyOrders.replace('cancelOrder', 'draftOrder'));
    git('add', '.gitignore', 'package.json', 'tsconfig.json', 'eslint.config.js', 'lint-staged.config.js', 'src/orders.ts', 'src/health.ts');
    const commit = git('commit', '-m', 'cancel orders');
    expect(commit.output).not.toContain('no-leaked-client');
    expect(commit.status).toBe(0);
    expect(git('status', '--porcelain').output).toBe('?? src/draft.ts\n');
  }, 60_000);

  it('lints only what is staged: a leak left unstaged in a committed file does not block, and survives', () => {
    project.write('src/orders.ts', leakyOrders);
    project.write('src/health.ts', 'export function health(): string {\n  return "healthy";\n}\n');
    git('add', 'src/health.ts');
    const commit = git('commit', '-m', 'healthier');
    expect(commit.status).toBe(0);
    expect(commit.output).not.toContain('no-leaked-client');
    // lint-staged hid the unstaged change while linting and put it back.
    expect(readFileSync(path.join(project.dir, 'src/orders.ts'), 'utf8')).toBe(leakyOrders);
  }, 60_000);

  it('refuses a commit that changes only a helper when a caller in another file now leaks', () => {
    project.write('src/orders.ts', fixedOrders);
    project.write('src/finish.ts', FINISH_RELEASES);
    project.write('src/refunds.ts', REFUNDS);
    git('add', 'src/orders.ts', 'src/finish.ts', 'src/refunds.ts');
    expect(git('commit', '-m', 'refunds').status).toBe(0);
    // The helper stops releasing: only it is staged, the leak is in its caller.
    project.write('src/finish.ts', FINISH_LOGS_ONLY);
    git('add', 'src/finish.ts');
    const commit = git('commit', '-m', 'log instead');
    expect(commit.status).not.toBe(0);
    expect(commit.output).toMatch(/src\/refunds\.ts\n +7:24 +error +`client` \(the client from `pool\.connect\(\)`\) is not released/);
  }, 60_000);
});

const FINISH_RELEASES = `import type { PoolClient } from 'pg';

export function finish(client: PoolClient): void {
  client.release();
}
`;

const FINISH_LOGS_ONLY = `import type { PoolClient } from 'pg';

export function finish(client: PoolClient): void {
  console.log('done with', client.processID);
}
`;

const REFUNDS = `import pg from 'pg';
import { finish } from './finish.js';

const pool = new pg.Pool();
pool.on('error', (error) => console.error('idle client failed', error));
export async function refund(id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('update orders set refunded = true where id = $1', [id]);
  } finally {
    finish(client);
  }
}
`;
