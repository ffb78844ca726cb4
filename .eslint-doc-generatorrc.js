import { createRequire } from 'node:module';

const { homepage } = createRequire(import.meta.url)('./package.json');

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [['all', '🌐'], ['strict', '🔒']],
  // Turns every rule off for files without type information; not a config a rule is "in".
  ignoreConfig: ['disableTypeChecked'],
  ruleDocSectionInclude: ['Rule details', 'Examples', 'When not to use it', 'Known limitations'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'requiresTypeChecking', 'hasSuggestions', 'options'],
  urlConfigs: homepage.replace(/#.*$/, '#use-it-in-your-project'),
};

export default config;
