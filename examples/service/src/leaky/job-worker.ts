import { pool } from '../db.js';

interface Job {
  id: string;
  payload: string | null;
}

/** Leak: `continue` on an empty payload skips the release, once per skipped job. */
export async function processBatch(jobs: Job[]): Promise<number> {
  let done = 0;
  for (const job of jobs) {
    const client = await pool.connect();
    if (job.payload === null) {
      continue;
    }
    await client.query('update jobs set done = true where id = $1', [job.id]).catch(() => undefined);
    client.release();
    done++;
  }
  return done;
}

/** Leak: the acquired client is thrown away at once. */
export async function warmUp(): Promise<void> {
  await pool.connect();
}

/** Crash: the client kept for LISTEN has no `error` listener, so a dropped connection exits the process. */
export async function listenForJobs(onJob: (id: string) => void): Promise<void> {
  const listener = await pool.connect();
  listener.on('notification', (message) => onJob(message.payload ?? ''));
  await listener.query('LISTEN jobs');
}
