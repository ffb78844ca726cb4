// Automattic/mongoose#11259 (issue #11256): the transaction() helper started a session and never ended it.
import type { ClientSession, MongoClient } from 'mongodb';

export async function transaction<T>(client: MongoClient, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = client.startSession();
  return session.withTransaction(() => work(session));
}
