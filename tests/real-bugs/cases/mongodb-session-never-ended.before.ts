// novuhq/novu#11032: withTransaction() ran on a session that was never ended, leaking one server session per call.
import type { ClientSession, MongoClient } from 'mongodb';

export class BaseRepository {
  constructor(private readonly client: MongoClient) {}

  async withTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    return await this.client.startSession().withTransaction(work);
  }
}
