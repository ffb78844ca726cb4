// tediousjs/node-mssql#975: the insert ran on the pool, not the transaction, so the rollback did not undo it.
import sql from 'mssql';

export class Books {
  constructor(private readonly pool: sql.ConnectionPool) {}

  async add(title: string, author: string, check: (id: number) => Promise<void>): Promise<void> {
    const transaction = new sql.Transaction(this.pool);
    try {
      await transaction.begin();
      const result = await this.pool.query`INSERT INTO Books (Title, Author) VALUES (${title}, ${author}); SELECT SCOPE_IDENTITY() AS id;`;
      await check(result.recordset[0].id);
      await transaction.commit();
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }
}
