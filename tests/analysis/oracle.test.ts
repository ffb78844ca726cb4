import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createEngineHarness, type Verdict } from './harness.js';

/**
 * Oracle for the engine. fast-check generates small functions built from acquire, release,
 * `if`/`else`, `while` with labelled `break`/`continue`, `switch`, labelled blocks,
 * `try`/`catch`/`finally`, `return`, `throw`, and calls that may throw. Each is rendered as
 * TypeScript over the real pg typings and given to the engine, and separately executed by a
 * concrete interpreter that enumerates every sequence of choices (each condition both ways,
 * each throwing call throws or not, each loop run 0–3 times). Control flow in the interpreter
 * is JavaScript's own: `finally` is a real `finally`, abrupt completions are real exceptions.
 *
 * The engine must agree on whether some path leaks, and every leak it names must be an exit
 * some enumerated path really leaks through.
 */

type Leaf =
  | { k: 'release' }
  | { k: 'await' }
  | { k: 'sync' }
  | { k: 'return' }
  | { k: 'throw' }
  | { k: 'break' | 'continue'; pick: number; plain: boolean };
type Stmt =
  | Leaf
  | { k: 'if'; then: Stmt[]; else?: Stmt[] }
  | { k: 'while'; body: Stmt[] }
  | { k: 'try'; block: Stmt[]; handler?: Stmt[]; finalizer?: Stmt[] }
  | { k: 'switch'; cases: Stmt[][]; hasDefault: boolean }
  | { k: 'label'; body: Stmt[] }
  | { k: 'acquire' }
  | { k: 'scope'; body: Stmt[] };

interface Program {
  /** `function`: `let client` at the top, acquired anywhere; `block`: `const client` in a block. */
  variant: 'function' | 'block';
  body: Stmt[];
}

// Fresh objects: fc.constant() returns one shared instance, and statements are keyed by identity.
const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ k: 'release' as const }) },
  { weight: 3, arbitrary: fc.constant({ k: 'await' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'return' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'throw' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constantFrom('break' as const, 'continue' as const), pick: fc.nat(3), plain: fc.boolean() }),
  },
).map((l) => ({ ...l }));

const { statements } = fc.letrec<{ statements: Stmt[]; statement: Stmt }>((tie) => ({
  statements: fc.array(tie('statement'), { minLength: 0, maxLength: 3 }),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('if' as const), then: tie('statements'), else: fc.option(tie('statements'), { nil: undefined }) }, { requiredKeys: ['k', 'then'] }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('while' as const), body: tie('statements') }) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          k: fc.constant('try' as const),
          block: tie('statements'),
          handler: fc.option(tie('statements'), { nil: undefined }),
          finalizer: fc.option(tie('statements'), { nil: undefined }),
        }, { requiredKeys: ['k', 'block'] })
        .map((t) => (t.handler || t.finalizer ? t : { ...t, finalizer: [] })),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('switch' as const), cases: fc.array(tie('statements'), { minLength: 1, maxLength: 2 }), hasDefault: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('label' as const), body: tie('statements') }) },
  ) as fc.Arbitrary<Stmt>,
}));

/** Every statement list in a tree, outermost first, with a path to rebuild it. */
function blocks(body: Stmt[]): Stmt[][] {
  const result: Stmt[][] = [body];
  const visit = (list: Stmt[]): void => {
    for (const s of list) {
      for (const child of childLists(s)) {
        result.push(child);
        visit(child);
      }
    }
  };
  visit(body);
  return result;
}

function childLists(s: Stmt): Stmt[][] {
  switch (s.k) {
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    case 'while':
    case 'label':
    case 'scope':
      return [s.body];
    case 'try':
      return [s.block, ...(s.handler ? [s.handler] : []), ...(s.finalizer ? [s.finalizer] : [])];
    case 'switch':
      return s.cases;
    default:
      return [];
  }
}

/** Places the acquisition: a statement anywhere (function variant) or a scope block (block variant). */
const program: fc.Arbitrary<Program> = fc
  .record({ variant: fc.constantFrom('function' as const, 'block' as const), body: statements, where: fc.nat(), at: fc.nat(), span: fc.nat(3) })
  .map(({ variant, body, where, at, span }) => {
    const copy = structuredClone(body);
    const lists = blocks(copy);
    const list = lists[where % lists.length]!;
    const index = at % (list.length + 1);
    if (variant === 'function') {
      list.splice(index, 0, { k: 'acquire' });
    } else {
      const moved = list.splice(index, span);
      list.splice(index, 0, { k: 'scope', body: moved });
    }
    return { variant, body: copy };
  });

// --- rendering -------------------------------------------------------------------------

interface Rendered {
  /** The program as rendered: a copy, with jumps that have no target turned into plain calls. */
  program: Program;
  text: string;
  /** Jump targets and offsets the interpreter needs, by statement object. */
  offsets: Map<Stmt, { start: number; await?: number; end?: number; target?: Stmt }>;
  bodyEnd: number;
}

const HEADER = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
declare function work(): Promise<void>;
declare function sync(): void;
`;

function render(input: Program, name: string): Rendered {
  const p = structuredClone(input);
  let text = '';
  const offsets: Rendered['offsets'] = new Map();
  const labels = new Map<Stmt, string>();
  const emit = (s: string): void => {
    text += s;
  };
  const chance = '(Math.random() < 0.5)';
  // Targets in scope, innermost last: loops take break and continue, switches and labelled blocks only break.
  const statementList = (list: Stmt[], targets: Stmt[], inScope: boolean, indent: string): void => {
    for (const s of list) {
      statement(s, targets, inScope, indent);
    }
  };
  const label = (s: Stmt): string => {
    let l = labels.get(s);
    if (!l) {
      l = `L${labels.size}`;
      labels.set(s, l);
    }
    return l;
  };
  const statement = (s: Stmt, targets: Stmt[], inScope: boolean, indent: string): void => {
    emit(indent);
    const start = text.length;
    const info: { start: number; await?: number; end?: number; target?: Stmt } = { start };
    offsets.set(s, info);
    const inner = `${indent}  `;
    switch (s.k) {
      case 'acquire':
        emit('client = ');
        info.await = text.length;
        emit('await pool.connect();\n');
        return;
      case 'release':
        // Out of the client's scope, a release would not compile; it becomes a plain call.
        emit(p.variant === 'function' ? 'client?.release();\n' : inScope ? 'client.release();\n' : 'sync();\n');
        if (p.variant === 'block' && !inScope) {
          (s as { k: string }).k = 'sync';
        }
        return;
      case 'await':
        emit('await work();\n');
        return;
      case 'sync':
        emit('sync();\n');
        return;
      case 'return':
        emit('return;\n');
        return;
      case 'throw':
        emit("throw new Error('x');\n");
        return;
      case 'break':
      case 'continue': {
        const valid = targets.filter((t) => s.k === 'break' || t.k === 'while');
        if (valid.length === 0) {
          (s as { k: string }).k = 'sync';
          emit('sync();\n');
          return;
        }
        const target = valid[valid.length - 1 - (s.pick % valid.length)]!;
        info.target = target;
        const innermostPlain = [...targets].reverse().find((t) => (s.k === 'break' ? t.k === 'while' || t.k === 'switch' : t.k === 'while'));
        const plainOk = s.plain && target === innermostPlain;
        emit(plainOk ? `${s.k};\n` : `${s.k} ${label(target)};\n`);
        return;
      }
      case 'if':
        emit(`if ${chance} {\n`);
        statementList(s.then, targets, inScope, inner);
        emit(`${indent}}`);
        if (s.else) {
          emit(' else {\n');
          statementList(s.else, targets, inScope, inner);
          emit(`${indent}}`);
        }
        emit('\n');
        return;
      case 'while':
        emit(`${label(s)}: while ${chance} {\n`);
        statementList(s.body, [...targets, s], inScope, inner);
        emit(`${indent}}\n`);
        return;
      case 'label':
        emit(`${label(s)}: {\n`);
        statementList(s.body, [...targets, s], inScope, inner);
        emit(`${indent}}\n`);
        return;
      case 'switch':
        emit(`${label(s)}: switch (Math.floor(Math.random() * ${s.cases.length + 1})) {\n`);
        s.cases.forEach((c, index) => {
          emit(`${inner}${index === s.cases.length - 1 && s.hasDefault ? 'default' : `case ${index}`}: {\n`);
          statementList(c, [...targets, s], inScope, `${inner}  `);
          emit(`${inner}}\n`);
        });
        emit(`${indent}}\n`);
        return;
      case 'try':
        emit('try {\n');
        statementList(s.block, targets, inScope, inner);
        emit(`${indent}}`);
        if (s.handler) {
          emit(' catch {\n');
          statementList(s.handler, targets, inScope, inner);
          emit(`${indent}}`);
        }
        if (s.finalizer) {
          emit(' finally {\n');
          statementList(s.finalizer, targets, inScope, inner);
          emit(`${indent}}`);
        }
        emit('\n');
        return;
      case 'scope':
        emit('{\n');
        emit(`${inner}const client = `);
        info.await = text.length;
        emit('await pool.connect();\n');
        statementList(s.body, targets, true, inner);
        emit(indent);
        emit('}');
        info.end = text.length;
        emit('\n');
        return;
    }
  };
  emit(`export async function ${name}() {\n`);
  if (p.variant === 'function') {
    emit('  let client: PoolClient | undefined;\n');
  }
  statementList(p.body, [], false, '  ');
  emit('}');
  const bodyEnd = text.length;
  emit('\n');
  return { program: p, text, offsets, bodyEnd };
}

// --- the brute-force interpreter --------------------------------------------------------

class Signal {
  constructor(
    readonly kind: 'return' | 'throw' | 'break' | 'continue',
    readonly at: number,
    readonly target?: Stmt,
    /** For throws: whether a `throw` statement (an exit) rather than a failing call (an exception). */
    readonly statement = false,
  ) {}
}

class TooManyPaths extends Error {}

const MAX_ITERATIONS = 3;
const MAX_RUNS = 20_000;

/** Every leak, as `kind@offset`, over all choice sequences. */
function enumerateLeaks(r: Rendered): Set<string> {
  const p = r.program;
  const leaks = new Set<string>();
  let prefix: number[] = [];
  for (let runs = 0; ; runs++) {
    if (runs > MAX_RUNS) {
      throw new TooManyPaths();
    }
    const trace: { value: number; arity: number }[] = [];
    const choose = (arity: number): number => {
      const value = trace.length < prefix.length ? prefix[trace.length]! : 0;
      trace.push({ value, arity });
      return value;
    };
    run(p, r, choose, leaks);
    let last = trace.length - 1;
    while (last >= 0 && trace[last]!.value === trace[last]!.arity - 1) {
      last--;
    }
    if (last < 0) {
      return leaks;
    }
    prefix = [...trace.slice(0, last).map((t) => t.value), trace[last]!.value + 1];
  }
}

function run(p: Program, r: Rendered, choose: (arity: number) => number, leaks: Set<string>): void {
  let held = false;
  const at = (s: Stmt): { start: number; await?: number; end?: number; target?: Stmt } => r.offsets.get(s)!;
  const leakBy = (signal: Signal): void => {
    const kind = signal.kind === 'throw' && !signal.statement ? 'exception' : 'exit';
    leaks.add(`${kind}@${signal.at}`);
  };
  const mayThrow = (offset: number): void => {
    if (choose(2) === 1) {
      throw new Signal('throw', offset);
    }
  };
  const list = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      statement(s);
    }
  };
  const statement = (s: Stmt): void => {
    const info = at(s);
    switch (s.k) {
      case 'acquire':
        mayThrow(info.await!);
        if (held) {
          leaks.add(`overwritten@${info.start}`);
        }
        held = true;
        return;
      case 'release':
        held = false;
        return;
      case 'await':
      case 'sync':
        mayThrow(info.start);
        return;
      case 'return':
        throw new Signal('return', info.start);
      case 'throw':
        throw new Signal('throw', info.start, undefined, true);
      case 'break':
      case 'continue':
        throw new Signal(s.k, info.start, info.target);
      case 'if':
        list(choose(2) === 0 ? s.then : (s.else ?? []));
        return;
      case 'label':
        try {
          list(s.body);
        } catch (signal) {
          if (!(signal instanceof Signal && signal.kind === 'break' && signal.target === s)) {
            throw signal;
          }
        }
        return;
      case 'while':
        for (let iteration = 0; iteration < MAX_ITERATIONS && choose(2) === 1; iteration++) {
          try {
            list(s.body);
          } catch (signal) {
            if (signal instanceof Signal && signal.target === s) {
              if (signal.kind === 'break') {
                return;
              }
              continue;
            }
            throw signal;
          }
        }
        return;
      case 'switch': {
        const matched = choose(s.cases.length + 1);
        const start = matched < s.cases.length - (s.hasDefault ? 1 : 0) ? matched : s.hasDefault ? s.cases.length - 1 : s.cases.length;
        try {
          for (let index = start; index < s.cases.length; index++) {
            list(s.cases[index]!);
          }
        } catch (signal) {
          if (!(signal instanceof Signal && signal.kind === 'break' && signal.target === s)) {
            throw signal;
          }
        }
        return;
      }
      case 'try':
        try {
          try {
            list(s.block);
          } catch (signal) {
            if (s.handler && signal instanceof Signal && signal.kind === 'throw') {
              list(s.handler);
            } else {
              throw signal;
            }
          }
        } finally {
          if (s.finalizer) {
            list(s.finalizer);
          }
        }
        return;
      case 'scope':
        mayThrow(info.await!);
        held = true;
        try {
          list(s.body);
        } catch (signal) {
          if (held && signal instanceof Signal) {
            leakBy(signal);
          }
          held = false;
          throw signal;
        }
        if (held) {
          leaks.add(`exit@${info.end}`);
        }
        held = false;
        return;
    }
  };
  try {
    list(p.body);
    if (held) {
      leaks.add(`exit@${r.bodyEnd}`);
    }
  } catch (signal) {
    if (!(signal instanceof Signal)) {
      throw signal;
    }
    if (held) {
      leakBy(signal);
    }
  }
}

// --- the comparison ---------------------------------------------------------------------

interface Outcome {
  source: string;
  engine: string[];
  bruteForce: string[];
}

function disagreement(engine: Verdict | undefined, bruteForce: Set<string>): string | undefined {
  const engineLeaks = engine?.leakOffsets ?? [];
  if ((engineLeaks.length > 0) !== (bruteForce.size > 0)) {
    return engineLeaks.length > 0 ? 'engine reports a leak, no path leaks' : 'a path leaks, engine reports none';
  }
  const invented = engineLeaks.filter((leak) => !bruteForce.has(leak));
  return invented.length > 0 ? `engine names exits no path leaks through: ${invented.join(', ')}` : undefined;
}

function engineVerdict(r: Rendered): Verdict | undefined {
  const harness = createEngineHarness(new Map([['__shrink.ts', HEADER + r.text]]));
  return harness.verdicts('__shrink.ts').get('f')?.[0];
}

function fails(p: Program): boolean {
  const r = render(p, 'f');
  try {
    return disagreement(engineVerdict(r), enumerateLeaks(r)) !== undefined;
  } catch (error) {
    if (error instanceof TooManyPaths) {
      return false;
    }
    throw error;
  }
}

/** Programs one step smaller: a statement removed, or a compound statement replaced by one of its bodies. */
function* smaller(p: Program): Generator<Program> {
  const count = blocks(p.body).reduce((n, list) => n + list.length, 0);
  for (let target = 0; target < count; target++) {
    for (const mode of ['remove', 'unwrap0', 'unwrap1', 'unwrap2'] as const) {
      const copy = structuredClone(p);
      let seen = 0;
      let changed = false;
      for (const list of blocks(copy.body)) {
        for (let index = 0; index < list.length && !changed; index++) {
          if (seen++ !== target) {
            continue;
          }
          const s = list[index]!;
          if (s.k === 'acquire' || s.k === 'scope') {
            break;
          }
          if (mode === 'remove') {
            list.splice(index, 1);
            changed = true;
          } else {
            const child = childLists(s)[Number(mode.slice(-1))];
            if (child) {
              list.splice(index, 1, ...child);
              changed = true;
            }
          }
        }
        if (changed) {
          break;
        }
      }
      if (changed) {
        yield copy;
      }
    }
  }
}

/** Greedy shrinking: keep taking the first smaller program that still disagrees. */
function shrink(p: Program): Program {
  let current = p;
  for (let improved = true; improved; ) {
    improved = false;
    for (const candidate of smaller(current)) {
      if (fails(candidate)) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

const PROGRAMS = Number(process.env.ORACLE_RUNS ?? 2000);
const SEED = Number(process.env.ORACLE_SEED ?? 20261123);

describe('engine oracle', () => {
  it(`agrees with brute-force path enumeration on ${PROGRAMS} generated programs (seed ${SEED})`, () => {
    // Generate, keep programs small enough to enumerate, and check them all in one TS program.
    const candidates = fc.sample(program, { numRuns: Math.ceil(PROGRAMS * 1.3), seed: SEED });
    const checked: { p: Program; r: Rendered; leaks: Set<string>; file: string; name: string }[] = [];
    for (const p of candidates) {
      if (checked.length === PROGRAMS) {
        break;
      }
      const name = `f${checked.length}`;
      const r = render(p, name);
      try {
        checked.push({ p, r, leaks: enumerateLeaks(r), file: `__oracle_${Math.floor(checked.length / 100)}.ts`, name });
      } catch (error) {
        if (!(error instanceof TooManyPaths)) {
          throw error;
        }
      }
    }
    expect(checked.length).toBe(PROGRAMS);

    const files = new Map<string, string>();
    for (const c of checked) {
      files.set(c.file, (files.get(c.file) ?? HEADER) + c.r.text);
    }
    const harness = createEngineHarness(files);
    const verdicts = new Map<string, Verdict | undefined>();
    for (const file of files.keys()) {
      for (const [name, list] of harness.verdicts(file)) {
        verdicts.set(name, list[0]);
      }
    }

    const failures: Outcome[] = [];
    for (const c of checked) {
      if (disagreement(verdicts.get(c.name), c.leaks)) {
        failures.push({ source: c.r.text, engine: verdicts.get(c.name)?.leakOffsets ?? [], bruteForce: [...c.leaks].sort() });
      }
    }
    if (failures.length > 0) {
      const first = checked.find((c) => c.r.text === failures[0]!.source)!;
      const smallest = shrink(first.p);
      const r = render(smallest, 'f');
      const leaks = enumerateLeaks(r);
      const engine = engineVerdict(r);
      expect.fail(
        `${failures.length} of ${PROGRAMS} programs disagree (seed ${SEED}). Shrunk counterexample:\n${r.text}\n` +
          `engine: ${JSON.stringify(engine?.leakOffsets ?? [])}\nbrute force: ${JSON.stringify([...leaks].sort())}\n` +
          `(${disagreement(engine, leaks)})`,
      );
    }
  }, 600_000);
});
