import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import dbLeaks from '../../src/index.js';
import { fixturesDir } from '../support/rule-tester.js';

const projectDir = path.join(fixturesDir, 'service-project');

/** Lints the fixture service the way a user's eslint.config.js would: projectService + recommended. */
function userEslint(extra: object[] = []): ESLint {
  return new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: projectDir },
        },
      },
      dbLeaks.configs.recommended,
      ...extra,
    ],
  });
}

describe('the ESLint API on a fixture service with projectService', () => {
  it('reports the leaks, across files, and nothing in correct or unusual code', async () => {
    const results = await userEslint().lintFiles(['src']);
    const findings = results
      .flatMap((result) => result.messages.map((m) => `${path.basename(result.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();
    expect(findings).toEqual([
      'orders.ts:5:24 db-leaks/no-leaked-client',
      'plain.js:4:24 db-leaks/no-leaked-client',
    ]);
    const orders = results.find((result) => result.filePath.endsWith('orders.ts'))!;
    expect(orders.messages[0]!.message).toBe(
      '`client` (the client from `pool.connect()`) is not released when the function returns at line 8. (2 more paths leak.)',
    );
  });

  it('fits defineConfig() as typed by ESLint itself', () => {
    // A type error here fails `npm run typecheck`: the public types must fit users' configs.
    const config = defineConfig([{ files: ['**/*.ts'] }, dbLeaks.configs.recommended]);
    expect(config).toHaveLength(2);
  });

  it('exposes the plugin meta and flat configs', () => {
    expect(dbLeaks.meta?.name).toBe('eslint-plugin-db-leaks');
    expect(dbLeaks.configs.recommended.rules).toEqual({
      'db-leaks/destroy-broken-client': 'warn',
      'db-leaks/no-double-release': 'error',
      'db-leaks/no-leaked-client': 'error',
      'db-leaks/no-leaked-cursor': 'error',
      'db-leaks/no-network-in-transaction': 'error',
      'db-leaks/no-pool-query-in-transaction': 'error',
      'db-leaks/no-unfinished-transaction': 'error',
      'db-leaks/require-pool-error-handler': 'error',
    });
    expect(dbLeaks.configs.strict.rules).toEqual({
      ...dbLeaks.configs.recommended.rules,
      'db-leaks/destroy-broken-client': 'error',
      'db-leaks/no-leaked-client': ['error', { exceptions: 'all' }],
      'db-leaks/no-leaked-cursor': ['error', { exceptions: 'all' }],
      'db-leaks/no-network-in-transaction': ['error', { checkHeldClients: true }],
      'db-leaks/no-unfinished-transaction': ['error', { exceptions: 'all' }],
      'db-leaks/pool-size-budget': 'error',
    });
    expect(dbLeaks.configs.all.plugins!['db-leaks']).toBe(dbLeaks.configs.recommended.plugins!['db-leaks']);
  });

  it('rejects invalid options with ESLint’s schema message', async () => {
    const eslint = userEslint([{ rules: { 'db-leaks/no-leaked-client': ['error', { unknownCalls: 'sometimes' }] } }]);
    await expect(eslint.lintFiles(['src/db.ts'])).rejects.toThrow(/"db-leaks\/no-leaked-client"[\s\S]*"sometimes" should be equal to one of the allowed values/);
  });

  it('asks for type information when there is none', async () => {
    const eslint = new ESLint({
      cwd: projectDir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, dbLeaks.configs.recommended],
    });
    await expect(eslint.lintFiles(['src/orders.ts'])).rejects.toThrow(/requires type information/);
  });
});
