#!/usr/bin/env node
// The engine's oracle on demand (tests/analysis/oracle.test.ts), beyond what `npm test` runs.
//
//   node scripts/oracle.js [programs]   check that many generated programs (default 100,000),
//                                       in batches of fresh seeds, each printed
//   node scripts/oracle.js --mutants    apply each known mutant of the flow walker in turn and
//                                       check that the fixed seeds `npm test` runs catch it (the
//                                       source is restored)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flowFile = path.join(root, 'src', 'analysis', 'flow.ts');
const BATCH = 5000;

/** Runs the oracle tests whose name matches `filter`; true when the engine agrees on all. */
function oracle(filter, env = {}) {
  const run = spawnSync('npx', ['vitest', 'run', 'tests/analysis/oracle.test.ts', '-t', filter], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { agrees: run.status === 0, summary: output.split('\n').find((line) => /programs disagree/.test(line)) ?? '' };
}

/** Mutants a good oracle must kill: each is one wrong idea about JavaScript's control flow. */
const MUTANTS = [
  {
    name: 'labelled `continue` goes to the innermost loop',
    from: `      if (ts.isLabeledStatement(node) && node.label.text === statement.label.text) {`,
    to: `      if (!isBreak && isLoop(node)) {\n        return node;\n      }\n      if (ts.isLabeledStatement(node) && node.label.text === statement.label.text) {`,
  },
  {
    name: '`continue` skips `finally`',
    from: `      if (context.kind === 'intercept') {\n        if (context.catchesOnlyThrow && kind !== 'throw') {`,
    to: `      if (context.kind === 'intercept') {\n        if ((context.catchesOnlyThrow && kind !== 'throw') || kind === 'continue') {`,
  },
  {
    name: "a `finally`'s `return` no longer overrides the throw it interrupts",
    from: `      this.statement(node.finallyBlock);\n      if (this.state !== undefined) {\n        // The jump resumes`,
    to: `      this.statement(node.finallyBlock);\n      this.state ??= pending.kind === 'throw' ? pending.state : undefined;\n      if (this.state !== undefined) {\n        // The jump resumes`,
  },
];

if (process.argv.includes('--mutants')) {
  const original = fs.readFileSync(flowFile, 'utf8');
  let survived = 0;
  try {
    for (const mutant of MUTANTS) {
      if (!original.includes(mutant.from)) {
        throw new Error(`mutant "${mutant.name}" no longer applies to src/analysis/flow.ts`);
      }
      fs.writeFileSync(flowFile, original.replace(mutant.from, mutant.to));
      // What `npm test` runs: the fixed seeds.
      const { agrees, summary } = oracle('fixed seed');
      survived += agrees ? 1 : 0;
      console.log(`${agrees ? 'SURVIVED' : 'killed  '} ${mutant.name}${summary ? ` — ${summary.trim()}` : ''}`);
    }
  } finally {
    fs.writeFileSync(flowFile, original);
  }
  process.exitCode = survived > 0 ? 1 : 0;
} else {
  const total = Number(process.argv[2] ?? 100_000);
  let failed = false;
  for (let done = 0; done < total; done += BATCH) {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const count = Math.min(BATCH, total - done);
    const { agrees, summary } = oracle('fresh seed', { ORACLE_RUNS: String(count), ORACLE_SEED: String(seed) });
    console.log(`${agrees ? 'ok  ' : 'FAIL'} ${count} programs, seed ${seed}${summary ? ` — ${summary.trim()}` : ''}`);
    failed ||= !agrees;
  }
  process.exitCode = failed ? 1 : 0;
}
