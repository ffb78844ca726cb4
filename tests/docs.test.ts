import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { docExamples } from './support/docs.js';
import { fixturesDir } from './support/rule-tester.js';

/** The docs cannot drift from the rules: each example says what the rule does with it. */
describe('rule docs examples', () => {
  const examples = docExamples();

  it('has both kinds of example for every rule page', () => {
    for (const rule of Object.keys(plugin.rules ?? {})) {
      expect(examples.filter((e) => e.rule === rule && e.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.rule === rule && e.kind === 'correct').length).toBeGreaterThan(0);
    }
  });

  it.each(examples.map((e) => [`${e.rule}.md:${e.line} (${e.kind})`, e] as const))('%s', async (_name, example) => {
    const eslint = new ESLint({
      cwd: fixturesDir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tsParser,
            parserOptions: {
              project: './tsconfig.json',
              tsconfigRootDir: fixturesDir,
              // Under CI=true typescript-eslint assumes files never change during the run and
              // reads them from disk; these examples are virtual contents of one file.
              disallowAutomaticSingleRunInference: true,
            },
          },
          plugins: { 'db-leaks': plugin },
          rules: { [`db-leaks/${example.rule}`]: 'error' },
        },
      ],
    });
    const [result] = await eslint.lintText(example.code, { filePath: `${fixturesDir}/file.ts` });
    const messages = result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`);
    if (example.kind === 'correct') {
      expect(messages).toEqual([]);
    } else {
      expect(messages.length).toBeGreaterThan(0);
      expect(result!.messages.every((m) => m.ruleId === `db-leaks/${example.rule}`)).toBe(true);
    }
  });
});
