import { describe, expect, it } from 'vitest';

import { createEngineHarness } from './harness.js';

/**
 * Path facts of the engine, without ESLint: for each function, the leak paths of its one
 * acquisition, as `kind: code of the exit`. An empty list means every path releases.
 */
const HEADER = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
declare function work(): Promise<void>;
// A project function whose body may throw: a synchronous exception edge.
function sync(): void {
  if (Math.random() < 0.5) throw new Error('sync');
}
declare const flag: boolean;
declare const items: string[];
`;

const table: [name: string, body: string, leaks: string[]][] = [
  ['straight line, release at the end', `{ const client = await pool.connect(); client.release(); }`, []],
  ['no release at all', `{ const client = await pool.connect(); }`, ['exit: <end>']],
  ['an await between acquire and release', `{ const client = await pool.connect(); await work(); client.release(); }`, ['exception: await work()']],
  ['a synchronous call between acquire and release', `{ const client = await pool.connect(); sync(); client.release(); }`, ['exception: sync()']],
  ['an unawaited promise-returning call does not throw synchronously', `{ const client = await pool.connect(); void work(); client.release(); }`, []],
  ['release in finally', `{ const client = await pool.connect(); try { await work(); } finally { client.release(); } }`, []],
  ['return inside try with release in finally', `{ const client = await pool.connect(); try { if (flag) return 1; await work(); } finally { client.release(); } return 2; }`, []],
  ['return before the try', `{ const client = await pool.connect(); if (flag) return 0; try { await work(); } finally { client.release(); } }`, ['exit: return 0']],
  ['throw statement before the release', `{ const client = await pool.connect(); if (flag) throw new Error('no'); client.release(); }`, ["exit: throw new Error('no')"]],
  ['catch swallows, then returns', `{ const client = await pool.connect(); try { await work(); } catch { return false; } client.release(); return true; }`, ['exit: return false']],
  ['release in every catch and after the try', `{ const client = await pool.connect(); try { await work(); } catch (e) { client.release(); throw e; } client.release(); }`, []],
  ['the catch handler itself can throw', `{ const client = await pool.connect(); try { await work(); } catch { await work(); } client.release(); }`, ['exception: await work()']],
  ['break out of the owning loop body', `{ for (const item of items) { const client = await pool.connect(); if (item) break; client.release(); } }`, ['exit: break']],
  ['continue out of the owning loop body', `{ for (const item of items) { const client = await pool.connect(); if (item) continue; client.release(); } }`, ['exit: continue']],
  ['end of the loop body without release', `{ for (const item of items) { const client = await pool.connect(); void item; } }`, ['exit: <end>']],
  ['labelled break out of the owning loop', `{ outer: for (const a of items) { const client = await pool.connect(); for (const b of items) { if (a === b) break outer; } client.release(); } }`, ['exit: break outer']],
  ['labelled break that stays inside the scope', `{ const client = await pool.connect(); inner: { if (flag) break inner; sync; } client.release(); }`, []],
  ['break out of an inner loop stays inside the scope', `{ const client = await pool.connect(); while (flag) { if (items.length) break; } client.release(); }`, []],
  ['switch where one case returns', `{ const client = await pool.connect(); switch (items.length) { case 0: return; case 1: client.release(); break; default: client.release(); } }`, ['exit: return']],
  ['switch without default falls out unreleased', `{ const client = await pool.connect(); switch (items.length) { case 0: client.release(); break; } }`, ['exit: <end>']],
  ['switch where every case releases through fallthrough', `{ const client = await pool.connect(); switch (items.length) { case 0: case 1: default: client.release(); } }`, []],
  ['do-while body breaks out', `{ do { const client = await pool.connect(); if (flag) break; client.release(); } while (flag); }`, ['exit: break']],
  // Acquiring again can itself fail while the first client is still held.
  ['variable outside a loop is acquired again', `{ let client: PoolClient | undefined; while (flag) { client = await pool.connect(); } client?.release(); }`, ['exception: await pool.connect()', 'overwritten: client = await pool.connect()']],
  ['optional release in finally', `{ let client: PoolClient | undefined; try { client = await pool.connect(); await work(); } finally { client?.release(); } }`, []],
  ['null check before release in finally', `{ let client: PoolClient | undefined; try { client = await pool.connect(); await work(); } finally { if (client !== undefined) client.release(); } }`, []],
  // Both: the return swallows the exception (flag), or the exception goes on through finally.
  ['a return in finally swallows the exception and leaks', `{ const client = await pool.connect(); try { await work(); } finally { if (flag) return; } client.release(); }`, ['exception: await work()', 'exit: return']],
  ['short-circuit release that may not run', `{ const client = await pool.connect(); flag && client.release(); }`, ['exit: <end>']],
  ['release on both branches of a conditional', `{ const client = await pool.connect(); flag ? client.release() : client.release(); }`, []],
  ['while(true) left only by break after release', `{ while (true) { const client = await pool.connect(); client.release(); if (flag) break; } }`, []],
  ['release through an alias', `{ const client = await pool.connect(); const other = client; other.release(); }`, []],
  ['a local cleanup function that is never called', `{ const client = await pool.connect(); const cleanup = () => client.release(); void cleanup; }`, ['exit: <end>']],
  ['a local cleanup function called in finally', `{ const client = await pool.connect(); const cleanup = () => client.release(); try { await work(); } finally { cleanup(); } }`, []],
  ['returning the client transfers it', `{ const client = await pool.connect(); return client; }`, []],
  ['returning an awaited query borrows only', `{ const client = await pool.connect(); return client.query('select 1'); }`, ["exit: return client.query('select 1')"]],
  ['nested try: inner finally rethrows to outer catch that releases', `{ const client = await pool.connect(); try { try { await work(); } finally { sync(); } } catch (e) { client.release(); throw e; } client.release(); }`, []],
  ['exception in finally of a try that released first', `{ const client = await pool.connect(); try { client.release(); } finally { await work(); } }`, []],
  ['release only in a nested async arrow that is not called', `{ const client = await pool.connect(); const later = async () => { client.release(); }; await work(); void later; }`, ['exception: await work()', 'exit: <end>']],
  // Conditions that travel together: local flags are carried along each path.
  ['a released flag set after an early release, tested in finally', `{ const client = await pool.connect(); let released = false; try { await work(); client.release(); released = true; await work(); } finally { if (!released) client.release(); } }`, []],
  ['the flag compared with false', `{ const client = await pool.connect(); let released = false; try { client.release(); released = true; await work(); } finally { if (released === false) client.release(); } }`, []],
  ['the flag tested the wrong way round still leaks', `{ const client = await pool.connect(); let released = false; try { await work(); client.release(); released = true; } finally { if (released) client.release(); } }`, ['exception: await work()']],
  ['a flag set before the release proves nothing', `{ const client = await pool.connect(); let done = false; try { done = true; await work(); client.release(); } finally { if (!done) client.release(); } }`, ['exception: await work()']],
  ['one parameter-like condition guards the acquisition and the release', `{ let client: PoolClient | undefined; const useClient = items.length > 0; if (useClient) client = await pool.connect(); await work(); if (useClient) client!.release(); }`, ['exception: await work()']],
  // Followed, `ok` would be known true and the release certain; `fail()` may have cleared it.
  ['a flag changed inside a callback is not followed', `{ const client = await pool.connect(); let ok = true; const fail = () => { ok = false; }; if (items.length === 0) fail(); if (ok) client.release(); }`, ['exit: <end>']],
];

describe('engine path facts', () => {
  const files = new Map(table.map(([, body], index) => [`__flow_${index}.ts`, `${HEADER}export async function f${index}() ${body}\n`]));
  const harness = createEngineHarness(files);

  it.each(table.map((row, index) => [...row, index] as const))('%s', (_name, _body, expected, index) => {
    const verdicts = harness.verdicts(`__flow_${index}.ts`).get(`f${index}`)!;
    expect(harness.diagnostics(`__flow_${index}.ts`).filter((d) => !d.includes('Unreachable'))).toEqual([]);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.leaks).toEqual([...expected].sort());
  });

  it('does not analyse generators (unknown flow, no verdict)', () => {
    const local = createEngineHarness(
      new Map([['__gen.ts', `${HEADER}export async function* g() { const client = await pool.connect(); yield 1; }\n`]]),
    );
    expect(local.verdicts('__gen.ts').get('g')).toEqual([]);
  });

  it('reports a discarded acquisition', () => {
    const local = createEngineHarness(new Map([['__discard.ts', `${HEADER}export async function d() { await pool.connect(); }\n`]]));
    expect(local.verdicts('__discard.ts').get('d')).toEqual([{ discarded: true, leaks: [], leakOffsets: [] }]);
  });
});
