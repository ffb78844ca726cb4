import { describe, expect, it } from 'vitest';

import { createEngineHarness } from './harness.js';

/**
 * Transaction state through the engine, without ESLint: for a transaction begun on a client
 * the function was given, the paths that leave it open, as `kind: code of the exit`.
 */
const HEADER = `import type { PoolClient } from 'pg';
declare function work(): Promise<void>;
declare const flag: boolean;
declare const items: string[];
`;

const table: [name: string, body: string, leaks: string[]][] = [
  ['begin and commit on one path', `{ await c.query('BEGIN'); await c.query('COMMIT'); }`, []],
  ['a query between that can fail', `{ await c.query('BEGIN'); await work(); await c.query('COMMIT'); }`, ['exception: await work()']],
  ['rollback in catch covers the exception', `{ await c.query('BEGIN'); try { await work(); await c.query('COMMIT'); } catch (e) { await c.query('ROLLBACK'); throw e; } }`, []],
  ['commit in only one branch', `{ await c.query('BEGIN'); if (flag) await c.query('COMMIT'); }`, ['exit: <end>']],
  ['commit or rollback in both branches', `{ await c.query('BEGIN'); if (flag) { await c.query('COMMIT'); } else { await c.query('ROLLBACK'); } }`, []],
  ['early return inside the transaction', `{ await c.query('BEGIN'); if (flag) return; await c.query('COMMIT'); }`, ['exit: return']],
  ['throw inside the transaction', `{ await c.query('BEGIN'); if (flag) throw new Error('x'); await c.query('COMMIT'); }`, ["exit: throw new Error('x')"]],
  // `.catch()` keeps the savepoint statements from adding exception paths of their own.
  ['savepoints neither begin nor end', `{ await c.query('BEGIN'); await c.query('SAVEPOINT a').catch(() => 0); await c.query('ROLLBACK TO SAVEPOINT a').catch(() => 0); await c.query('RELEASE SAVEPOINT a').catch(() => 0); }`, ['exit: <end>']],
  ['savepoints inside a committed transaction', `{ await c.query('BEGIN'); await c.query('SAVEPOINT a').catch(() => 0); await c.query('ROLLBACK TO SAVEPOINT a').catch(() => 0); await c.query('COMMIT'); }`, []],
  ['END ends it', `{ await c.query('BEGIN'); await c.query('END'); }`, []],
  ['one transaction per loop iteration', `{ for (const item of items) { await c.query('BEGIN'); await c.query('select $1', [item]).catch(() => undefined); await c.query('COMMIT'); } }`, []],
  ['a transaction per iteration left open by continue', `{ for (const item of items) { await c.query('BEGIN'); if (item) continue; await c.query('COMMIT'); } }`, ["exception: await c.query('BEGIN')", 'exit: <end>', "overwritten: await c.query('BEGIN')"]],
  ['commit in finally ends every path', `{ await c.query('BEGIN'); try { await work(); } finally { await c.query('COMMIT'); } }`, []],
  ['released while open on the normal path', `{ await c.query('BEGIN'); c.release(); }`, ['releasedWhileOpen: c.release()']],
  ['release(err) destroys the connection instead', `{ await c.query('BEGIN'); c.release(new Error('abort')); }`, []],
  ['a helper in this file that rolls back takes the transaction over', `{ await c.query('BEGIN'); await abort(c); }`, []],
  // Conditions that travel together.
  ['BEGIN and COMMIT guarded by the same local condition', `{ const atomic = items.length > 1; if (atomic) await c.query('BEGIN'); await c.query('select 1').catch(() => 0); if (atomic) await c.query('COMMIT'); }`, []],
  ['a committed flag tested before the rollback in finally', `{ let committed = false; await c.query('BEGIN'); try { await work(); await c.query('COMMIT'); committed = true; } finally { if (!committed) await c.query('ROLLBACK'); } }`, []],
  ['the guard changes between BEGIN and COMMIT', `{ let atomic = flag; if (atomic) await c.query('BEGIN'); atomic = items.length > 0; if (atomic) await c.query('COMMIT'); }`, ['exit: <end>']],
];

describe('engine transaction state', () => {
  const helper = `async function abort(client: PoolClient) { await client.query('ROLLBACK'); }\n`;
  const files = new Map(table.map(([, body], index) => [`__tx_${index}.ts`, `${HEADER}${helper}export async function f${index}(c: PoolClient) ${body}\n`]));
  const harness = createEngineHarness(files);

  it.each(table.map((row, index) => [...row, index] as const))('%s', (_name, _body, expected, index) => {
    expect(harness.diagnostics(`__tx_${index}.ts`)).toEqual([]);
    const verdicts = harness.transactionVerdicts(`__tx_${index}.ts`).get(`f${index}`)!;
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts[0]).toEqual([...expected].sort());
  });
});
