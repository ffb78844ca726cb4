import { pool } from '../db.js';

interface Job {
  id: string;
  payload: string | null;
}

export async function processBatch(jobs: Job[]): Promise<number> {
  let done = 0;
  const client = await pool.connect();
  try {
    for (const job of jobs) {
      if (job.payload === null) {
        continue;
      }
      await client.query('update jobs set done = true where id = $1', [job.id]);
      done++;
    }
  } finally {
    client.release();
  }
  return done;
}

export async function warmUp(): Promise<void> {
  await pool.query('select 1');
}

export async function listenForJobs(onJob: (id: string) => void): Promise<void> {
  const listener = await pool.connect();
  listener.on('error', (error) => console.error('job listener connection failed', error));
  listener.on('notification', (message) => onJob(message.payload ?? ''));
  await listener.query('LISTEN jobs');
}
