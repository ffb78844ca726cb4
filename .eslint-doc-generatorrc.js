/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [['all', '🌐'], ['strict', '🔒']],
  ruleDocSectionInclude: ['Rule details', 'Examples', 'When not to use it', 'Known limitations'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'requiresTypeChecking', 'hasSuggestions', 'options'],
  urlConfigs: 'https://github.com/db-leaks/eslint-plugin-db-leaks#use-it-in-your-project',
};

export default config;
