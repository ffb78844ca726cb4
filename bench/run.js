// `npm run bench`: speed and memory of the plugin against a typed-linting baseline.
//   (a) baseline: @typescript-eslint/no-floating-promises only
//   (b) plugin:   the same plus db-leaks `recommended`
// on a generated service corpus, each measured in fresh processes (alternating, median of
// RUNS), and the growth of the rule's time with function length. Then the same pairs on every
// real codebase of bench/realbench that is built under $REALBENCH (or the names listed in
// BENCH_REALBENCH), with the plugin installed beside the pinned toolchain as a user has it. Totals compare CPU time
// (user + system) of the lint process: wall time on a shared 2-core machine varies by ±15 %
// between identical runs. Targets are printed beside
// the measurements; the process exits non-zero when one is missed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateCorpus, longFunction } from './generate.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.join(benchDir, 'corpus');
const scalingDir = path.join(benchDir, 'corpus-scaling');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function measure(mode, dir, files = []) {
  const child = spawnSync(process.execPath, [path.join(benchDir, 'lint-once.js'), mode, dir, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(`lint-once ${mode} failed:\n${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const corpus = generateCorpus(corpusDir);
console.log(`Corpus: ${corpus.files} files, ${corpus.lines} lines (half with database code, ${Math.ceil(corpus.files / 80)} very long functions)`);
console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}; median of ${RUNS} runs each\n`);

const runs = { baseline: [], plugin: [] };
for (let run = 0; run < RUNS; run++) {
  runs.baseline.push(measure('baseline', corpusDir));
  runs.plugin.push(measure('plugin', corpusDir));
}
const wall = (mode) => median(runs[mode].map((r) => r.wallMs));
const cpu = (mode) => median(runs[mode].map((r) => r.cpuMs));
const rss = (mode) => median(runs[mode].map((r) => r.maxRssKb));
const rule = (mode, id) => median(runs[mode].map((r) => r.ruleMs[id] ?? 0));
const pluginRuleMs = median(
  runs.plugin.map((r) => Object.entries(r.ruleMs).reduce((sum, [id, ms]) => sum + (id.startsWith('db-leaks/') ? ms : 0), 0)),
);

// Linear growth: the same long function at 10× the statements.
fs.rmSync(scalingDir, { recursive: true, force: true });
fs.mkdirSync(path.join(scalingDir, 'src'), { recursive: true });
fs.copyFileSync(path.join(corpusDir, 'tsconfig.json'), path.join(scalingDir, 'tsconfig.json'));
fs.copyFileSync(path.join(corpusDir, 'package.json'), path.join(scalingDir, 'package.json'));
const header = "import pg from 'pg';\nconst pool = new pg.Pool();\n";
// Linted first (files go in name order): the first file that uses pg pays for the checker's
// first look at its typings, which is no part of either function's size.
fs.writeFileSync(path.join(scalingDir, 'src', '0-warm-up.ts'), `${header}${longFunction('warmUp', 300)}\n`);
fs.writeFileSync(path.join(scalingDir, 'src', 'short.ts'), `${header}${longFunction('short', 300)}\n`);
fs.writeFileSync(path.join(scalingDir, 'src', 'long.ts'), `${header}${longFunction('long', 3000)}\n`);
// One function called many times in one body, no database code: no rule may rescan per call.
const manyCalls = (count) => `declare function expect(value: number): void;\nexport function checks() {\n${Array.from({ length: count }, (_, i) => `  expect(${i});`).join('\n')}\n}\n`;
fs.writeFileSync(path.join(scalingDir, 'src', 'calls-short.ts'), manyCalls(2000));
fs.writeFileSync(path.join(scalingDir, 'src', 'calls-long.ts'), manyCalls(20000));
const scaling = [];
for (let run = 0; run < RUNS; run++) {
  const result = measure('rule-only', scalingDir);
  const time = (name) => Object.entries(result.fileRuleMs).find(([file]) => file.endsWith(`/${name}`))[1];
  scaling.push({ short: time('short.ts'), long: time('long.ts'), callsShort: time('calls-short.ts'), callsLong: time('calls-long.ts') });
}
const shortMs = median(scaling.map((s) => s.short));
const longMs = median(scaling.map((s) => s.long));
const callsShortMs = median(scaling.map((s) => s.callsShort));
const callsLongMs = median(scaling.map((s) => s.callsLong));

// Each plugin run is compared with the baseline run just before it: the machine's load drifts
// over minutes, and adjacent runs share it.
const pairedRatio = (field) => median(runs.plugin.map((r, index) => r[field] / runs.baseline[index][field]));

// Real codebases: run-baseline.sh alone, then with every rule, RUNS times alternating.
const realbenchDir = process.env.REALBENCH ?? path.join(process.env.TMPDIR ?? os.tmpdir(), 'db-leaks-realbench');
const realbenchScripts = path.join(benchDir, 'realbench');
const builtCodebases = (process.env.BENCH_REALBENCH?.split(',').filter(Boolean) ??
  fs.readdirSync(path.join(realbenchScripts, 'repos')).map((file) => file.replace(/\.conf$/, ''))).filter((name) => fs.existsSync(path.join(realbenchDir, name, 'tsconfig.json')));
const realPairs = {};
if (builtCodebases.length > 0) {
  const install = spawnSync(path.join(realbenchScripts, 'install-plugin.sh'), [path.join(benchDir, '..')], { encoding: 'utf8', env: { ...process.env, REALBENCH: realbenchDir } });
  if (install.status !== 0) {
    throw new Error(`install-plugin.sh failed:\n${install.stderr}`);
  }
  const pluginDir = install.stdout.trim().split('\n').at(-1);
  const lintRealCodebase = (name, withPlugin) => {
    const env = { ...process.env, REALBENCH: realbenchDir, REPEAT: '1', ...(withPlugin && { PLUGIN_DIR: pluginDir, EXTRA_CONFIG: path.join(realbenchScripts, 'plugin-config.mjs') }) };
    const child = spawnSync(path.join(realbenchScripts, 'run-baseline.sh'), [name], { encoding: 'utf8', env, cwd: realbenchScripts, maxBuffer: 64 * 1024 * 1024 });
    const found = /cpu ([\d.]+)s rss (\d+)MB/.exec(child.stdout);
    if (!found) {
      throw new Error(`run-baseline.sh ${name} printed no CPU time (GNU time missing?):\n${child.stdout}${child.stderr}`);
    }
    return { cpuMs: Number(found[1]) * 1000, maxRssKb: Number(found[2]) * 1024 };
  };
  for (const name of builtCodebases) {
    realPairs[name] = { baseline: [], plugin: [] };
    for (let run = 0; run < RUNS; run++) {
      realPairs[name].baseline.push(lintRealCodebase(name, false));
      realPairs[name].plugin.push(lintRealCodebase(name, true));
    }
  }
}
const realRatio = (name, field) => median(realPairs[name].plugin.map((r, index) => r[field] / realPairs[name].baseline[index][field]));

const checks = [
  ['(b)/(a) total CPU time (median of paired runs)', pairedRatio('cpuMs'), 1.05],
  ['db-leaks rule time / no-floating-promises time', pluginRuleMs / rule('plugin', '@typescript-eslint/no-floating-promises'), 1.0],
  ['10× statements: time ratio', longMs / shortMs, 12],
  ['10× calls to one function: time ratio', callsLongMs / Math.max(callsShortMs, 1), 12],
  ['(b)/(a) peak memory (median of paired runs)', pairedRatio('maxRssKb'), 1.05],
  ...builtCodebases.flatMap((name) => [
    [`${name}: (b)/(a) total CPU time (median of paired runs)`, realRatio(name, 'cpuMs'), 1.05],
    [`${name}: (b)/(a) peak memory (median of paired runs)`, realRatio(name, 'maxRssKb'), 1.05],
  ]),
];

console.log(`(a) baseline: CPU ${fmt(cpu('baseline'))} (wall ${fmt(wall('baseline'))}), no-floating-promises ${fmt(rule('baseline', '@typescript-eslint/no-floating-promises'))}, peak RSS ${(rss('baseline') / 1024).toFixed(0)} MiB`);
console.log(`(b) + db-leaks: CPU ${fmt(cpu('plugin'))} (wall ${fmt(wall('plugin'))}), no-floating-promises ${fmt(rule('plugin', '@typescript-eslint/no-floating-promises'))}, db-leaks rules ${fmt(pluginRuleMs)}, peak RSS ${(rss('plugin') / 1024).toFixed(0)} MiB, ${runs.plugin[0].findings - runs.baseline[0].findings} db-leaks findings`);
const ruleTimes = Object.keys(runs.plugin[0].ruleMs).filter((id) => id.startsWith('db-leaks/')).map((id) => [id, rule('plugin', id)]).sort((a, b) => b[1] - a[1]);
console.log(`Per rule (corpus): ${ruleTimes.map(([id, ms]) => `${id.slice('db-leaks/'.length)} ${ms.toFixed(0)} ms`).join(', ')}`);
for (const name of builtCodebases) {
  const { baseline, plugin } = realPairs[name];
  const cpuOf = (list) => fmt(median(list.map((r) => r.cpuMs)));
  const rssOf = (list) => `${(median(list.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MiB`;
  console.log(`${name}: (a) CPU ${cpuOf(baseline)}, peak RSS ${rssOf(baseline)}; (b) CPU ${cpuOf(plugin)}, peak RSS ${rssOf(plugin)}`);
}
// Interference from other work on a shared machine only ever adds time, so the fastest run of
// each mode is the steadiest view of what the rules cost; the targets stay on the paired medians.
const fastestRatio = (pairs) => Math.min(...pairs.plugin.map((r) => r.cpuMs)) / Math.min(...pairs.baseline.map((r) => r.cpuMs));
console.log(
  `Fastest run of each, (b)/(a) CPU: corpus ${fastestRatio(runs).toFixed(3)}${builtCodebases.map((name) => `, ${name} ${fastestRatio(realPairs[name]).toFixed(3)}`).join('')}`,
);
console.log(`Scaling: 300 statements ${shortMs.toFixed(1)} ms, 3000 statements ${longMs.toFixed(1)} ms; 2,000 calls of one function ${callsShortMs.toFixed(1)} ms, 20,000 calls ${callsLongMs.toFixed(1)} ms\n`);
let failed = false;
for (const [name, value, target] of checks) {
  const ok = value <= target;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${value.toFixed(3)} (target ≤ ${target})`);
}
process.exitCode = failed ? 1 : 0;
