import { describe, expect, it } from 'vitest';

import { createEngineHarness } from './harness.js';

/** The libraries the engine looks for in a program made of these files. */
function modelledLibraries(files: Record<string, string>): string[] {
  return createEngineHarness(new Map(Object.entries(files))).engine.effects.models.map((library) => library.name);
}

describe('the models an engine uses', () => {
  // A library is recognised only by where its typings declare things, so one whose typings the
  // program lacks can match nothing: its method names are not candidates at all.
  it('are those of the libraries whose typings the program has', () => {
    const libraries = modelledLibraries({
      'pg-only.ts': `import pg from 'pg';
export const pool = new pg.Pool();
export async function first(items: { find(id: number): number }) {
  return items.find(1);
}`,
    });
    expect(libraries).toContain('pg');
    expect(libraries).not.toContain('mongodb');
    expect(libraries).not.toContain('knex');
  });

  it('include a library as soon as one file imports its typings', () => {
    const libraries = modelledLibraries({
      'pg-only.ts': `import pg from 'pg';
export const pool = new pg.Pool();`,
      'mongo.ts': `import type { Collection } from 'mongodb';
export async function names(users: Collection) {
  return users.find({}).toArray();
}`,
    });
    expect(libraries).toEqual(expect.arrayContaining(['pg', 'mongodb']));
  });
});
