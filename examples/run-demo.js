// `npm run demo`: lints the example service with the built plugin, as a user would see it.
// The leaky half must produce findings and the fixed half none; the script exits non-zero otherwise.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

import dbLeaks from '../dist/index.js';

const serviceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'service');

const eslint = new ESLint({
  cwd: serviceDir,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: serviceDir },
      },
    },
    dbLeaks.configs.recommended,
    // The team's budget: pool-size-budget is off in `recommended` until the server's size is set.
    { rules: { 'db-leaks/pool-size-budget': ['error', { maxConnections: 100, reservedConnections: 3, processes: 1 }] } },
  ],
});
const formatter = await eslint.loadFormatter('stylish');

const started = performance.now();
const leaky = await eslint.lintFiles(['src/leaky']);
const fixed = await eslint.lintFiles(['src/fixed']);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const count = (results) => results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);

console.log('\n=== examples/service/src/leaky: code with a leak of every kind the rules know ===');
console.log(await formatter.format(leaky));
console.log('=== examples/service/src/fixed: the same service, fixed ===');
const fixedOutput = await formatter.format(fixed);
console.log(fixedOutput || '\n  no findings\n');
console.log(`${count(leaky)} findings in the leaky code, ${count(fixed)} in the fixed code (${seconds} s, typed linting).`);

if (count(leaky) === 0 || count(fixed) > 0) {
  console.error('Demo self-check failed: expected findings only in the leaky code.');
  process.exitCode = 1;
}
