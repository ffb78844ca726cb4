import type { ESLint, Linter } from 'eslint';

import { createRequire } from 'node:module';

import { allRules, disabledRules, recommendedRules, ruleConfig, strictRules } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin: ESLint.Plugin = {
  meta: { name, version, namespace: 'db-leaks' },
  // typescript-eslint's rule type is stricter than ESLint's own; the objects are the same.
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
};

/**
 * The plugin: `rules`, and flat configs to spread into `eslint.config.js`. The configs enable
 * rules only; typed linting (`parserOptions.projectService`) is the user's to set up, as for
 * any rule that needs type information.
 */
const dbLeaks: ESLint.Plugin & {
  configs: { recommended: Linter.Config; strict: Linter.Config; all: Linter.Config; disableTypeChecked: Linter.Config };
} = {
  ...plugin,
  configs: {
    recommended: ruleConfig(plugin, 'recommended', recommendedRules),
    strict: ruleConfig(plugin, 'strict', strictRules),
    all: ruleConfig(plugin, 'all', allRules),
    disableTypeChecked: ruleConfig(plugin, 'disable-type-checked', disabledRules),
  },
};

export default dbLeaks;
// `require('eslint-plugin-db-leaks')` (Node 20.19+ loads ESM synchronously) gets the plugin
// object itself, as CommonJS tools such as eslint-doc-generator expect.
export { dbLeaks as 'module.exports' };

// Options of each rule, for configs written in TypeScript (`satisfies NoLeakedClientOptions[0]`).
export type { Options as DestroyBrokenClientOptions } from './rules/destroy-broken-client.js';
export type { Options as NoLeakedClientOptions } from './rules/no-leaked-client.js';
export type { Options as NoLeakedCursorOptions } from './rules/no-leaked-cursor.js';
export type { Options as NoNetworkInTransactionOptions } from './rules/no-network-in-transaction.js';
export type { Options as NoPoolQueryInTransactionOptions } from './rules/no-pool-query-in-transaction.js';
export type { Options as NoUnfinishedTransactionOptions } from './rules/no-unfinished-transaction.js';
export type { Options as PoolSizeBudgetOptions } from './rules/pool-size-budget.js';
export type { DbLeaksSettings } from './util/settings.js';
