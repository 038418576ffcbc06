import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'routers', include: ['src/**/*.test.ts'], testTimeout: 30000 } });
