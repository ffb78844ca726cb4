import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import dbLeaks from '../../src/index.js';
import { fixturesDir } from '../support/rule-tester.js';

const projectDir = path.join(fixturesDir, 'crash-project');

/**
 * One crash stops the whole ESLint run for a whole team, so odd but valid input must never
 * throw: cycles of constants and variables that name each other (in TypeScript and
 * JavaScript), and every syntactic shape the engine meets with a client and a transaction
 * live across it. Every rule is on.
 */
describe('the crash hunt', () => {
  it('lints odd syntax and self-referring values with every rule, without a rule throwing', async () => {
    const eslint = new ESLint({
      cwd: projectDir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,js}'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
        },
        dbLeaks.configs.all,
      ],
    });
    const results = await eslint.lintFiles(['src']);
    expect(results.map((result) => path.basename(result.filePath)).sort()).toEqual([
      'callbacks.js',
      'classes.ts',
      'constant-cycle-a.ts',
      'constant-cycle-b.ts',
      'control-flow.ts',
      'db.ts',
      'emitter.js',
      'generators.ts',
      'namespaces.ts',
      'self-reference.ts',
      'using.ts',
      'view.tsx',
    ]);
    const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal || !message.ruleId));
    expect(fatal).toEqual([]);
  }, 60_000);
});
