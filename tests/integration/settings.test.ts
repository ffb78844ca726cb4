import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import dbLeaks from '../../src/index.js';
import { resolveSettings } from '../../src/util/settings.js';
import { fixturesDir } from '../support/rule-tester.js';

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
    [{ networkFunction: ['^post'] }, '.networkFunction must be left out: the known keys are resources, wrappers, networkModules, networkFunctions, ignoreHandles'],
    [['pg'], ' must be an object; got ["pg"]'],
  ])('names the wrong setting and the expected shape: %j', async (settings, expected) => {
    await expect(eslintWith(settings).lintFiles(['src'])).rejects.toThrow(`eslint-plugin-db-leaks: settings['db-leaks']${expected}`);
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
