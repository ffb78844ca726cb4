import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { fixturesDir } from '../support/rule-tester.js';

/** `DEBUG=db-leaks:flow` prints each analysed obligation's walk, for understanding a finding. */
describe('the flow trace', () => {
  it('prints the obligation, its changes of state and the state at each exit', () => {
    const projectDir = path.join(fixturesDir, 'service-project');
    const script = `
      import { ESLint } from 'eslint';
      import tseslint from 'typescript-eslint';
      import dbLeaks from '${path.join(fixturesDir, '..', '..', 'dist', 'index.js')}';
      const eslint = new ESLint({ cwd: ${JSON.stringify(projectDir)}, overrideConfigFile: true, overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(projectDir)} } } },
        { plugins: { 'db-leaks': dbLeaks }, rules: { 'db-leaks/no-leaked-client': 'error' } },
      ] });
      await eslint.lintFiles(['src/orders.ts']);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.join(fixturesDir, '..', '..'),
      encoding: 'utf8',
      env: { ...process.env, DEBUG: 'db-leaks:flow' },
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('db-leaks:flow'));
    expect(lines.some((line) => /obligation: client created at/.test(line))).toBe(true);
    expect(lines.some((line) => /: free → held$/.test(line))).toBe(true);
    expect(lines.some((line) => /leaves orders\.ts:\d+:\d+ \(return\) with held/.test(line))).toBe(true);
  });
});
