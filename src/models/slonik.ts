import type { LibraryModel } from './model.js';

/**
 * slonik: connections only in scoped forms. Inside `pool.transaction(async (trx) => …)` the pool
 * itself is the outer handle; the pool and the transaction share `CommonQueryMethods`, so the
 * outer handle is found by identity. `@silverhand/slonik` is Logto's fork, with the same types.
 */
export const slonik: LibraryModel = {
  name: 'slonik',
  packages: ['slonik', '@slonik/types', '@silverhand/slonik'],
  resources: [],
  transactions: {
    handles: ['DatabaseTransactionConnection', 'CommonQueryMethods'],
    inTransactionOnly: ['DatabaseTransactionConnection'],
    pools: ['DatabasePool'],
    managed: [{ owner: 'CommonQueryMethods', method: 'transaction' }],
  },
  pools: [{ factories: [{ owner: null, method: 'createPool' }], size: { options: [['maximumPoolSize']], default: 10 }, closedBy: ['end'] }],
};
