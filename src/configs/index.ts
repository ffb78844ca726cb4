import type { ESLint, Linter } from 'eslint';

import { rules } from '../rules/index.js';

type RuleName = keyof typeof rules;
type Severity = 'error' | 'warn';
type RuleEntry = Severity | 'off' | [Severity, Record<string, unknown>];

/**
 * Builds a flat config that enables `entries` under the plugin's namespace. Typed with ESLint's
 * own `Linter.Config`, so it fits `defineConfig()` and `eslint.config.js` arrays as they are.
 */
export function ruleConfig(plugin: ESLint.Plugin, name: string, entries: Partial<Record<RuleName, RuleEntry>>): Linter.Config {
  return {
    name: `db-leaks/${name}`,
    plugins: { 'db-leaks': plugin },
    rules: Object.fromEntries(Object.entries(entries).map(([rule, severity]) => [`db-leaks/${rule}`, severity])),
  };
}

/** Rules whose `docs.recommended` is set: as errors, or as warnings where it says `warn`. */
export const recommendedRules: Partial<Record<RuleName, Severity>> = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended)
    .map(([name, rule]) => [name, rule.meta.docs?.recommended === 'warn' ? 'warn' : 'error']),
);

/** Every rule, as errors. */
export const allRules: Partial<Record<RuleName, Severity>> = Object.fromEntries(
  Object.keys(rules).map((name) => [name, 'error']),
);

/**
 * `recommended`, plus the checks that ask more of the code: every call counted as a way to fail,
 * no network I/O while a pooled client is held, transaction or not; every client released in a
 * `catch` destroyed; and the pools' sizes within the server's default budget (set
 * `maxConnections` and `processes` for yours).
 */
export const strictRules: Partial<Record<RuleName, RuleEntry>> = {
  ...recommendedRules,
  'destroy-broken-client': 'error',
  // Every call a way to fail: no extra finding on the eight real codebases of docs/real-code.md.
  'no-leaked-client': ['error', { exceptions: 'all' }],
  'no-leaked-cursor': ['error', { exceptions: 'all' }],
  'no-network-in-transaction': ['error', { checkHeldClients: true }],
  'no-unfinished-transaction': ['error', { exceptions: 'all' }],
  'pool-size-budget': 'error',
};

/**
 * Every rule off: for files linted without type information (tool configs, scripts outside
 * `tsconfig.json`), beside typescript-eslint's `disableTypeChecked`.
 */
export const disabledRules: Partial<Record<RuleName, 'off'>> = Object.fromEntries(
  Object.keys(rules).map((name) => [name, 'off']),
);
