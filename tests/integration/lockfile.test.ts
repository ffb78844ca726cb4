import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { repoDir } from '../support/user-project.js';

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * A fresh clone must install from the committed lock. A dependency declared with a dist-tag
 * (`"jschardet": "latest"`) stops `npm ci` the day the tag moves, unless an override pins it.
 */
describe('package-lock.json', () => {
  it('pins every dependency that a dist-tag would let float', () => {
    const lock = JSON.parse(readFileSync(path.join(repoDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const manifest = JSON.parse(readFileSync(path.join(repoDir, 'package.json'), 'utf8')) as { overrides?: Record<string, unknown> };
    const pinned = (owner: string, dependency: string): boolean => {
      const scoped = manifest.overrides?.[owner];
      return typeof scoped === 'object' && scoped !== null && dependency in scoped;
    };
    const floating: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      const owner = location.replace(/^.*node_modules\//, '');
      for (const [dependency, spec] of Object.entries({ ...entry.dependencies, ...entry.optionalDependencies })) {
        // A tag is a bare word; `x` is a range, not a tag.
        if (/^[a-z][\w.-]*$/i.test(spec) && !/^x$/i.test(spec) && !pinned(owner, dependency)) {
          floating.push(`${owner} → ${dependency}@${spec}`);
        }
      }
    }
    expect(floating).toEqual([]);
  });

  it('satisfies package.json, as `npm ci` checks on a fresh clone', () => {
    // Throws (and fails the test) with npm's own message when the lock is out of sync.
    const output = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: repoDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).not.toMatch(/npm error/);
  });
});
