import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The app's `~/` imports (tsconfig paths), so a form module that imports another resolves under test.
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: { name: 'admin', include: ['src/**/*.test.ts'], testTimeout: 30000 },
});
