import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { docExamples, lintExample } from './support/docs.js';

/** The docs cannot drift from the rules: each example says what the rule does with it. */
describe('rule docs examples', () => {
  const examples = docExamples();

  it('has both kinds of example for every rule page', () => {
    for (const rule of Object.keys(plugin.rules ?? {})) {
      expect(examples.filter((e) => e.rule === rule && e.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.rule === rule && e.kind === 'correct').length).toBeGreaterThan(0);
    }
  });

  it.each(examples.map((e) => [`${e.rule}.md:${e.line} (${e.kind})`, e] as const))('%s', async (_name, example) => {
    const lintMessages = await lintExample(example);
    const messages = lintMessages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`);
    if (example.kind === 'correct') {
      expect(messages).toEqual([]);
    } else {
      expect(messages.length).toBeGreaterThan(0);
      expect(lintMessages.every((m) => m.ruleId === `db-leaks/${example.rule}`)).toBe(true);
    }
  });
});
