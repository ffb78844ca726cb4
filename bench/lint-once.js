// One benchmark measurement in a fresh process, so peak memory belongs to one configuration.
// Usage: node bench/lint-once.js <baseline|plugin|rule-only> <project dir> [file…]
// Prints JSON: wall time, per-rule times from ESLint's stats, parse time, and peak RSS.
import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';

import dbLeaks from '../dist/index.js';

const [mode, relativeDir, ...files] = process.argv.slice(2);
const projectDir = path.resolve(relativeDir);

const typed = {
  files: ['**/*.ts'],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: projectDir },
  },
  plugins: { '@typescript-eslint': tseslint.plugin },
};
const configs = {
  baseline: [{ ...typed, rules: { '@typescript-eslint/no-floating-promises': 'error' } }],
  plugin: [{ ...typed, rules: { '@typescript-eslint/no-floating-promises': 'error' } }, dbLeaks.configs.recommended],
  'rule-only': [typed, dbLeaks.configs.recommended],
};

const eslint = new ESLint({ cwd: projectDir, overrideConfigFile: true, overrideConfig: configs[mode], stats: true });
const started = performance.now();
const cpuBefore = process.cpuUsage();
const results = await eslint.lintFiles(files.length > 0 ? files : ['src']);
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - started;
// CPU time (user + system) is far steadier than wall time on a shared machine.
const cpuMs = (cpu.user + cpu.system) / 1000;

const ruleMs = {};
const fileRuleMs = {};
let parseMs = 0;
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse.total;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) {
      ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
      fileRuleMs[result.filePath] = (fileRuleMs[result.filePath] ?? 0) + (rule.startsWith('db-leaks/') ? time.total : 0);
    }
  }
}
const findings = results.reduce((sum, result) => sum + result.errorCount, 0);
console.log(JSON.stringify({ mode, wallMs, cpuMs, parseMs, ruleMs, fileRuleMs, findings, maxRssKb: process.resourceUsage().maxRSS }));
