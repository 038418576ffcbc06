/**
 * Runs the API for a test that cannot host it in its own process (a DOM environment replaces fetch, Request
 * and AbortSignal with the browser's). Prints `{ baseUrl, productId, admin }` as one JSON line; SIGTERM stops
 * it.
 */
import { startPlatform } from './platform';

const platform = await startPlatform(JSON.parse(process.argv[2] ?? '{}') as Record<string, string>);
process.stdout.write(
  `${JSON.stringify({ baseUrl: platform.baseUrl, productId: platform.productId, admin: platform.t.admin })}\n`,
);
process.on('SIGTERM', () => {
  void platform.close().finally(() => process.exit(0));
});
