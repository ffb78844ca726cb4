import { ESLint } from 'eslint';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import dbLeaks from '../../src/index.js';
import { resolveSettings } from '../../src/util/settings.js';
import { fixturesDir } from '../support/rule-tester.js';
import { createUserProject, leakyOrders, readmeEslintConfig } from '../support/user-project.js';

const projectDir = path.join(fixturesDir, 'service-project');

function eslintWith(settings: unknown): ESLint {
  return new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
        settings: { 'db-leaks': settings },
      },
      dbLeaks.configs.recommended,
    ],
  });
}

describe("settings['db-leaks']", () => {
  it.each([
    [{ resources: [{ file: 'src/db.ts', acquire: [{ method: 'open' }], release: 'close' }] }, ".resources[0].release must be an array of method names, such as [\"release\"]; got \"close\""],
    [{ resources: [{ acquire: [{ method: 'open' }], release: ['close'] }] }, '.resources[0] must be exactly one of "package" or "file"'],
    [{ wrappers: [{ file: 'src/db.ts', method: 'withTx', kind: 'transaction', library: 'postgresql' }] }, '.wrappers[0].library must be one of pg, postgres, mysql2'],
    [{ wrappers: [{ file: 'src/db.ts', method: 'withTx', kind: 'tx', library: 'pg' }] }, '.wrappers[0].kind must be "transaction" or "connection"; got "tx"'],
    [{ networkFunction: ['^post'] }, '.networkFunction must be left out: did you mean "networkFunctions"?'],
    [{ colours: ['^post'] }, '.colours must be left out: the known keys are resources, wrappers, networkModules, networkFunctions, ignoreHandles'],
    [{ networkFunctions: ['^callPartner', '(unclosed'] }, '.networkFunctions[1] must be a valid regular expression (Invalid regular expression: /(unclosed/: Unterminated group); got "(unclosed"'],
    [['pg'], ' must be an object; got ["pg"]'],
  ])('names the wrong setting and the expected shape: %j', async (settings, expected) => {
    await expect(eslintWith(settings).lintFiles(['src'])).rejects.toThrow(`eslint-plugin-db-leaks: settings['db-leaks']${expected}`);
  });

  it('stops the command line with one line naming the setting: no stack trace, no rule blamed', () => {
    const project = createUserProject({ 'src/orders.ts': leakyOrders });
    try {
      const config = readmeEslintConfig().replace("extends: [dbLeaks.configs.recommended],", "extends: [dbLeaks.configs.recommended],\n    settings: { 'db-leaks': { networkFunctions: ['(unclosed'] } },");
      expect(config).toContain('(unclosed');
      project.write('eslint.config.js', config);
      const run = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', 'src'], { cwd: project.dir, encoding: 'utf8' });
      expect(run.status).toBe(2);
      const lines = run.stderr.trim().split('\n').filter((line) => line.trim() !== '');
      expect(lines.at(-1)).toBe(
        `eslint-plugin-db-leaks: settings['db-leaks'].networkFunctions[0] must be a valid regular expression (Invalid regular expression: /(unclosed/: Unterminated group); got "(unclosed". See docs/settings.md.`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at |Error while loading rule/);
    } finally {
      project.remove();
    }
  });

  it('rejects an invalid regular expression in the rule option when the config is read, naming the rule', async () => {
    const eslint = new ESLint({
      cwd: projectDir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
          plugins: { 'db-leaks': dbLeaks },
          rules: { 'db-leaks/no-network-in-transaction': ['error', { networkFunctions: ['(unclosed'] }] },
        },
      ],
    });
    await expect(eslint.lintFiles(['src'])).rejects.toThrow(/Key "db-leaks\/no-network-in-transaction":\s+Value "\(unclosed" should match format "regex"/);
  });

  it('is validated once per settings object, which ESLint shares between the files of a run', () => {
    const settings = { 'db-leaks': { ignoreHandles: ['auditPool'] } };
    const first = resolveSettings(settings);
    expect(resolveSettings(settings)).toBe(first);
    expect(first.ignoreHandles).toEqual(['auditPool']);
    // Without settings, the engine gets the built-in models themselves (one engine per program).
    expect(resolveSettings({}).models).toBe(resolveSettings({ other: 1 }).models);
  });
});
