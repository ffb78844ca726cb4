import { pool } from '../db.js';
import { ScoreService } from '../score-service.js';

const scoreService = new ScoreService();

/** Fixed: mark the row, call the API with nothing held, write the result in a new statement. */
export async function processLog(id: number, log: string): Promise<void> {
  await pool.query("update logs set status = 'PROCESSING' where id = $1", [id]);
  const score = await scoreService.calculate(log);
  await pool.query("update logs set score = $1, status = 'DONE' where id = $2", [score, id]);
}
