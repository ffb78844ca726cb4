import destroyBrokenClient from './destroy-broken-client.js';
import noDoubleRelease from './no-double-release.js';
import noLeakedClient from './no-leaked-client.js';
import noLeakedCursor from './no-leaked-cursor.js';
import noNetworkInTransaction from './no-network-in-transaction.js';
import noPoolQueryInTransaction from './no-pool-query-in-transaction.js';
import noUnfinishedTransaction from './no-unfinished-transaction.js';
import poolSizeBudget from './pool-size-budget.js';
import requirePoolErrorHandler from './require-pool-error-handler.js';

/** Every rule of the plugin, by name: the single source of truth for configs and docs. */
export const rules = {
  'destroy-broken-client': destroyBrokenClient,
  'no-double-release': noDoubleRelease,
  'no-leaked-client': noLeakedClient,
  'no-leaked-cursor': noLeakedCursor,
  'no-network-in-transaction': noNetworkInTransaction,
  'no-pool-query-in-transaction': noPoolQueryInTransaction,
  'no-unfinished-transaction': noUnfinishedTransaction,
  'pool-size-budget': poolSizeBudget,
  'require-pool-error-handler': requirePoolErrorHandler,
};
