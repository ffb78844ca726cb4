import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { fixturesDir } from '../support/rule-tester.js';

import { createEngineHarness } from './harness.js';

/**
 * No answer depends on what was analysed first: the editor lints one file, CI the whole
 * project, and both must agree. Summaries cut short by a depth limit are never reused where a
 * deeper look was possible.
 */
const HEADER = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
`;
/** g0 … g9: each queries the client and passes it on; none releases it. */
const HELPERS = Array.from({ length: 10 }, (_, index) =>
  index < 9
    ? `async function g${index}(client: PoolClient) { await client.query('select ${index}'); await g${index + 1}(client); }`
    : `async function g9(client: PoolClient) { await client.query('select 9'); }`,
).join('\n');
const SHALLOW = `export async function shallow() { const client = await pool.connect(); await g5(client); }`;
const DEEP = `export async function deep() { const client = await pool.connect(); await g2(client).catch(() => undefined); client.release(); }`;

describe('analysis order', () => {
  it('gives shallow() the same verdict alone and after a deeper chain through the same helpers', () => {
    const alone = createEngineHarness(new Map([['__order_alone.ts', `${HEADER}${HELPERS}\n${SHALLOW}\n`]]));
    const after = createEngineHarness(new Map([['__order_after.ts', `${HEADER}${HELPERS}\n${DEEP}\n${SHALLOW}\n`]]));
    expect(alone.diagnostics('__order_alone.ts')).toEqual([]);
    const shallowAlone = alone.verdicts('__order_alone.ts').get('shallow');
    const shallowAfter = after.verdicts('__order_after.ts').get('shallow');
    // g5 … g9 only borrow the client: shallow() never gives it back.
    expect(shallowAlone?.[0]?.leaks).toContain('exit: <end>');
    expect(shallowAfter).toEqual(shallowAlone);
  });

  it('finds the network call behind a chain the same way whichever chain was followed first', () => {
    const hops = Array.from({ length: 10 }, (_, index) =>
      index < 9 ? `async function n${index}() { await n${index + 1}(); }` : `async function n9() { await fetch('https://example.com'); }`,
    ).join('\n');
    const options = { networkModules: [], allowModules: [], networkFunctions: [], maxDepth: 5 };
    const chainFrom = (file: string, text: string, callees: string[]): (string | undefined)[] => {
      const harness = createEngineHarness(new Map([[file, text]]));
      const source = harness.program.getSourceFile(path.join(fixturesDir, file))!;
      const calls = new Map<string, ts.CallExpression>();
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ts.isVariableDeclaration(node.parent.parent)) {
          calls.set(node.expression.text, node);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      return callees.map((callee) => harness.engine.network.chainOf(calls.get(callee)!, options)?.map((step) => step.node.getText()).join(' → '));
    };
    const callers = `export const shallow = async () => { const s = await n5(); return s; };\nexport const deep = async () => { const d = await n2(); return d; };`;
    const [alone] = chainFrom('__order_net_alone.ts', `${hops}\n${callers}\n`, ['n5']);
    const [, after] = chainFrom('__order_net_after.ts', `${hops}\n${callers}\n`, ['n2', 'n5']);
    expect(alone).toContain("fetch('https://example.com')");
    expect(after).toBe(alone);
  });
});
