import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throw-away PostgreSQL cluster on 127.0.0.1, owned by this test run. */
export interface Cluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The temporary directory that holds the data directory, the socket and the log. */
  readonly dir: string;
  stop(): void;
}

export const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL tool, as the `postgres` user when we are root (PostgreSQL refuses root). */
function pgTool(tool: string, args: string[]): void {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', tool, ...args]] : [tool, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${tool} failed: ${result.error?.message ?? ''}${result.stderr}${result.stdout}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `initdb` and `pg_ctl` are on PATH. */
export function postgresInstalled(): boolean {
  return ['initdb', 'pg_ctl'].every((tool) => spawnSync(tool, ['--version']).status === 0);
}

/**
 * Starts a cluster in a new temporary directory on a free port, with the server `settings` given
 * (`{ max_connections: 100 }`). `stop()` stops it and removes
 * the directory; it is also called when the process exits or is interrupted.
 */
export async function startCluster(settings: Readonly<Record<string, string | number>> = {}): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'db-leaks-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot) {
    chmodSync(dir, 0o755);
    chownSync(dir, uid('postgres'), gid('postgres'));
  }
  let running = false;
  const stop = (): void => {
    if (running) {
      running = false;
      const stopArgs = ['-D', dataDir, '-m', 'immediate', 'stop'];
      if (isRoot) {
        spawnSync('runuser', ['-u', 'postgres', '--', 'pg_ctl', ...stopArgs]);
      } else {
        spawnSync('pg_ctl', stopArgs);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    pgTool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const port = await freePort();
    // Unix sockets in our own directory; TCP only on the loopback address.
    pgTool('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off${Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`).join('')}`, 'start']);
    running = true;
    return { host: '127.0.0.1', port, user: 'postgres', dir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

export function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

export function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

/** Whether a stopped server left anything behind: its directory, or a server process using it. */
export function leftovers(server: { readonly dir: string }, serverName = 'postgres'): string[] {
  const found: string[] = [];
  if (existsSync(server.dir)) {
    found.push(`directory ${server.dir}`);
  }
  if (spawnSync('pgrep', ['-f', server.dir]).status === 0) {
    found.push(`a ${serverName} process for ${server.dir}`);
  }
  return found;
}
