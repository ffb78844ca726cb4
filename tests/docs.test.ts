import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { docExamples, docsDir, labelOf, lintExample } from './support/docs.js';

/**
 * The docs cannot drift from the rules: each example says what the rule does with it, linted
 * with the whole `recommended` config as a user would see it.
 */
describe('rule docs examples', () => {
  const examples = docExamples();

  it('has both kinds of example for every rule page', () => {
    for (const rule of Object.keys(plugin.rules ?? {})) {
      expect(examples.filter((e) => e.rule === rule && e.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.rule === rule && e.kind === 'correct').length).toBeGreaterThan(0);
    }
  });

  it('labels every example where GitHub and the registry show it, not only in the fence', () => {
    for (const example of examples) {
      const lines = readFileSync(path.join(docsDir, `${example.rule}.md`), 'utf8').split('\n');
      const label = lines.slice(0, example.line - 1).findLast((line) => line.trim() !== '');
      expect(label, `${example.rule}.md:${example.line}`).toBe(labelOf(example));
    }
  });

  it('runs every example on a real server, or says why not', () => {
    const unaccounted = examples.filter((example) => (example.run === undefined) === (example.norun === undefined));
    expect(unaccounted.map((example) => `${example.rule}.md:${example.line}`)).toEqual([]);
  });

  it('words every message the examples produce as a short first sentence, with code quoted intact', async () => {
    const messages = (await Promise.all(examples.map((example) => lintExample(example)))).flat().map((m) => m.message);
    expect(messages.length).toBeGreaterThan(40);
    for (const message of messages) {
      // What leaks, and where, comes first; the advice may follow.
      const first = /^(?:``[^`]*``|`[^`]*`|[^`])*?\.(?=\s|$)/.exec(message)?.[0] ?? message;
      expect(first.length, message).toBeLessThanOrEqual(170);
      expect(message.length, message).toBeLessThanOrEqual(300);
      // Every code span closes: an odd run of backticks would garble the rest of the message.
      expect(message.replace(/``\s[^`]*?(?:`[^`]+`[^`]*?)*\s``|`[^`]+`/g, ''), message).not.toContain('`');
    }
  });

  it.each(examples.map((e) => [`${e.rule}.md:${e.line} (${e.kind})`, e] as const))('%s', async (_name, example) => {
    const lintMessages = await lintExample(example);
    const messages = lintMessages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`);
    if (example.kind === 'correct') {
      expect(messages).toEqual([]);
    } else {
      // Other recommended rules may see the same bad code from their side; the page's must.
      expect(lintMessages.some((m) => m.ruleId === `db-leaks/${example.rule}`), messages.join('\n')).toBe(true);
      expect(lintMessages.every((m) => m.ruleId?.startsWith('db-leaks/')), messages.join('\n')).toBe(true);
    }
  });
});
