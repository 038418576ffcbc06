/** `pnpm --filter @bytelyst/api openapi:snapshot`: publishes the current version's OpenAPI document. */
import { writeSnapshot } from './openapi-snapshot';

writeSnapshot()
  .then((file) => {
    process.stdout.write(`wrote ${file}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
