import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { identifiersWithin, nameIndex } from '../../src/analysis/syntax.js';

/** The per-function index the reference scan and the local flags read instead of walking a body. */
describe('nameIndex', () => {
  const source = ts.createSourceFile(
    'index.ts',
    `async function handle(pool, items) {
  const client = await pool.connect();
  for (const item of items) {
    const inner = client;
    send({ client, item });
  }
  client.release();
}`,
    ts.ScriptTarget.Latest,
    true,
  );
  const fn = source.statements[0] as ts.FunctionDeclaration;
  const index = nameIndex(fn.body!);

  it('lists every reference to a name in source order, a shorthand property before its own name', () => {
    const kinds = index.byName.get('client')!.map((node) => `${ts.SyntaxKind[node.kind]}@${source.getLineAndCharacterOfPosition(node.getStart()).line}`);
    expect(kinds).toEqual(['Identifier@1', 'Identifier@3', 'ShorthandPropertyAssignment@4', 'Identifier@4', 'Identifier@6']);
  });

  it('finds the identifiers of a block inside the function, and only those', () => {
    const loop = fn.body!.statements[1] as ts.ForOfStatement;
    const names = identifiersWithin(index, loop.statement).map((identifier) => identifier.text);
    expect(names).toEqual(['inner', 'client', 'send', 'client', 'item']);
  });

  it('finds every identifier of the whole body', () => {
    expect(identifiersWithin(index, fn.body!)).toEqual(index.identifiers);
  });
});
