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
}

/**
 * The examples of every rule page: fenced blocks whose info string is `ts correct` or
 * `ts incorrect`. Other blocks (configuration snippets, output) are not examples.
 */
export function docExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of fs.readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const rule = file.replace(/\.md$/, '');
    const lines = fs.readFileSync(path.join(docsDir, file), 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      const match = /^```ts (correct|incorrect)\s*$/.exec(lines[index]!);
      if (!match) {
        continue;
      }
      const end = lines.indexOf('```', index + 1);
      examples.push({ rule, kind: match[1] as DocExample['kind'], code: lines.slice(index + 1, end).join('\n'), line: index + 1 });
      index = end;
    }
  }
  return examples;
}
