import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A RuleTester with typed linting over the fixture project, whose files import the real library typings. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
