import { writeFileSync } from 'node:fs';
import ts from 'typescript';
import { expect, it } from 'vitest';

import { type DocExample, lintExample } from '../support/docs.js';

/** The rules about a pool as a whole: their examples run in tests/runtime/pool-rules.runtime.ts. */
export const WHOLE_POOL_RULES: readonly string[] = ['require-pool-error-handler', 'pool-size-budget'];

/** Writes a docs example as the ES module a service would run (types stripped), to `file`. */
export function writeExampleModule(code: string, file: string): void {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  writeFileSync(file, outputText);
}

/**
 * Evaluates the call written in the docs' fence (`findOrder(404)`, `[pool, reports]`) with the
 * example's exports in scope, and the harness's own values (`client`, `conn`) beside them.
 */
export function callRun(example: DocExample, module: Record<string, unknown>, harness: Readonly<Record<string, unknown>> = {}): unknown {
  const scope = { ...module, ...harness };
  const call = new Function(...Object.keys(scope), `return ${example.run}`) as (...values: unknown[]) => unknown;
  return call(...Object.values(scope));
}

/**
 * One test per example: the server must show the leak exactly for the `incorrect` ones, and the
 * plugin (its rule linted with the rest of `recommended`) must report exactly those.
 * `runOnServer` runs the example and says whether it leaked, with the evidence shown on failure.
 */
export function itAgreesWithTheServer(
  examples: readonly DocExample[],
  runOnServer: (example: DocExample, index: number) => Promise<{ leaked: boolean; evidence: unknown }>,
  timeoutMs: number,
): void {
  it.each(examples.map((example, index) => [`${example.rule}.md:${example.line} (${example.kind}) ${example.run}`, example, index] as const))(
    '%s',
    async (_name, example, index) => {
      const { leaked, evidence } = await runOnServer(example, index);
      const reported = (await lintExample(example)).some((message) => message.ruleId === `db-leaks/${example.rule}`);
      expect({ leaked, reported, evidence }).toMatchObject({ leaked: example.kind === 'incorrect', reported: example.kind === 'incorrect' });
    },
    timeoutMs,
  );
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
