// Generates the benchmark corpus: a TypeScript service of several hundred files, about half
// with database code (pg, mysql2, TypeORM, MongoDB; correct and leaky), the rest plain service
// code, plus a few very long functions. Deterministic for a given seed.
import fs from 'node:fs';
import path from 'node:path';

/** Small seeded PRNG (mulberry32), so every run lints the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES = ['user', 'order', 'invoice', 'product', 'shipment', 'account', 'session', 'ticket', 'review', 'coupon'];
const pascal = (s) => s[0].toUpperCase() + s.slice(1);

const dbFunctions = {
  pgFind: (e, i) => `
export async function find${pascal(e)}${i}(id: string): Promise<${pascal(e)} | null> {
  const client = await pool.connect();
  try {
    const result = await client.query<${pascal(e)}>('select * from ${e}s where id = $1', [id]);
    return result.rows[0] ?? null;
  } finally {
    client.release();
  }
}`,
  pgLeakyFind: (e, i) => `
export async function load${pascal(e)}${i}(id: string): Promise<${pascal(e)} | null> {
  const client = await pool.connect();
  const result = await client.query<${pascal(e)}>('select * from ${e}s where id = $1', [id]);
  if (result.rowCount === 0) return null;
  client.release();
  return result.rows[0] ?? null;
}`,
  pgTransaction: (e, i) => `
export async function move${pascal(e)}${i}(from: string, to: string, amount: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update ${e}s set balance = balance - $2 where id = $1', [from, amount]);
    await client.query('update ${e}s set balance = balance + $2 where id = $1', [to, amount]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  pgSimple: (e, i) => `
export async function count${pascal(e)}s${i}(status: string): Promise<number> {
  const result = await pool.query<{ count: string }>('select count(*) from ${e}s where status = $1', [status]);
  return Number(result.rows[0]?.count ?? 0);
}`,
  mysqlReport: (e, i) => `
export async function report${pascal(e)}${i}(month: string): Promise<unknown[]> {
  const conn = await mysqlPool.getConnection();
  try {
    const [rows] = await conn.query('select * from ${e}s where month = ?', [month]);
    return rows as unknown[];
  } finally {
    conn.release();
  }
}`,
  typeormRename: (e, i) => `
export async function rename${pascal(e)}${i}(id: string, name: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('update ${e}s set name = $1 where id = $2', [name, id]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}`,
  mongoSession: (e, i) => `
export async function archive${pascal(e)}${i}(id: string): Promise<void> {
  const session = mongo.startSession();
  try {
    await session.withTransaction(async () => {
      await mongo.db('app').collection('${e}s').updateOne({ id }, { $set: { archived: true } }, { session });
    });
  } finally {
    await session.endSession();
  }
}`,
};

const plainFunctions = {
  validate: (e, i) => `
export function validate${pascal(e)}${i}(input: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) {
      errors.push(\`\${key} is required\`);
    } else if (typeof value === 'string' && value.trim() === '') {
      errors.push(\`\${key} must not be empty\`);
    }
  }
  return errors;
}`,
  handler: (e, i) => `
export async function handle${pascal(e)}Request${i}(req: Request): Promise<Response> {
  const body = (await req.json()) as Record<string, unknown>;
  const response = await fetch('https://api.example.test/${e}s', { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) {
    return new Response(JSON.stringify({ error: response.statusText }), { status: 502 });
  }
  const data = (await response.json()) as { id: string };
  return new Response(JSON.stringify({ id: data.id }), { status: 201 });
}`,
  transform: (e, i) => `
export function summarize${pascal(e)}s${i}(items: { amount: number; tags: string[] }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const item of items) {
    for (const tag of item.tags) {
      totals.set(tag, (totals.get(tag) ?? 0) + item.amount);
    }
  }
  return new Map([...totals].sort((a, b) => b[1] - a[1]).slice(0, 10));
}`,
  service: (e, i) => `
export class ${pascal(e)}Cache${i} {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();
  constructor(private readonly ttl: number) {}
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  async getOrLoad(key: string, load: () => Promise<unknown>): Promise<unknown> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = await load();
    this.entries.set(key, { value, expires: Date.now() + this.ttl });
    return value;
  }
}`,
};

const HEADER = `import { DataSource } from 'typeorm';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import pg from 'pg';

const pool = new pg.Pool();
const mysqlPool = mysql.createPool({});
declare const dataSource: DataSource;
const mongo = new MongoClient('mongodb://127.0.0.1');
`;

function entityTypes(entities) {
  return entities.map((e) => `interface ${pascal(e)} { id: string; name: string; balance: number }`).join('\n');
}

/**
 * A function of about `statements` statements: the shape of a long batch job, with loops,
 * branches, awaits and several acquisitions released in finally blocks.
 */
export function longFunction(name, statements) {
  const lines = [`export async function ${name}(ids: string[]): Promise<number> {`, '  let total = 0;'];
  let count = 0;
  let block = 0;
  while (count < statements) {
    block++;
    lines.push(
      `  for (const id of ids) {`,
      `    const client${block} = await pool.connect();`,
      // Not the try-right-after shortcut: the scaling probe must measure the full walk.
      `    let seen${block} = 0;`,
      `    try {`,
      `      seen${block}++;`,
      `      const result = await client${block}.query('select amount from t${block % 7} where id = $1', [id]);`,
      `      if (result.rowCount === 0) continue;`,
      `      total += Number(result.rows[0]?.amount ?? 0);`,
      `      if (total > ${block * 1000}) break;`,
      `    } finally {`,
      `      client${block}.release();`,
      `    }`,
      `  }`,
      `  if (total % ${block + 1} === 0) {`,
      `    await pool.query('insert into audit(total) values ($1)', [total]);`,
      `  }`,
    );
    count += 10;
  }
  lines.push('  return total;', '}');
  return lines.join('\n');
}

export function generateCorpus(dir, { files = 320, seed = 42 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-corpus", "private": true, "type": "module" }\n');
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const dbKinds = Object.keys(dbFunctions);
  const plainKinds = Object.keys(plainFunctions);
  let lineCount = 0;
  for (let index = 0; index < files; index++) {
    const withDb = index % 2 === 0;
    const entity = pick(ENTITIES);
    const parts = [withDb ? HEADER : '', withDb ? entityTypes(ENTITIES) : ''];
    const functions = 4 + Math.floor(next() * 6);
    for (let f = 0; f < functions; f++) {
      const useDb = withDb && next() < 0.7;
      const kind = useDb ? pick(dbKinds) : pick(plainKinds);
      parts.push((useDb ? dbFunctions : plainFunctions)[kind](pick(ENTITIES), `${index}_${f}`));
    }
    // A few files carry one very long function (a batch job, a migration).
    if (withDb && index % 80 === 0) {
      parts.push(longFunction(`batch${index}`, 1500));
    }
    const text = `// Generated ${entity} module ${index}\n${parts.join('\n')}\n`;
    lineCount += text.split('\n').length;
    fs.writeFileSync(path.join(dir, 'src', `${entity}-${index}.ts`), text);
  }
  return { files, lines: lineCount };
}
