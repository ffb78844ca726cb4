import type { ESLint, Linter } from 'eslint';

import { createRequire } from 'node:module';

import { allRules, recommendedRules, ruleConfig, strictRules } from './configs/index.js';
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
const dbLeaks: ESLint.Plugin & { configs: { recommended: Linter.Config; strict: Linter.Config; all: Linter.Config } } = {
  ...plugin,
  configs: {
    recommended: ruleConfig(plugin, 'recommended', recommendedRules),
    strict: ruleConfig(plugin, 'strict', strictRules),
    all: ruleConfig(plugin, 'all', allRules),
  },
};

export default dbLeaks;
// `require('eslint-plugin-db-leaks')` (Node 20.19+ loads ESM synchronously) gets the plugin
// object itself, as CommonJS tools such as eslint-doc-generator expect.
export { dbLeaks as 'module.exports' };
