// Shape 2, a unit of work on knex: begin() opens an unmanaged transaction into a field,
// commit() and rollback() end it, dispose() rolls back whatever is still open.
import type { Knex } from 'knex';

export class UnitOfWork {
  private trx: Knex.Transaction | undefined;

  constructor(private readonly knex: Knex) {}

  async begin(): Promise<void> {
    this.trx = await this.knex.transaction();
  }

  get db(): Knex.Transaction {
    if (!this.trx) {
      throw new Error('no unit of work in progress');
    }
    return this.trx;
  }

  async commit(): Promise<void> {
    await this.db.commit();
    this.trx = undefined;
  }

  async rollback(): Promise<void> {
    await this.trx?.rollback();
    this.trx = undefined;
  }

  async dispose(): Promise<void> {
    if (this.trx && !this.trx.isCompleted()) {
      await this.trx.rollback();
    }
    this.trx = undefined;
  }
}
