import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPOSITORY_URL } from '../../src/util/create-rule.js';
import { createUserProject, fixedOrders, leakyOrders, type UserProject } from '../support/user-project.js';

/**
 * The plugin as a CI lint gate: the ESLint command line in a user's project, as the workflow in
 * docs/ci.md runs it — a SARIF report for code scanning, and `--max-warnings 0` for the exit code.
 */

let project: UserProject;

function eslint(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', ...args], { cwd: project.dir, encoding: 'utf8' });
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

beforeAll(() => {
  project = createUserProject({ 'src/orders.ts': leakyOrders, 'src/fixed-orders.ts': fixedOrders });
});

afterAll(() => project?.remove());

interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri?: string; shortDescription?: { text: string } }> } };
    artifacts?: Array<{ location: { uri: string } }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index?: number }; region: Record<string, number> } }>;
    }>;
  }>;
}

describe('the CI lint gate', () => {
  it('writes a SARIF 2.1.0 report that code scanning can read', () => {
    const run = eslint('.', '--format', '@microsoft/eslint-formatter-sarif', '--output-file', 'eslint.sarif');
    expect(run.status, run.output).toBe(1);
    const log = JSON.parse(readFileSync(path.join(project.dir, 'eslint.sarif'), 'utf8')) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [run0] = log.runs;
    expect(run0!.tool.driver.name).toBe('ESLint');
    expect(run0!.results).toHaveLength(1);
    const [result] = run0!.results;
    expect(result).toMatchObject({
      ruleId: 'db-leaks/no-leaked-client',
      level: 'error',
      message: { text: '`client` (the client from `pool.connect()`) is not released when the function returns at line 9. (1 more path leaks.)' },
    });
    const [location] = result!.locations;
    expect(location!.physicalLocation.artifactLocation.uri).toMatch(/\/src\/orders\.ts$/);
    expect(location!.physicalLocation.region).toEqual({ startLine: 6, startColumn: 24, endLine: 6, endColumn: 38 });
    // The rule's entry, referenced by index, links to its docs page.
    expect(run0!.tool.driver.rules[result!.ruleIndex]).toMatchObject({
      id: 'db-leaks/no-leaked-client',
      helpUri: `${REPOSITORY_URL}/blob/main/docs/rules/no-leaked-client.md`,
      shortDescription: { text: 'Require connections acquired from a pool to be released on every path' },
    });
  }, 60_000);

  it('fails on a leak reported as an error', () => {
    const run = eslint('src');
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/src\/orders\.ts\n +6:24 +error +`client` .* +db-leaks\/no-leaked-client\n/);
    expect(run.output).toContain('✖ 1 problem (1 error, 0 warnings)');
  }, 60_000);

  it('with --max-warnings 0, fails on a leak reported as a warning, which otherwise passes', () => {
    const asWarning = ['--rule', '{"db-leaks/no-leaked-client": "warn"}'];
    expect(eslint('src', ...asWarning).status).toBe(0);
    const gated = eslint('src', ...asWarning, '--max-warnings', '0');
    expect(gated.status).toBe(1);
    expect(gated.output).toContain('ESLint found too many warnings (maximum: 0).');
  }, 60_000);

  it('passes the fixed code', () => {
    const run = eslint('src/fixed-orders.ts', '--max-warnings', '0');
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('lints the whole project with the README config: build output, scripts and tool configs outside tsconfig.json stop nothing', () => {
    const extra = createUserProject({
      'src/fixed-orders.ts': fixedOrders,
      'dist/fixed-orders.js': 'export async function cancelOrder() {}\n',
      'scripts/seed.ts': "import pg from 'pg';\nexport const seed = new pg.Client();\n",
      'scripts/reset.js': "export function reset() { return 'done'; }\n",
      'vitest.config.ts': 'export default { test: {} };\n',
    });
    try {
      const run = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0'], { cwd: extra.dir, encoding: 'utf8' });
      expect(stripVTControlCharacters(`${run.stdout}${run.stderr}`)).toBe('');
      expect(run.status).toBe(0);
    } finally {
      extra.remove();
    }
  }, 60_000);
});
