/**
 * @fileoverview The files whose findings a change to some files can change: the files
 * themselves and, through the program's imports, every file that imports them and holds
 * database code. ESLint's cache and lint-staged know only each file's own content; the rules
 * follow clients, transactions and network calls into other files, so a pre-commit hook must
 * lint the importers of what it stages too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts = require('typescript');

import { builtinModels } from './models/index.js';

export interface AffectedOptions {
  /** Where to look for `tsconfig.json` (default: the current directory). */
  readonly cwd?: string;
  /** The tsconfig file (default: the nearest `tsconfig.json` at or above `cwd`). */
  readonly project?: string;
}

/** Packages whose import marks a file as database code: every modelled library's. */
const DATABASE_PACKAGES = new Set(builtinModels.flatMap((model) => model.packages));

/**
 * `files` and the project files that import them, directly or through other files, and hold
 * database code (they import a database library, or a project file that does). Paths are
 * absolute; files outside the project are returned as given. In a git work tree, importers that
 * git does not track are left out: they are not part of what is committed.
 */
export function affectedFiles(files: readonly string[], options: AffectedOptions = {}): string[] {
  const cwd = options.cwd ?? process.cwd();
  const changed = files.map((file) => path.resolve(cwd, file));
  const configFile = options.project ? path.resolve(cwd, options.project) : ts.findConfigFile(cwd, (file) => ts.sys.fileExists(file));
  if (!configFile) {
    return changed;
  }
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) {
    return changed;
  }
  const projectFiles = new Set(config.fileNames.map((file) => path.resolve(file)));
  const importers = new Map<string, Set<string>>();
  const databaseCode = new Set<string>();
  const projectImports = new Map<string, string[]>();
  const cache = ts.createModuleResolutionCache(cwd, (name) => name, config.options);
  for (const file of projectFiles) {
    const text = fs.readFileSync(file, 'utf8');
    const imported = ts.preProcessFile(text, true, true).importedFiles;
    const own: string[] = [];
    for (const { fileName: specifier } of imported) {
      const resolved = ts.resolveModuleName(specifier, file, config.options, ts.sys, cache).resolvedModule;
      const target = resolved && path.resolve(resolved.resolvedFileName);
      if (target && projectFiles.has(target) && !resolved.isExternalLibraryImport) {
        own.push(target);
        let set = importers.get(target);
        if (!set) {
          set = new Set();
          importers.set(target, set);
        }
        set.add(file);
      } else if (DATABASE_PACKAGES.has(packageName(specifier)) || (target && /[/\\]\.prisma[/\\]|[/\\]generated[/\\]prisma[/\\]/.test(target))) {
        databaseCode.add(file);
      }
    }
    projectImports.set(file, own);
  }
  // One hop more: `import { pool } from './db'` is database code too.
  const holdsDatabaseCode = (file: string): boolean =>
    databaseCode.has(file) || (projectImports.get(file) ?? []).some((imported) => databaseCode.has(imported));
  const tracked = trackedFiles(cwd);
  const result = new Set(changed);
  const queue = [...changed];
  while (queue.length > 0) {
    for (const importer of importers.get(queue.pop()!) ?? []) {
      if (!result.has(importer) && (!tracked || tracked.has(importer))) {
        result.add(importer);
        queue.push(importer);
      }
    }
  }
  return [...result].filter((file) => changed.includes(file) || holdsDatabaseCode(file));
}

/** `pg` for `pg`, `pg/lib/x`; `@prisma/client` for `@prisma/client/runtime`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The files git tracks in the work tree around `cwd`, or `undefined` outside one. */
function trackedFiles(cwd: string): Set<string> | undefined {
  try {
    const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
    return new Set(listed.split('\0').filter(Boolean).map((file) => path.resolve(root, file)));
  } catch {
    return undefined;
  }
}
