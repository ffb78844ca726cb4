import { ESLintUtils } from '@typescript-eslint/utils';

export interface DbLeaksRuleDocs {
  /** Whether the rule is in `recommended`, and as a warning rather than an error. */
  recommended?: boolean | 'warn';
  /** Whether the rule needs type information (all of ours do). */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/db-leaks/eslint-plugin-db-leaks';

export const createRule = ESLintUtils.RuleCreator<DbLeaksRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
