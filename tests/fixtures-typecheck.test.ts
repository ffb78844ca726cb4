/// <reference types="vite/client" />
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { rules } from '../src/rules/index.js';
import { docExamples } from './support/docs.js';
import { fixturesDir } from './support/rule-tester.js';

/**
 * A case whose imports do not resolve would lint as "no error" for the wrong reason, so every
 * fixture snippet must type-check against the real library typings. All snippets go into one
 * program (one file each, in memory, beside the fixture tsconfig) so this stays fast.
 */
const docs = docExamples().map((example) => ({ name: `docs/rules/${example.rule}.md:${example.line}`, code: example.code }));
type Cases = { valid: { name: string; code: string; filename?: string }[]; invalid: { name: string; code: string; filename?: string }[] };
// Every rule's cases, checked against the registry so a new rule's cases cannot be left out.
const caseModules = import.meta.glob<Cases>('./rules/*.cases.ts', { eager: true });
const suites: Record<string, Cases> = Object.fromEntries(
  Object.keys(rules).map((rule) => {
    const cases = caseModules[`./rules/${rule}.cases.ts`];
    if (!cases) {
      throw new Error(`tests/rules/${rule}.cases.ts is missing`);
    }
    return [rule, cases];
  }),
);
suites.docs = { valid: docs, invalid: [] };

describe('rule test fixtures type-check', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(fixturesDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const snippets = new Map<string, { suite: string; name: string }>();
  const sources = new Map<string, string>();
  for (const [suite, cases] of Object.entries(suites)) {
    [...cases.valid, ...cases.invalid].forEach((testCase, index) => {
      const extension = testCase.filename?.endsWith('.js') ? 'js' : 'ts';
      const fileName = path.join(fixturesDir, `__case_${suite}_${index}.${extension}`);
      snippets.set(fileName, { suite, name: testCase.name });
      sources.set(fileName, testCase.code);
    });
  }
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (fileName) => sources.get(path.resolve(fileName)) ?? readFile(fileName);
  host.fileExists = (fileName) => sources.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...sources.keys()], { ...config.options, noUnusedLocals: false }, host);

  it.each([...snippets])('%s', (fileName) => {
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName));
    const messages = diagnostics.map(
      (d) => `${snippets.get(fileName)!.name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    expect(messages).toEqual([]);
  });

  it('covers the fixture directory', () => {
    expect(fs.existsSync(path.join(fixturesDir, 'file.ts'))).toBe(true);
  });
});
