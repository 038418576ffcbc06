import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'client',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // Each file starts the whole API (apps/api) on loopback.
    testTimeout: 30000,
    hookTimeout: 120000,
  },
});
