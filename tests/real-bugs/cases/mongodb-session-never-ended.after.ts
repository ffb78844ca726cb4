// novuhq/novu#11032, fixed: the session is kept and ended in finally.
import type { ClientSession, MongoClient } from 'mongodb';

export class BaseRepository {
  constructor(private readonly client: MongoClient) {}

  async withTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(work);
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }
}
