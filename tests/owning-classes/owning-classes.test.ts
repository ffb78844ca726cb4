/**
 * Resource-owning classes inferred from their bodies, with no setting: a multi-file service
 * (src/) with six owning-class shapes and their callers. Every line a rule must report ends with
 * `// ✖ <rule>`; the test asserts that exactly those lines are reported, by exactly those rules.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';

const projectDir = path.dirname(fileURLToPath(import.meta.url));

const RULES = [
  'no-leaked-client',
  'no-leaked-cursor',
  'no-network-in-transaction',
  'no-pool-query-in-transaction',
  'no-unfinished-transaction',
  'no-double-release',
  'destroy-broken-client',
];

const MARKER = /\/\/ ✖ ([a-z-]+(?:, [a-z-]+)*)$/;

/** `file:line rule` for every marker in the sources. */
function expectedFindings(file: string): string[] {
  const lines = fs.readFileSync(path.join(projectDir, 'src', file), 'utf8').split('\n');
  return lines.flatMap((text, index) => {
    const rules = MARKER.exec(text)?.[1]?.split(/,\s*/) ?? [];
    return rules.map((rule) => `${file}:${index + 1} ${rule.trim()}`);
  });
}

let reported: Map<string, string[]>;

beforeAll(async () => {
  const eslint = new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: projectDir } },
        plugins: { 'db-leaks': plugin as unknown as ESLint.Plugin },
        rules: Object.fromEntries(RULES.map((rule) => [`db-leaks/${rule}`, 'error'])),
      },
    ],
  });
  const results = await eslint.lintFiles(['src/*.ts']);
  reported = new Map(
    results.map((result) => [
      path.basename(result.filePath),
      result.messages.map((message) => `${path.basename(result.filePath)}:${message.line} ${message.ruleId?.replace('db-leaks/', '') ?? `fatal: ${message.message}`}`),
    ]),
  );
});

describe('owning classes inferred without settings', () => {
  const files = fs.readdirSync(path.join(projectDir, 'src')).filter((file) => file.endsWith('.ts'));

  it('has leaky callers for every shape, and fixed twins', () => {
    expect(expectedFindings('workers-leaky.ts').length).toBeGreaterThanOrEqual(7);
    expect(expectedFindings('workers-fixed.ts')).toEqual([]);
  });

  for (const file of files) {
    it(`reports exactly the marked lines in ${file}`, () => {
      expect([...(reported.get(file) ?? [])].sort()).toEqual(expectedFindings(file).sort());
    });
  }
});
