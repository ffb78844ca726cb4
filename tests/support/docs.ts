import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import plugin from '../../src/index.js';
import { fixturesDir } from './rule-tester.js';

export const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');

export interface DocExample {
  rule: string;
  kind: 'correct' | 'incorrect';
  code: string;
  /** 1-based line of the opening fence in the Markdown file. */
  line: number;
  /**
   * For examples the runtime suite executes on PostgreSQL (`run="findUser('missing')"` in the
   * fence's info string): the call that takes the path the example is about.
   */
  run?: string;
  /** SQL run in the example's fresh database before the call (`setup="…"`), to steer it onto that path. */
  setup?: string;
  /** Why the runtime suite does not run the example (`norun="…"`), shown in its label. */
  norun?: string;
}

/**
 * The line above an example, where GitHub and the registry show it: its kind, and the server the
 * runtime suite proved it on or why it could not.
 */
export function labelOf(example: DocExample): string {
  const kind = example.kind === 'correct' ? '**✅ Correct**' : '**❌ Incorrect**';
  if (example.run !== undefined) {
    return `${kind} · verified on ${serverOf(example) === 'MariaDB' ? 'MariaDB 10.11' : 'PostgreSQL 15'}`;
  }
  return example.norun === undefined ? kind : `${kind} · not run: ${example.norun}`;
}

/** The server a runnable example runs on: MariaDB for the mysql2 and mariadb examples, PostgreSQL for the rest. */
export function serverOf(example: DocExample): 'PostgreSQL' | 'MariaDB' {
  return /from '(mysql2(\/promise)?|mariadb)'/.test(example.code) ? 'MariaDB' : 'PostgreSQL';
}

/**
 * The examples of every rule page: fenced blocks whose info string is `ts correct` or
 * `ts incorrect`, followed by `run="…"` (and `setup="…"`) for the runtime suite, or by
 * `norun="…"` saying why it cannot run there.
 * Other blocks (configuration snippets, output) are not examples.
 */
export function docExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of fs.readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const rule = file.replace(/\.md$/, '');
    const lines = fs.readFileSync(path.join(docsDir, file), 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      const match = /^```ts (correct|incorrect)((?:\s+\w+="[^"]*")*)\s*$/.exec(lines[index]!);
      if (!match) {
        continue;
      }
      const attributes = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]]));
      const end = lines.indexOf('```', index + 1);
      examples.push({
        rule,
        kind: match[1] as DocExample['kind'],
        code: lines.slice(index + 1, end).join('\n'),
        line: index + 1,
        run: attributes.run,
        setup: attributes.setup,
        norun: attributes.norun,
      });
      index = end;
    }
  }
  return examples;
}

/** Lints an example with its page's rule and the rest of `recommended`, as the file `file.ts` beside the fixtures' tsconfig. */
export async function lintExample(example: DocExample): Promise<Linter.LintMessage[]> {
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
        // A user sees every recommended rule at once: a correct example must be clean under all.
        rules: { ...plugin.configs.recommended.rules, [`db-leaks/${example.rule}`]: 'error' },
      },
    ],
  });
  const [result] = await eslint.lintText(example.code, { filePath: `${fixturesDir}/file.ts` });
  return result!.messages;
}
