// Extra flat config for ../shared/realbench/run-baseline.sh: adds every rule of the plugin checkout named by
// PLUGIN_DIR (default: the current directory's parent project is not assumed; set it).
// Usage: PLUGIN_DIR=<checkout> EXTRA_CONFIG=../shared/realbench/plugin-config.mjs ../shared/realbench/run-baseline.sh <name>
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = process.env.PLUGIN_DIR;
if (!dir) throw new Error('set PLUGIN_DIR to the plugin checkout');
const req = createRequire(join(dir, 'package.json'));
const pkg = req('./package.json');
const mod = await import(pathToFileURL(req.resolve(pkg.name)).href).catch(() =>
  import(pathToFileURL(join(dir, pkg.main ?? 'dist/index.js')).href),
);
const plugin = mod.default ?? mod;
// RULES=id,id… turns on only those (to see what one rule costs); every rule by default.
const picked = process.env.RULES?.split(',').filter(Boolean);
const rules = Object.fromEntries(Object.keys(plugin.rules).filter((id) => !picked || picked.includes(id)).map((id) => [`db-leaks/${id}`, 'warn']));
export default [{ files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.cjs'], plugins: { 'db-leaks': plugin }, rules }];
