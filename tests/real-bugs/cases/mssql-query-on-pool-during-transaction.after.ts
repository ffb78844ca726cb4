// tediousjs/node-mssql#975, fixed: the query is a request of the transaction.
import sql from 'mssql';

export class Books {
  constructor(private readonly pool: sql.ConnectionPool) {}

  async add(title: string, author: string, check: (id: number) => Promise<void>): Promise<void> {
    const transaction = new sql.Transaction(this.pool);
    try {
      await transaction.begin();
      const result = await new sql.Request(transaction).query`INSERT INTO Books (Title, Author) VALUES (${title}, ${author}); SELECT SCOPE_IDENTITY() AS id;`;
      await check(result.recordset[0].id);
      await transaction.commit();
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }
}
