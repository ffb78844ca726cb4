import path from 'node:path';
import ts from 'typescript';

import { getEngine } from '../../src/analysis/engine.js';
import { builtinModels } from '../../src/models/index.js';
import { fixturesDir } from '../support/rule-tester.js';

/** What the engine concluded about one acquisition, as comparable strings. */
export interface Verdict {
  readonly discarded: boolean;
  /**
   * Each leak path as `kind: code`, where code is the first line of the node the path leaves
   * through (`exit: return null`, `exception: await work()`), or `<end>` when control falls off
   * the end of the scope. Offsets are available for generated programs via `leakOffsets`.
   */
  readonly leaks: string[];
  /** `kind@offset` for each leak path, offset relative to the start of the function. */
  readonly leakOffsets: string[];
}

/**
 * Builds one TypeScript program from in-memory files (beside the fixture tsconfig, so the real
 * library typings resolve) and gives engine verdicts for the acquisitions in it.
 */
export function createEngineHarness(files: ReadonlyMap<string, string>) {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(fixturesDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  })!;
  const sources = new Map([...files].map(([name, text]) => [path.join(fixturesDir, name), text]));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (fileName) => sources.get(path.resolve(fileName)) ?? readFile(fileName);
  host.fileExists = (fileName) => sources.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...sources.keys()], config.options, host);
  const engine = getEngine(program, builtinModels);

  return {
    program,
    engine,
    /** Syntax and type errors of a file, so a test cannot pass on code the checker rejects. */
    diagnostics(name: string): string[] {
      const file = program.getSourceFile(path.join(fixturesDir, name))!;
      return ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
    /**
     * Transaction verdicts for every function declaration in `name`: for each transaction
     * begun on a handle, its leak paths as `kind: code` (see {@link Verdict}).
     */
    transactionVerdicts(name: string): Map<string, string[][]> {
      const file = program.getSourceFile(path.join(fixturesDir, name))!;
      const result = new Map<string, string[][]>();
      for (const statement of file.statements) {
        if (!ts.isFunctionDeclaration(statement) || !statement.name) {
          continue;
        }
        const verdicts: string[][] = [];
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
            const finding = engine.transactionBegin(node, { unknownCalls: 'transfer' });
            if (finding?.kind === 'tracked') {
              verdicts.push([...new Set(finding.result.leaks.map((leak) => `${leak.kind}: ${describe(leak.at, file)}`))].sort());
            } else if (finding) {
              verdicts.push(['onPool']);
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(statement);
        result.set(statement.name.text, verdicts);
      }
      return result;
    },
    /** For every function declaration in `name`, the leaks of all its transactions as `kind@offset` (see {@link Verdict}). */
    transactionLeakOffsets(name: string): Map<string, string[]> {
      const file = program.getSourceFile(path.join(fixturesDir, name))!;
      const result = new Map<string, string[]>();
      for (const statement of file.statements) {
        if (!ts.isFunctionDeclaration(statement) || !statement.name) {
          continue;
        }
        const base = statement.getStart(file);
        const offsets = new Set<string>();
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node)) {
            const finding = engine.transactionBegin(node, { unknownCalls: 'transfer' });
            for (const leak of finding?.kind === 'tracked' ? finding.result.leaks : []) {
              offsets.add(`${leak.kind}@${leakOffset(leak.at, file) - base}`);
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(statement);
        result.set(statement.name.text, [...offsets].sort());
      }
      return result;
    },
    /** Verdicts for every function declaration in `name`, by function name. */
    verdicts(name: string, options = { unknownCalls: 'transfer' as const }): Map<string, Verdict[]> {
      const file = program.getSourceFile(path.join(fixturesDir, name))!;
      const result = new Map<string, Verdict[]>();
      for (const statement of file.statements) {
        if (!ts.isFunctionDeclaration(statement) || !statement.name) {
          continue;
        }
        const verdicts: Verdict[] = [];
        const base = statement.getStart(file);
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node)) {
            const finding = engine.acquisition(node, options);
            if (finding?.kind === 'discarded' || finding?.kind === 'alwaysLeaks' || finding?.kind === 'unreleasedField') {
              verdicts.push({ discarded: true, leaks: [], leakOffsets: [] });
            } else if (finding) {
              const leaks = finding.result.leaks.map((leak) => `${leak.kind}: ${describe(leak.at, file)}`);
              const offsets = finding.result.leaks.map((leak) => `${leak.kind}@${leakOffset(leak.at, file) - base}`);
              verdicts.push({ discarded: false, leaks: [...new Set(leaks)].sort(), leakOffsets: [...new Set(offsets)].sort() });
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(statement);
        result.set(statement.name.text, verdicts);
      }
      return result;
    },
  };
}

function isScopeNode(at: ts.Node): boolean {
  return ts.isBlock(at) || ts.isFunctionLike(at) || ts.isIterationStatement(at, false) || ts.isSwitchStatement(at);
}

function describe(at: ts.Node, file: ts.SourceFile): string {
  return isScopeNode(at) ? '<end>' : at.getText(file).split('\n')[0]!.replace(/;$/, '');
}

/** Where a leak is located: a node's start, or for a scope that ends normally, its end. */
function leakOffset(at: ts.Node, file: ts.SourceFile): number {
  return isScopeNode(at) ? at.getEnd() : at.getStart(file);
}
