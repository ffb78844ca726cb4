import type { TSESLint } from '@typescript-eslint/utils';

import { createRequire } from 'node:module';

import { allRules, recommendedRules, ruleConfig } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version, namespace: 'db-leaks' },
  rules,
} satisfies TSESLint.FlatConfig.Plugin;

/**
 * The plugin: `rules`, and flat configs to spread into `eslint.config.js`. The configs enable
 * rules only; typed linting (`parserOptions.projectService`) is the user's to set up, as for
 * any rule that needs type information.
 */
const dbLeaks = {
  ...plugin,
  configs: {
    recommended: ruleConfig(plugin, 'recommended', recommendedRules),
    all: ruleConfig(plugin, 'all', allRules),
  },
};

export default dbLeaks;
// `require('eslint-plugin-db-leaks')` (Node 20.19+ loads ESM synchronously) gets the plugin
// object itself, as CommonJS tools such as eslint-doc-generator expect.
export { dbLeaks as 'module.exports' };
