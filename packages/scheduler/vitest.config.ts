import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'scheduler', include: ['src/**/*.test.ts'], testTimeout: 30000 },
});
