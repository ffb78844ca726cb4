import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createEngineHarness, type Verdict } from './harness.js';

/**
 * Oracle for the engine, and its main guard. fast-check generates small functions over the real
 * pg typings: a client acquired once or twice (`let client` at the top, or `const client` in a
 * block), or a transaction begun once or twice on a client the function is given; `if`/`else`
 * on chance or on a local flag set to literals (conditions that travel together); `while`,
 * `for`, `for…of` and `do` loops with plain and labelled `break`/`continue`; `switch` with
 * fall-through; labelled blocks; `try`/`catch`/`finally`; `return`, `throw`, awaited and plain
 * calls that may throw, and awaits whose `.catch()` swallows; the client returned or handed to
 * a function, released through `&&`, `?:`, a local cleanup arrow or a promise's `.finally()`;
 * the transaction committed, rolled back, released while open, or destroyed (`release(err)`).
 *
 * Each program is rendered as TypeScript and given to the engine, and separately executed by a
 * concrete interpreter that enumerates every sequence of choices (each condition both ways,
 * each throwing call throws or not, each loop run 0–3 times). Control flow in the interpreter
 * is JavaScript's own: `finally` is a real `finally`, abrupt completions are real exceptions.
 *
 * Two-sided: the set of leaking exits the engine names must equal the set the interpreter
 * finds. `npm test` checks three fixed seeds and one fresh seed (printed, so a failure can be
 * replayed with ORACLE_SEED); `npm run test:oracle` checks 100,000 programs, and
 * `npm run test:oracle:mutants` shows that the fixed seeds catch known mutants of the walker.
 * Not generated: generators (the engine does not analyse them), `using`, `.then()` releases
 * (reported as a finding of their own), and callbacks that acquire.
 */
/** Statements that touch the client (or, for transactions, the handle) and plain effects. */
type Leaf =
  | { k: 'release' }
  | { k: 'await' }
  | { k: 'awaitCaught' }
  | { k: 'sync' }
  | { k: 'return' }
  | { k: 'throw' }
  | { k: 'break' | 'continue'; pick: number; plain: boolean }
  // A local flag set to a literal, and tested by `if (ok)` / `if (!ok)` conditions.
  | { k: 'setFlag'; value: boolean }
  // Client programs: ownership handed on, and releases written other ways.
  | { k: 'returnClient' }
  | { k: 'handOff' }
  | { k: 'releaseIfRandom' }
  | { k: 'ternaryRelease' }
  | { k: 'callCleanup' }
  | { k: 'finallyRelease' }
  // Transaction programs: the transaction ends, or the handle goes back with it open.
  | { k: 'commit' }
  | { k: 'rollback' }
  | { k: 'releaseHandle' }
  | { k: 'destroyHandle' };
type Condition = 'random' | 'flag' | 'notFlag';
type LoopForm = 'while' | 'for' | 'forOf' | 'do';
type Stmt =
  | Leaf
  | { k: 'if'; cond: Condition; then: Stmt[]; else?: Stmt[] }
  | { k: 'while'; form: LoopForm; body: Stmt[] }
  | { k: 'try'; block: Stmt[]; handler?: Stmt[]; finalizer?: Stmt[] }
  | { k: 'switch'; cases: Stmt[][]; hasDefault: boolean }
  | { k: 'label'; body: Stmt[] }
  | { k: 'acquire' }
  | { k: 'begin' }
  | { k: 'scope'; body: Stmt[] };

interface Program {
  /**
   * `function`: `let client` at the top, acquired anywhere (once or more); `block`: `const
   * client` in a block; `transaction`: `BEGIN` anywhere on a client the function is given.
   */
  variant: 'function' | 'block' | 'transaction';
  body: Stmt[];
}

// Fresh objects: fc.constant() returns one shared instance, and statements are keyed by identity.
const jump = fc.record({ k: fc.constantFrom('break' as const, 'continue' as const), pick: fc.nat(3), plain: fc.boolean() });
const commonLeaves = [
  { weight: 3, arbitrary: fc.constant({ k: 'await' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'awaitCaught' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'return' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'throw' as const }) },
  { weight: 2, arbitrary: jump },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('setFlag' as const), value: fc.boolean() }) },
];
const clientLeaf: fc.Arbitrary<Leaf> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant({ k: 'release' as const }) },
    ...commonLeaves,
    { weight: 1, arbitrary: fc.constantFrom<Leaf>({ k: 'returnClient' }, { k: 'handOff' }, { k: 'releaseIfRandom' }, { k: 'ternaryRelease' }, { k: 'callCleanup' }, { k: 'finallyRelease' }) },
  )
  .map((l) => ({ ...l }));
const transactionLeaf: fc.Arbitrary<Leaf> = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom<Leaf>({ k: 'commit' }, { k: 'rollback' }) },
    { weight: 1, arbitrary: fc.constantFrom<Leaf>({ k: 'releaseHandle' }, { k: 'destroyHandle' }) },
    ...commonLeaves,
  )
  .map((l) => ({ ...l }));

function statementsOf(leaf: fc.Arbitrary<Leaf>): fc.Arbitrary<Stmt[]> {
  return fc.letrec<{ statements: Stmt[]; statement: Stmt }>((tie) => ({
    statements: fc.array(tie('statement'), { minLength: 0, maxLength: 3 }),
    statement: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: leaf },
      {
        weight: 2,
        arbitrary: fc.record(
          { k: fc.constant('if' as const), cond: fc.constantFrom<Condition>('random', 'random', 'flag', 'notFlag'), then: tie('statements'), else: fc.option(tie('statements'), { nil: undefined }) },
          { requiredKeys: ['k', 'cond', 'then'] },
        ),
      },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('while' as const), form: fc.constantFrom<LoopForm>('while', 'for', 'forOf', 'do'), body: tie('statements') }) },
      {
        weight: 2,
        arbitrary: fc
          .record(
            {
              k: fc.constant('try' as const),
              block: tie('statements'),
              handler: fc.option(tie('statements'), { nil: undefined }),
              finalizer: fc.option(tie('statements'), { nil: undefined }),
            },
            { requiredKeys: ['k', 'block'] },
          )
          .map((t) => (t.handler || t.finalizer ? t : { ...t, finalizer: [] })),
      },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('switch' as const), cases: fc.array(tie('statements'), { minLength: 1, maxLength: 2 }), hasDefault: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('label' as const), body: tie('statements') }) },
    ) as fc.Arbitrary<Stmt>,
  })).statements;
}

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

/**
 * Places the acquisitions: one or two statements anywhere (function variant), a scope block
 * (block variant), or one or two `BEGIN`s (transaction variant).
 */
const program: fc.Arbitrary<Program> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ variant: fc.constantFrom('function' as const, 'block' as const), body: statementsOf(clientLeaf), where: fc.nat(), at: fc.nat(), span: fc.nat(3), second: fc.option(fc.nat(), { nil: undefined }) })
      .map(({ variant, body, where, at, span, second }) => {
        const copy = structuredClone(body);
        const lists = blocks(copy);
        const list = lists[where % lists.length]!;
        const index = at % (list.length + 1);
        if (variant === 'function') {
          list.splice(index, 0, { k: 'acquire' });
          if (second !== undefined) {
            const other = lists[second % lists.length]!;
            other.splice(second % (other.length + 1), 0, { k: 'acquire' });
          }
        } else {
          const moved = list.splice(index, span);
          list.splice(index, 0, { k: 'scope', body: moved });
        }
        return { variant, body: copy };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ body: statementsOf(transactionLeaf), where: fc.nat(), at: fc.nat(), second: fc.option(fc.nat(), { nil: undefined }) }).map(({ body, where, at, second }) => {
      const copy = structuredClone(body);
      const lists = blocks(copy);
      for (const pick of second === undefined ? [where] : [where, second]) {
        const list = lists[pick % lists.length]!;
        list.splice((pick === where ? at : pick) % (list.length + 1), 0, { k: 'begin' });
      }
      return { variant: 'transaction' as const, body: copy };
    }),
  },
);

// --- rendering -------------------------------------------------------------------------

interface Offsets {
  start: number;
  /** Where the awaited part of an acquisition, or the alternative of a ternary, starts. */
  await?: number;
  end?: number;
  target?: Stmt;
}

interface Rendered {
  /** The program as rendered: a copy, with statements that cannot appear where they are turned into plain calls. */
  program: Program;
  text: string;
  /** Jump targets and offsets the interpreter needs, by statement object. */
  offsets: Map<Stmt, Offsets>;
  bodyEnd: number;
}

const HEADER = `import { Pool, type PoolClient } from 'pg';
declare const pool: Pool;
declare const items: string[];
declare function work(): Promise<void>;
// A project function whose body may throw: a synchronous exception edge under the default policy.
function sync(): void {
  if (Math.random() < 0.5) throw new Error('sync');
}
declare function keep(client: PoolClient | undefined): void;
`;

/** Whether a statement names the client, so it cannot appear outside the block that declares it. */
const NEEDS_CLIENT = new Set<Stmt['k']>(['release', 'returnClient', 'handOff', 'releaseIfRandom', 'ternaryRelease', 'finallyRelease', 'callCleanup']);

function render(input: Program, name: string): Rendered {
  const p = structuredClone(input);
  let text = '';
  const offsets: Rendered['offsets'] = new Map();
  const labels = new Map<Stmt, string>();
  const emit = (s: string): void => {
    text += s;
  };
  const chance = '(Math.random() < 0.5)';
  // The flag lives with the client: at the top of the function, or in the block that declares it.
  const flagDeclared = (inScope: boolean): boolean => p.variant !== 'block' || inScope;
  const condition = (cond: Condition, inScope: boolean): string =>
    cond === 'random' || !flagDeclared(inScope) ? chance : cond === 'flag' ? '(ok)' : '(!ok)';
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
  const asSync = (s: Stmt): void => {
    (s as { k: string }).k = 'sync';
    emit('sync();\n');
  };
  const statement = (s: Stmt, targets: Stmt[], inScope: boolean, indent: string): void => {
    emit(indent);
    const start = text.length;
    const info: Offsets = { start };
    offsets.set(s, info);
    const inner = `${indent}  `;
    if (p.variant === 'block' && !inScope && NEEDS_CLIENT.has(s.k)) {
      // Out of the client's scope, these would not compile; they become plain calls.
      asSync(s);
      return;
    }
    const client = p.variant === 'function' ? 'client?' : 'client';
    switch (s.k) {
      case 'acquire':
        emit('client = ');
        info.await = text.length;
        emit('await pool.connect();\n');
        return;
      case 'begin':
        emit("await c.query('BEGIN');\n");
        return;
      case 'release':
        emit(`${client}.release();\n`);
        return;
      case 'await':
        emit('await work();\n');
        return;
      case 'awaitCaught':
        emit('await work().catch(() => undefined);\n');
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
      case 'setFlag':
        if (!flagDeclared(inScope)) {
          asSync(s);
          return;
        }
        emit(`ok = ${s.value};\n`);
        return;
      case 'returnClient':
        emit('return client;\n');
        return;
      case 'handOff':
        emit('keep(client);\n');
        return;
      case 'releaseIfRandom':
        emit(`Math.random() < 0.5 && ${client}.release();\n`);
        return;
      case 'ternaryRelease':
        emit(`Math.random() < 0.5 ? ${client}.release() : `);
        info.await = text.length;
        emit('sync();\n');
        return;
      case 'callCleanup':
        if (p.variant !== 'function') {
          asSync(s);
          return;
        }
        emit('cleanup();\n');
        return;
      case 'finallyRelease':
        emit(`await work().finally(() => ${client}.release());\n`);
        return;
      case 'commit':
        emit("await c.query('COMMIT');\n");
        return;
      case 'rollback':
        emit("await c.query('ROLLBACK');\n");
        return;
      case 'releaseHandle':
        emit('c.release();\n');
        return;
      case 'destroyHandle':
        emit("c.release(new Error('abort'));\n");
        return;
      case 'break':
      case 'continue': {
        const valid = targets.filter((t) => s.k === 'break' || t.k === 'while');
        if (valid.length === 0) {
          asSync(s);
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
        if (!flagDeclared(inScope)) {
          s.cond = 'random';
        }
        emit(`if ${condition(s.cond, inScope)} {\n`);
        statementList(s.then, targets, inScope, inner);
        emit(`${indent}}`);
        if (s.else) {
          emit(' else {\n');
          statementList(s.else, targets, inScope, inner);
          emit(`${indent}}`);
        }
        emit('\n');
        return;
      case 'while': {
        const head = {
          while: `while ${chance} {\n`,
          for: `for (let i = 0; i < 3 && Math.random() < 0.5; i++) {\n`,
          forOf: `for (const item of items) {\n${inner}void item;\n`,
          do: 'do {\n',
        }[s.form];
        emit(`${label(s)}: ${head}`);
        statementList(s.body, [...targets, s], inScope, inner);
        emit(s.form === 'do' ? `${indent}} while ${chance};\n` : `${indent}}\n`);
        return;
      }
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
        emit(`${inner}let ok = false;\n`);
        statementList(s.body, targets, true, inner);
        emit(indent);
        emit('}');
        info.end = text.length;
        emit('\n');
        return;
    }
  };
  emit(p.variant === 'transaction' ? `export async function ${name}(c: PoolClient) {\n` : `export async function ${name}() {\n`);
  if (p.variant === 'function') {
    emit('  let client: PoolClient | undefined;\n');
    emit('  const cleanup = () => client?.release();\n');
  }
  if (p.variant !== 'block') {
    emit('  let ok = false;\n');
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

/** Statements that give the client back or hand it on where the engine sees it. */
const GIVES_BACK = new Set<Stmt['k']>(['release', 'returnClient', 'releaseIfRandom', 'ternaryRelease', 'callCleanup', 'finallyRelease']);

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

/**
 * One path: `held` is the client held (or the transaction open). JavaScript's own `try`,
 * `finally` and exceptions carry the control flow, so the interpreter cannot share a bug with
 * the engine's walker.
 */
function run(p: Program, r: Rendered, choose: (arity: number) => number, leaks: Set<string>): void {
  let held = false;
  // Each `BEGIN` is its own obligation: beginning again is a leak only where the same statement
  // runs again while the transaction it began is open (a loop).
  const openedBy = new Set<Stmt>();
  let flag = false;
  const at = (s: Stmt): Offsets => r.offsets.get(s)!;
  const leakBy = (signal: Signal): void => {
    const kind = signal.kind === 'throw' && !signal.statement ? 'exception' : 'exit';
    leaks.add(`${kind}@${signal.at}`);
  };
  const mayThrow = (offset: number): void => {
    if (choose(2) === 1) {
      throw new Signal('throw', offset);
    }
  };
  const givenBackLater = (offset: number): boolean =>
    [...r.offsets].some(([other, at]) => GIVES_BACK.has(other.k) && at.start > offset);
  const test = (cond: Condition): boolean => (cond === 'random' ? choose(2) === 0 : cond === 'flag' ? flag : !flag);
  const list = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      statement(s);
    }
  };
  const loop = (s: Extract<Stmt, { k: 'while' }>): void => {
    for (let iteration = 0; iteration < MAX_ITERATIONS && ((s.form === 'do' && iteration === 0) || choose(2) === 1); iteration++) {
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
      case 'begin':
        mayThrow(info.start);
        if (openedBy.has(s)) {
          leaks.add(`overwritten@${info.start}`);
        }
        openedBy.add(s);
        held = true;
        return;
      case 'release':
      case 'callCleanup':
        // The cleanup arrow only releases: no exception edge of its own.
        held = false;
        return;
      case 'commit':
      case 'rollback':
        // Ended before the awaited query can fail; the failure still takes its own path.
        held = false;
        openedBy.clear();
        mayThrow(info.start);
        return;
      case 'destroyHandle':
        held = false;
        openedBy.clear();
        return;
      case 'releaseHandle':
        if (held) {
          leaks.add(`releasedWhileOpen@${info.start}`);
        }
        held = false;
        openedBy.clear();
        return;
      case 'await':
      case 'sync':
        mayThrow(info.start);
        return;
      case 'awaitCaught':
        return;
      case 'setFlag':
        flag = s.value;
        return;
      case 'return':
        throw new Signal('return', info.start);
      case 'returnClient':
        held = false;
        throw new Signal('return', info.start);
      case 'handOff':
        // Handed to a declared function with no body: it takes the client, unless the function
        // gives it back later itself (evidence that the call only borrowed it). Not an
        // exception edge by default.
        if (!givenBackLater(info.start)) {
          held = false;
        }
        return;
      case 'releaseIfRandom':
        if (choose(2) === 0) {
          held = false;
        }
        return;
      case 'ternaryRelease':
        if (choose(2) === 0) {
          held = false;
        } else {
          mayThrow(info.await!);
        }
        return;
      case 'finallyRelease':
        held = false;
        mayThrow(info.start);
        return;
      case 'throw':
        throw new Signal('throw', info.start, undefined, true);
      case 'break':
      case 'continue':
        throw new Signal(s.k, info.start, info.target);
      case 'if':
        list(test(s.cond) ? s.then : (s.else ?? []));
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
        loop(s);
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
      case 'scope': {
        mayThrow(info.await!);
        held = true;
        const outerFlag = flag;
        flag = false;
        try {
          list(s.body);
        } catch (signal) {
          if (held && signal instanceof Signal) {
            leakBy(signal);
          }
          held = false;
          throw signal;
        } finally {
          flag = outerFlag;
        }
        if (held) {
          leaks.add(`exit@${info.end}`);
        }
        held = false;
        return;
      }
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

/** Two-sided: the engine must name exactly the exits that some enumerated path leaks through. */
function disagreement(engineLeaks: readonly string[], bruteForce: Set<string>): string | undefined {
  const invented = engineLeaks.filter((leak) => !bruteForce.has(leak));
  const missed = [...bruteForce].filter((leak) => !engineLeaks.includes(leak));
  const problems = [
    ...(invented.length > 0 ? [`engine names exits no path leaks through: ${invented.join(', ')}`] : []),
    ...(missed.length > 0 ? [`engine misses leaking exits: ${missed.join(', ')}`] : []),
  ];
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Every leak the engine names in function `name`, over all its acquisitions (or transactions). */
function engineLeaks(harness: ReturnType<typeof createEngineHarness>, file: string, p: Program): Map<string, string[]> {
  if (p.variant === 'transaction') {
    return harness.transactionLeakOffsets(file);
  }
  const union = new Map<string, string[]>();
  for (const [name, verdicts] of harness.verdicts(file)) {
    union.set(name, [...new Set(verdicts.flatMap((verdict: Verdict) => verdict.leakOffsets))].sort());
  }
  return union;
}

function engineVerdictOf(p: Program, r: Rendered): string[] {
  const harness = createEngineHarness(new Map([['__shrink.ts', HEADER + r.text]]));
  return engineLeaks(harness, '__shrink.ts', p).get('f') ?? [];
}

function fails(p: Program): boolean {
  const r = render(p, 'f');
  try {
    return disagreement(engineVerdictOf(p, r), enumerateLeaks(r)) !== undefined;
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
          if (s.k === 'acquire' || s.k === 'scope' || s.k === 'begin') {
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

/** Generates `count` programs small enough to enumerate and checks them all in one TS program. */
function check(seed: number, count: number): void {
  const candidates = fc.sample(program, { numRuns: Math.ceil(count * 1.3), seed });
  const checked: { p: Program; r: Rendered; leaks: Set<string>; file: string; name: string }[] = [];
  for (const p of candidates) {
    if (checked.length === count) {
      break;
    }
    const name = `f${checked.length}`;
    const r = render(p, name);
    try {
      checked.push({ p, r, leaks: enumerateLeaks(r), file: `__oracle_${p.variant}_${Math.floor(checked.length / 100)}.ts`, name });
    } catch (error) {
      if (!(error instanceof TooManyPaths)) {
        throw error;
      }
    }
  }
  expect(checked.length).toBe(count);

  const files = new Map<string, string>();
  const variants = new Map<string, Program>();
  for (const c of checked) {
    files.set(c.file, (files.get(c.file) ?? HEADER) + c.r.text);
    variants.set(c.file, c.p);
  }
  const harness = createEngineHarness(files);
  const verdicts = new Map<string, string[]>();
  for (const [file, p] of variants) {
    for (const [name, leaks] of engineLeaks(harness, file, p)) {
      verdicts.set(name, leaks);
    }
  }

  const failures = checked.filter((c) => disagreement(verdicts.get(c.name) ?? [], c.leaks) !== undefined);
  if (failures.length > 0) {
    const smallest = shrink(failures[0]!.p);
    const r = render(smallest, 'f');
    const leaks = enumerateLeaks(r);
    const engine = engineVerdictOf(smallest, r);
    expect.fail(
      `${failures.length} of ${count} programs disagree (seed ${seed}; rerun with ORACLE_SEED=${seed}). Shrunk counterexample:\n${r.text}\n` +
        `engine: ${JSON.stringify(engine)}\nbrute force: ${JSON.stringify([...leaks].sort())}\n(${disagreement(engine, leaks)})`,
    );
  }
}

/** Seeds every run checks, then one fresh seed per run, printed so a failure can be replayed. */
const FIXED_SEEDS = [20261123, 20261206, 7];
const PROGRAMS = Number(process.env.ORACLE_RUNS ?? 1500);
const FRESH_SEED = Number(process.env.ORACLE_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('engine oracle', () => {
  it.each(FIXED_SEEDS)(`names exactly the leaking exits of ${PROGRAMS} generated programs (fixed seed %i)`, (seed) => {
    check(seed, PROGRAMS);
  }, 600_000);

  it(`names exactly the leaking exits of ${PROGRAMS} generated programs (fresh seed ${FRESH_SEED})`, () => {
    check(FRESH_SEED, PROGRAMS);
  }, 600_000);
});
