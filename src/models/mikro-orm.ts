import type { LibraryModel } from './model.js';

/**
 * MikroORM: manual `em.begin()` holds the driver transaction until `commit()` or `rollback()`.
 * Inside the managed `em.transactional(cb)`, the injected global `em` resolves to the
 * transaction's fork through AsyncLocalStorage, which is safe; a fork made earlier with
 * `em.fork()` does not use that context, so its queries run outside the transaction.
 */
export const mikroOrm: LibraryModel = {
  name: 'mikro-orm',
  packages: ['@mikro-orm/core'],
  resources: [],
  transactions: {
    handles: ['EntityManager'],
    begin: ['begin'],
    end: ['commit', 'rollback'],
    rollback: 'rollback',
    managed: [{ owner: 'EntityManager', method: 'transactional' }],
    contextBypassedBy: ['fork'],
  },
};
