// Automattic/mongoose#13627, with the diagnosis applied: every operation of the transaction carries the session.
import mongoose from 'mongoose';

const Entry = mongoose.model('Entry', new mongoose.Schema({ label: String }));

export async function recordPair(): Promise<number> {
  const session = await mongoose.startSession();
  let seen = 0;
  try {
    await session.withTransaction(async () => {
      await new Entry({ label: 'first' }).save({ session });
      await new Entry({ label: 'second' }).save({ session });
      seen = (await Entry.find({}).session(session)).length;
    });
  } finally {
    await session.endSession();
  }
  return seen;
}
