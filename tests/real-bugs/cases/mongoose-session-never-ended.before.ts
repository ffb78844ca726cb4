// novuhq/novu#11032: withTransaction() ran on a session of the model's connection that was never ended, leaking one server session per call.
import type { ClientSession, Model } from 'mongoose';

export class BaseRepository<T> {
  constructor(private readonly model: Model<T>) {}

  async withTransaction<R>(work: (session: ClientSession) => Promise<R>): Promise<R> {
    return await (await this.model.db.startSession()).withTransaction(work);
  }
}
