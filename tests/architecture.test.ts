import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { builtinModels } from '../src/models/index.js';
import { repoDir } from './support/user-project.js';

/**
 * The shape the engine is kept in (CONTRIBUTING.md): no import circle in src/ (type-only
 * imports included), the rules enter the engine through one module, files small enough to
 * read, and library knowledge only in src/models.
 */
const srcDir = path.join(repoDir, 'src');
const files = fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).map((file) => path.join(srcDir, file));

function importsOf(file: string): string[] {
  return ts
    .preProcessFile(fs.readFileSync(file, 'utf8'), true, false)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
}

describe('the layout of src/', () => {
  it('has no import circle, type-only imports included', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, stack: string[]): void => {
      if (state.get(file) === 'done') {
        return;
      }
      if (state.get(file) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map((entry) => path.relative(srcDir, entry)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) {
        visit(next, [...stack, file]);
      }
      state.set(file, 'done');
    };
    for (const file of files) {
      visit(file, []);
    }
    expect(cycles).toEqual([]);
  });

  it('lets the rules into the engine through src/analysis/index.ts only', () => {
    const analysisDir = path.join(srcDir, 'analysis');
    const sideDoors = files
      .filter((file) => !file.startsWith(analysisDir))
      .flatMap((file) => importsOf(file).filter((target) => target.startsWith(analysisDir) && target !== path.join(analysisDir, 'index.ts')).map((target) => `${path.relative(srcDir, file)} → ${path.relative(srcDir, target)}`));
    expect(sideDoors).toEqual([]);
  });

  it('keeps every file under 600 lines, but the flow walker', () => {
    const long = files.filter((file) => !file.endsWith(path.join('analysis', 'flow.ts')) && fs.readFileSync(file, 'utf8').split('\n').length > 600);
    expect(long.map((file) => path.relative(srcDir, file))).toEqual([]);
  });

  it('names no library package outside src/models', () => {
    const packages = new Set(builtinModels.flatMap((model) => model.packages));
    const named = files
      .filter((file) => /[/\\](analysis|rules)[/\\]/.test(file))
      .flatMap((file) => {
        const found: string[] = [];
        const visit = (node: ts.Node): void => {
          if (ts.isStringLiteralLike(node) && packages.has(node.text) && !ts.isImportDeclaration(node.parent)) {
            found.push(`${path.relative(srcDir, file)}: '${node.text}'`);
          }
          ts.forEachChild(node, visit);
        };
        visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
        return found;
      });
    expect(named).toEqual([]);
  });

  it('takes TypeScript from require, never from an ES import of its values', () => {
    // Node lexes a CommonJS module for its export names on every ES import: for the 9 MB
    // typescript.js that is about 70 MB of peak memory in each lint run (issue 20).
    const esImports = files.filter((file) => /^import (?!type )[^;]* from 'typescript';/m.test(fs.readFileSync(file, 'utf8')));
    expect(esImports.map((file) => path.relative(srcDir, file))).toEqual([]);
  });
});
