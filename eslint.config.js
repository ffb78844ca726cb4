// Lints the plugin's own source: typed typescript-eslint rules plus eslint-plugin-eslint-plugin.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tests/fixtures/', 'examples/', 'bench/corpus/', '.scratch/'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `import ts = require('typescript')` compiles to createRequire: the TypeScript that
      // typescript-eslint already required. An ESM `import` would make Node lex the 9 MB
      // typescript.js for its named exports again (about 70 MB of peak memory per lint run).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^typescript$'] }],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
);
