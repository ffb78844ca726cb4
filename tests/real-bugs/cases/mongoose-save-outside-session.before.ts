// Automattic/mongoose#13627: inside withTransaction() one new document is saved with the session and one without; the second is written outside the transaction, and the session's query does not see it.
import mongoose from 'mongoose';

const Entry = mongoose.model('Entry', new mongoose.Schema({ label: String }));

export async function recordPair(): Promise<number> {
  const session = await mongoose.startSession();
  let seen = 0;
  try {
    await session.withTransaction(async () => {
      await new Entry({ label: 'first' }).save({ session });
      await new Entry({ label: 'second' }).save();
      seen = (await Entry.find({}).session(session)).length;
    });
  } finally {
    await session.endSession();
  }
  return seen;
}
