import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { createEngineHarness } from './harness.js';

/**
 * What a transaction waits for while it is open, as `no-network-in-transaction` asks: the
 * queries sent through the transaction's own handle are its work and are left out before any
 * question to the checker; every other awaited call is there to be asked about.
 */
function awaitedIn(code: string, starts: string): string[] {
  const { program, engine } = createEngineHarness(new Map([['awaited-while-open.ts', code]]));
  const file = program.getSourceFiles().find((candidate) => candidate.fileName.endsWith('awaited-while-open.ts'))!;
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(file).endsWith(starts)) {
      const transaction = engine.transactionAt(node, { unknownCalls: 'transfer' });
      found.push(...(transaction?.awaitedWhileOpen() ?? []).map((call) => call.expression.getText(file)));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('calls awaited while a transaction is open', () => {
  it("leave out a managed transaction's queries through its handle", () => {
    expect(
      awaitedIn(
        `import { PrismaClient } from './generated/prisma/client.js';
declare const mailer: { send(to: string): Promise<void> };
declare const prisma: PrismaClient;
export async function signUp(email: string) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw\`insert into users (email) values (\${email})\`;
    await tx.$queryRawUnsafe('select 1');
    await mailer.send(email);
  });
}`,
        '$transaction',
      ),
    ).toEqual(['mailer.send']);
  });

  it("leave out the queries of a client that began one, through any name it is held under", () => {
    expect(
      awaitedIn(
        `import { Pool } from 'pg';
declare function notify(id: string): Promise<void>;
const pool = new Pool();
export async function move(id: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set moved = true where id = $1', [id]);
    await notify(id);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
        'client.query',
      ).filter((call, index, all) => all.indexOf(call) === index),
    ).toEqual(['notify']);
  });
});
