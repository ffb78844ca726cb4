import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, gid, isRoot, leftovers, uid } from './cluster.js';

/** A throw-away MariaDB server on 127.0.0.1, owned by this test run. */
export interface MariaDbServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The temporary directory that holds the data directory, the socket and the log. */
  readonly dir: string;
  stop(): Promise<void>;
}

const SERVER = 'mariadbd';
const INSTALL_DB = 'mariadb-install-db';

/** Whether the server and its data-directory tool are on PATH (`apt-get install mariadb-server`). */
export function mariadbInstalled(): boolean {
  return [SERVER, INSTALL_DB].every((tool) => spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).status === 0);
}

function toolPath(tool: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  return found || `/usr/sbin/${tool}`;
}

/**
 * Starts a server with a new data directory in a new temporary directory, on a free port and a
 * socket in that directory. As root it runs as the `mysql` user (MariaDB refuses root too).
 * `stop()` stops it and removes the directory; it is also called when the process exits.
 */
export async function startMariaDb(): Promise<MariaDbServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'db-leaks-mariadb-'));
  const dataDir = path.join(dir, 'data');
  const asUser = isRoot ? ['--user=mysql'] : [];
  if (isRoot) {
    chmodSync(dir, 0o755);
    chownSync(dir, uid('mysql'), gid('mysql'));
  }
  let server: ChildProcess | undefined;
  const kill = (): void => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', kill);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', kill);
    const running = server;
    server = undefined;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await Promise.race([exited, delay(20_000).then(() => running.kill('SIGKILL'))]);
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const install = spawnSync(
      toolPath(INSTALL_DB),
      ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asUser],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) {
      throw new Error(`${INSTALL_DB} failed: ${install.error?.message ?? ''}${install.stderr}${install.stdout}`);
    }
    const port = await freePort();
    server = spawn(
      toolPath(SERVER),
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${path.join(dir, 'mysqld.sock')}`,
        `--pid-file=${path.join(dir, 'mysqld.pid')}`,
        `--log-error=${path.join(dir, 'log')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-flush-log-at-trx-commit=0',
        ...asUser,
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(port, server);
    return { host: '127.0.0.1', port, user: 'root', dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPort(port: number, server: ChildProcess): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (server.exitCode !== null) {
      throw new Error(`${SERVER} exited with ${server.exitCode} before it listened`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
      socket.once('close', () => socket.destroy());
      setTimeout(() => socket.end(), 100);
    });
    if (open) {
      return;
    }
    await delay(200);
  }
  throw new Error(`${SERVER} did not listen on port ${port} within 60 s`);
}

/** Whether a stopped server left anything behind: its directory, or a server process using it. */
export function mariadbLeftovers(server: MariaDbServer): string[] {
  return leftovers(server, 'mariadbd');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
