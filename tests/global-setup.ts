import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = fileURLToPath(new URL('fixtures/prisma/', import.meta.url));
const prismaCli = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));

/**
 * Generates the Prisma client the cases import, so they run on Prisma's real output (the
 * generated client is declared in the project, not in a package, which is what the plugin must
 * cope with). `prisma generate` wants to download a schema engine it does not use for
 * generation; a no-op executable stands in for it, so this works offline.
 */
export default function setup(): void {
  const schema = path.join(prismaDir, 'schema.prisma');
  const client = path.join(prismaDir, '..', 'generated', 'prisma', 'client.ts');
  if (existsSync(client) && statSync(client).mtimeMs > statSync(schema).mtimeMs) {
    return;
  }
  const engineDir = mkdtempSync(path.join(tmpdir(), 'db-leaks-prisma-'));
  try {
    const engine = path.join(engineDir, 'schema-engine');
    writeFileSync(engine, '#!/bin/sh\nexit 0\n');
    chmodSync(engine, 0o755);
    execFileSync(process.execPath, [prismaCli, 'generate'], {
      cwd: prismaDir,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: 'pipe',
    });
  } finally {
    rmSync(engineDir, { recursive: true, force: true });
  }
}
