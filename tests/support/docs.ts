import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');

export interface DocExample {
  rule: string;
  kind: 'correct' | 'incorrect';
  code: string;
  /** 1-based line of the opening fence in the Markdown file. */
  line: number;
  /**
   * For examples the runtime suite executes on PostgreSQL (`run="findUser('missing')"` in the
   * fence's info string): the call that takes the path the example is about.
   */
  run?: string;
  /** SQL run in the example's fresh database before the call (`setup="…"`), to steer it onto that path. */
  setup?: string;
}

/**
 * The examples of every rule page: fenced blocks whose info string is `ts correct` or
 * `ts incorrect`, optionally followed by `run="…"` and `setup="…"` for the runtime suite.
 * Other blocks (configuration snippets, output) are not examples.
 */
export function docExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of fs.readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const rule = file.replace(/\.md$/, '');
    const lines = fs.readFileSync(path.join(docsDir, file), 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      const match = /^```ts (correct|incorrect)((?:\s+\w+="[^"]*")*)\s*$/.exec(lines[index]!);
      if (!match) {
        continue;
      }
      const attributes = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]]));
      const end = lines.indexOf('```', index + 1);
      examples.push({
        rule,
        kind: match[1] as DocExample['kind'],
        code: lines.slice(index + 1, end).join('\n'),
        line: index + 1,
        run: attributes.run,
        setup: attributes.setup,
      });
      index = end;
    }
  }
  return examples;
}
