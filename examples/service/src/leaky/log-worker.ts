import { pool } from '../db.js';
import { ScoreService } from '../score-service.js';

const scoreService = new ScoreService();

/** Leak (network in a transaction): the memory API call, two files away, runs while the row is locked. */
export async function processLog(id: number, log: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("update logs set status = 'PROCESSING' where id = $1", [id]);
    const score = await scoreService.calculate(log);
    await client.query("update logs set score = $1, status = 'DONE' where id = $2", [score, id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
