import noLeakedClient from './no-leaked-client.js';
import noUnfinishedTransaction from './no-unfinished-transaction.js';

/** Every rule of the plugin, by name: the single source of truth for configs and docs. */
export const rules = {
  'no-leaked-client': noLeakedClient,
  'no-unfinished-transaction': noUnfinishedTransaction,
};
