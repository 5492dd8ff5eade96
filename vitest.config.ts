// Test runner configuration: two projects. `unit` needs nothing running; `integration` talks to the real
// PostgreSQL, Kafka and MinIO that scripts/services/ start (scripts/test.sh exports their addresses)
// and runs its files one at a time (--no-file-parallelism), since they share those servers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.ts',
            'steps/**/*.test.ts',
            'consumers/**/*.test.ts',
            'cli/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'schemas/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.live.test.ts', 'node_modules/**'],
          testTimeout: 30_000,
          // PGlite needs several seconds to create a database on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        // Tests that need what this workplace's network refuses (PyPI's XML-RPC API takes POST only);
        // run by hand with `npm run test:live` where the network allows it. Not part of `npm test`.
        test: {
          name: 'live',
          include: ['**/*.live.test.ts'],
          exclude: ['node_modules/**'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
