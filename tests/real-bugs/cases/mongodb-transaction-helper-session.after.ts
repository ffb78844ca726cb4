// Automattic/mongoose#11259, fixed: "regardless of what happens, we need to end our session".
import type { ClientSession, MongoClient } from 'mongodb';

export async function transaction<T>(client: MongoClient, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = client.startSession();
  try {
    return await session.withTransaction(() => work(session));
  } finally {
    await session.endSession();
  }
}
