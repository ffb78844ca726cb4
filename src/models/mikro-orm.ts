import type { LibraryModel } from './model.js';

/**
 * MikroORM: manual `em.begin()` holds the driver transaction until `commit()` or `rollback()`.
 * Its managed `em.transactional(cb)` is not modelled for outer-handle use: the injected global
 * `em` resolves to the transaction's fork through AsyncLocalStorage, which is safe.
 */
export const mikroOrm: LibraryModel = {
  name: 'mikro-orm',
  packages: ['@mikro-orm/core'],
  resources: [],
  transactions: {
    handles: ['EntityManager'],
    begin: ['begin'],
    end: ['commit', 'rollback'],
  },
};
