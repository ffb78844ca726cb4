import { ESLintUtils } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';

export interface DbLeaksRuleDocs {
  /** Whether the rule is in `recommended`, and as a warning rather than an error. */
  recommended?: boolean | 'warn';
  /** Whether the rule needs type information (all of ours do). */
  requiresTypeChecking?: boolean;
}

const { homepage } = createRequire(import.meta.url)('../../package.json') as { homepage: string };

/** Where the project lives: package.json's `homepage` is the one place that says it. */
export const REPOSITORY_URL = homepage.replace(/#.*$/, '');

export const createRule = ESLintUtils.RuleCreator<DbLeaksRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
