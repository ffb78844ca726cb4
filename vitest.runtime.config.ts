import { defineConfig } from 'vitest/config';

// `npm run test:runtime`: the docs' examples on a throw-away PostgreSQL cluster and MariaDB server.
export default defineConfig({
  test: {
    include: ['tests/runtime/**/*.runtime.ts'],
    // Generates the Prisma client the docs' Prisma examples import.
    globalSetup: ['./tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server, one example at a time.
    fileParallelism: false,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/vitest-runtime-results.json' },
  },
});
