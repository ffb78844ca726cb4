import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `eslint.config.js` the README tells users to write, verbatim. */
export function readmeEslintConfig(): string {
  const readme = readFileSync(path.join(repoDir, 'README.md'), 'utf8');
  const config = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(readme);
  if (!config) {
    throw new Error('README.md has no ```js block starting with `// eslint.config.js`.');
  }
  return config[1]!;
}

/** The `lint-staged.config.js` the README's pre-commit section shows, verbatim. */
export function readmeLintStagedConfig(): string {
  const readme = readFileSync(path.join(repoDir, 'README.md'), 'utf8');
  const config = /```js\n(\/\/ lint-staged\.config\.js\n[\s\S]*?)```/.exec(readme);
  if (!config) {
    throw new Error('README.md has no ```js block starting with `// lint-staged.config.js`.');
  }
  return config[1]!;
}

/** A service leaking a client on its early return, and the same service fixed. */
export const leakyOrders = `import pg from 'pg';

const pool = new pg.Pool();
pool.on('error', (error) => console.error('idle client failed', error));
export async function cancelOrder(id: string): Promise<boolean> {
  const client = await pool.connect();
  const { rowCount } = await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
  if (!rowCount) {
    return false;
  }
  client.release();
  return true;
}
`;

export const fixedOrders = `import pg from 'pg';

const pool = new pg.Pool();
pool.on('error', (error) => console.error('idle client failed', error));
export async function cancelOrder(id: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rowCount } = await client.query('update orders set status = $2 where id = $1', [id, 'cancelled']);
    return Boolean(rowCount);
  } finally {
    client.release();
  }
}
`;

export interface UserProject {
  readonly dir: string;
  write(file: string, text: string): string;
  remove(): void;
}

/**
 * A throw-away project outside this repository, set up as a user's: its own package.json,
 * tsconfig.json and the README's eslint.config.js, with the plugin installed the way `npm link`
 * does (a symlink to this repository's built package) next to the repository's dependencies.
 */
export function createUserProject(files: Record<string, string> = {}): UserProject {
  if (!existsSync(path.join(repoDir, 'dist', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the integration tests.');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'db-leaks-user-'));
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repoDir, 'node_modules'))) {
    symlinkSync(path.join(repoDir, 'node_modules', entry), path.join(modules, entry));
  }
  symlinkSync(repoDir, path.join(modules, 'eslint-plugin-db-leaks'));
  const project: UserProject = {
    dir,
    write(file, text) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
      return target;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  project.write('package.json', `${JSON.stringify({ name: 'user-service', private: true, type: 'module' }, null, 2)}\n`);
  project.write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  project.write('eslint.config.js', readmeEslintConfig());
  for (const [file, text] of Object.entries(files)) {
    project.write(file, text);
  }
  return project;
}
