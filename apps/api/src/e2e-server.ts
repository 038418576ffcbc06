/**
 * The API exactly as `main.ts` starts it, plus one fixture subscriber the browser suite needs: it fails the
 * first delivery of every admin action whose input names something `reject-...` (maxAttempts 1, so that
 * delivery is dead-lettered at once) and succeeds on any later one, so a replay from /ops/events succeeds.
 * Bundled to dist/e2e-server.js beside dist/main.js; only playwright.config.ts starts it.
 */
import { runApi } from './run-api';

const failedOnce = new Set<string>();

runApi({
  configure: (services) => {
    services.bus.subscribe({
      name: 'e2e-picky',
      events: ['admin.action'],
      description: 'Browser-test fixture: dead-letters the first delivery of actions on reject-* names.',
      maxAttempts: 1,
      handle: async (event) => {
        const name = event.data.details?.name;
        if (typeof name !== 'string' || !name.startsWith('reject-') || failedOnce.has(event.id)) return;
        failedOnce.add(event.id);
        throw new Error(`e2e-picky refuses ${name} on first delivery`);
      },
    });
  },
}).catch((error: unknown) => {
  process.stderr.write(
    `e2e API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
