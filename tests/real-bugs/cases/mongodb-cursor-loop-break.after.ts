// Automattic/mongoose#4258, as answered: close the cursor when leaving the loop early.
import type { Collection, Document } from 'mongodb';

export async function firstMatching(users: Collection, limit: number, accept: (user: Document) => boolean): Promise<Document[]> {
  const picked: Document[] = [];
  const cursor = users.find({ active: true }).sort({ createdAt: 1 });
  try {
    for (let user = await cursor.next(); user !== null; user = await cursor.next()) {
      if (accept(user)) {
        picked.push(user);
      }
      if (picked.length >= limit) {
        break;
      }
    }
  } finally {
    await cursor.close();
  }
  return picked;
}
