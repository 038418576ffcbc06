import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Every file builds its own services, store and bus, and keeps no state in module scope, so the files of
  // a worker share one module graph: importing the routers' graph once per worker, not once per file, takes
  // minutes off the suite on two cores.
  test: { name: 'routers', include: ['src/**/*.test.ts'], testTimeout: 30000, isolate: false },
});
