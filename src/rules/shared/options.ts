/**
 * @fileoverview Option schemas that several rules share, with descriptions in each rule's words.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** `unknownCalls`: what handing the resource to code the analysis cannot see into means. */
export function unknownCallsSchema(what: string, stillMust: string): JSONSchema4 {
  return {
    type: 'string',
    enum: ['transfer', 'borrow'],
    description: `What passing ${what} to a function the analysis cannot see into (a library function, a function without a body) means: \`transfer\` (the callee owns it now; nothing is reported) or \`borrow\` (${stillMust}).`,
  };
}

/** `exceptions`: which calls count as ways to fail. */
export const exceptionsSchema: JSONSchema4 = {
  type: 'string',
  enum: ['likely', 'all'],
  description:
    'Which evaluations are exception paths: `likely` (awaits of promises, project functions that may throw, and built-ins that throw on bad input such as `JSON.parse`) or `all` (every call, including `new Map()` and `emitter.on()`).',
};
