import type { LibraryModel } from './model.js';

/**
 * Objection.js: an ORM on knex whose transactions are knex's (`Transaction` is `Knex.Transaction`),
 * so what a knex transaction handle does is the knex model's; this model adds how Objection
 * opens them and how its queries join them.
 *
 * A model class's query joins a transaction only when it is handed one (`Person.query(trx)`,
 * `Person.relatedQuery('pets', trx)`) or told `.transacting(trx)`; `Person.query()` runs on the
 * class's own knex, the pool, even inside `Person.transaction(async (trx) => …)`. A class bound to
 * the transaction (`Person.bindKnex(trx)`, the bound classes `transaction(Person, async (Person) =>
 * …)` passes) is no class declaration, and is not asked about.
 */
export const objection: LibraryModel = {
  name: 'objection',
  packages: ['objection'],
  resources: [
    {
      // Held until commit or rollback, like `await knex.transaction()`.
      id: 'objection.Transaction',
      kind: 'transaction',
      noun: 'transaction',
      acquire: [
        { owner: 'Model', method: 'startTransaction', returns: 'promise' },
        { owner: 'ModelClass', method: 'startTransaction', returns: 'promise' },
        { owner: 'transaction', method: 'start', returns: 'promise' },
      ],
      release: ['commit', 'rollback'],
      rollback: 'rollback',
      states: [{ query: 'isCompleted', call: true, initially: false, setBy: { commit: true, rollback: true } }],
    },
  ],
  transactions: {
    handles: [],
    // Commit when the callback resolves, roll back when it rejects.
    managed: [
      { owner: 'Model', method: 'transaction' },
      { owner: 'ModelClass', method: 'transaction' },
      { owner: 'Objection', method: 'transaction' },
    ],
    sessionsOf: 'knex',
    transactionOption: {
      name: 'trx',
      owners: ['Model'],
      queryMethods: ['query', 'relatedQuery'],
      argumentIndex: { query: 0, relatedQuery: 1 },
    },
    joinedBy: ['transacting'],
  },
};
