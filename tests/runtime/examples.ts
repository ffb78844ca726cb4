import { writeFileSync } from 'node:fs';
import ts from 'typescript';

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

/** Whether the plugin reports the example's own rule, linted with the rest of `recommended`. */
export async function lintReports(example: DocExample): Promise<boolean> {
  return (await lintExample(example)).some((message) => message.ruleId === `db-leaks/${example.rule}`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
