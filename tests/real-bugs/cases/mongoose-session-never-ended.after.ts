// novuhq/novu#11032, fixed: the session is kept and ended in finally.
import type { ClientSession, Model } from 'mongoose';

export class BaseRepository<T> {
  constructor(private readonly model: Model<T>) {}

  async withTransaction<R>(work: (session: ClientSession) => Promise<R>): Promise<R> {
    const session = await this.model.db.startSession();
    try {
      return await session.withTransaction(work);
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }
}
