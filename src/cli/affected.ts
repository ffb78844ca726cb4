#!/usr/bin/env node
/**
 * @fileoverview `db-leaks-affected [--project tsconfig.json] <files…>`: prints, one per line,
 * the files to lint when `files` changed: them and the files with database code that import
 * them. For pre-commit hooks: lint what this prints, not only what is staged.
 */
import { affectedFiles } from '../affected.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('Usage: db-leaks-affected [--project <tsconfig.json>] <files…>\nPrints the files to lint when <files> changed: them, and the files with database code that import them.');
  process.exit(0);
}
let project: string | undefined;
const files: string[] = [];
for (let index = 0; index < args.length; index++) {
  if (args[index] === '--project' || args[index] === '-p') {
    project = args[++index];
  } else {
    files.push(args[index]!);
  }
}
for (const file of affectedFiles(files, { project })) {
  console.log(file);
}
