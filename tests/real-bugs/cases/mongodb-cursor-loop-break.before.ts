// Automattic/mongoose#4258: a cursor read with next() until a limit was reached was left open on the server.
import type { Collection, Document } from 'mongodb';

export async function firstMatching(users: Collection, limit: number, accept: (user: Document) => boolean): Promise<Document[]> {
  const picked: Document[] = [];
  const cursor = users.find({ active: true }).sort({ createdAt: 1 });
  for (let user = await cursor.next(); user !== null; user = await cursor.next()) {
    if (accept(user)) {
      picked.push(user);
    }
    if (picked.length >= limit) {
      break;
    }
  }
  return picked;
}
