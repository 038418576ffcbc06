/**
 * The API process for webhook-crash.test.ts: the real platform (createPlatform, as main.ts builds it, with the
 * tests' loopback-only connect step), listening on a loopback port with its workers running (the bus
 * dispatcher and the webhook delivery engine). With `burst N <receiverUrl>` it first creates the endpoints
 * (printing `endpoint <id> <path> <secret>`), then emits N public events and prints `ack <eventId>` once each
 * emit has returned, so the test knows which events the platform has promised to deliver when it kills it.
 */
import { ZWebhookEndpointCreateInput } from '@bytelyst/routers/modules/webhooks/schema';
import { loopbackOnlyConnector } from '@bytelyst/routers/testing/loopback-connector';
import { loadEnv } from '../env';
import { createPlatform } from '../platform';

const CRASH_PRODUCT = 'crash-hooks';
const CRASH_PATHS = ['/hooks/a', '/hooks/b', '/hooks/c'] as const;
const CHUNK = 100;

const run = async () => {
  const platform = await createPlatform(loadEnv(), { outboundConnect: loopbackOnlyConnector });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  platform.startWorkers();
  const [mode, count, receiverUrl] = process.argv.slice(2);
  if (mode !== 'burst') {
    process.stdout.write('ready\n');
    return;
  }
  const { webhooks, bus } = platform.services;
  for (const path of CRASH_PATHS) {
    const endpoint = await webhooks.endpoints.create(
      CRASH_PRODUCT,
      ZWebhookEndpointCreateInput.parse({ url: `${receiverUrl}${path}`, eventTypes: ['flag.toggled'] }),
      'crash-test',
    );
    process.stdout.write(`endpoint ${endpoint.id} ${path} ${endpoint.secret}\n`);
  }
  process.stdout.write('ready\n');
  const total = Number(count);
  for (let sent = 0; sent < total; sent += CHUNK) {
    const events = await Promise.all(
      Array.from({ length: Math.min(CHUNK, total - sent) }, (_, i) =>
        bus.emit(
          'flag.toggled',
          { flagId: `crash-${sent + i}`, enabled: (sent + i) % 2 === 0, percentage: (sent + i) % 101 },
          { productId: CRASH_PRODUCT, actorId: 'crash-test' },
        ),
      ),
    );
    process.stdout.write(`${events.map((e) => `ack ${e.id}`).join('\n')}\n`);
  }
  process.stdout.write('burst-done\n');
};

run().catch((error: unknown) => {
  process.stderr.write(
    `webhook crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
