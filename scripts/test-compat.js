#!/usr/bin/env node
// Runs the rule test suite against other majors of the peer dependencies than the ones this
// repository develops on (ESLint 10, TypeScript 6.0), each in a temporary install:
//
//   node scripts/test-compat.js                     every pairing below
//   node scripts/test-compat.js eslint@9 typescript@5.9
//
// The copy shares the repository's node_modules through hard links, so only the swapped
// packages are downloaded; the repository itself is left untouched.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The peer range ends this CI proves beyond the development versions. */
const PAIRINGS = [
  ['eslint@^9', 'typescript@~5.9.0'],
  ['eslint@^10', 'typescript@~5.4.0'],
];

const pairings = process.argv.length > 2 ? [process.argv.slice(2)] : PAIRINGS;
const failures = [];

for (const packages of pairings) {
  const label = packages.join(' + ');
  const dir = mkdtempSync(path.join(tmpdir(), 'db-leaks-compat-'));
  try {
    console.log(`\n▶ ${label}: installing in ${dir}`);
    for (const file of execFileSync('git', ['ls-files', '-z'], { cwd: repoDir, encoding: 'utf8' }).split('\0')) {
      if (file) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        cpSync(path.join(repoDir, file), path.join(dir, file));
      }
    }
    execFileSync('cp', ['-al', path.join(repoDir, 'node_modules'), path.join(dir, 'node_modules')]);
    run(dir, 'npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', ...packages]);
    run(dir, 'node', ['-e', "for (const p of ['eslint', 'typescript']) console.log(p, require(p + '/package.json').version)"]);
    run(dir, 'npx', ['vitest', 'run', 'tests/rules', 'tests/integration/eslint-api.test.ts']);
  } catch (error) {
    failures.push(label);
    console.error(`✖ ${label}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (failures.length > 0) {
  console.error(`\nFailed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`\nRule tests passed on: ${pairings.map((packages) => packages.join(' + ')).join('; ')}`);

function run(cwd, command, args) {
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '' } });
}
