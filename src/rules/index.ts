import noLeakedClient from './no-leaked-client.js';

/** Every rule of the plugin, by name: the single source of truth for configs and docs. */
export const rules = {
  'no-leaked-client': noLeakedClient,
};
