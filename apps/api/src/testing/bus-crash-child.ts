/**
 * The API process for bus-crash.test.ts: the real platform (createPlatform, as main.ts builds it) with two
 * extra subscribers that leave receipts, listening on a loopback port with its workers running. With
 * `burst N` it then emits N admin.action events and prints `ack <productId> <eventId>` once each emit has
 * returned, so the test knows which events the bus has promised to deliver when it kills this process.
 */
import type { ContainerDef } from '@bytelyst/db/document-store';
import { createOnce } from '@bytelyst/events/idempotent';
import { loadEnv } from '../env';
import { createPlatform } from '../platform';

export const RECEIPTS: ContainerDef = { name: 'test_receipts', partitionKey: ['subscriber'] };
export const RECEIPT_SUBSCRIBERS = ['receipt-concurrent', 'receipt-sequential'] as const;
const CHUNK = 100;

type Receipt = { id: string; subscriber: string };

const run = async () => {
  const env = loadEnv();
  const platform = await createPlatform(env, {
    extraContainers: [RECEIPTS],
    configure: (services) => {
      for (const name of RECEIPT_SUBSCRIBERS) {
        services.bus.subscribe({
          name,
          events: ['admin.action'],
          sequential: name === 'receipt-sequential',
          handle: async (event) => {
            await createOnce(services.store.container<Receipt>(RECEIPTS.name), {
              id: event.id,
              subscriber: name,
            });
          },
        });
      }
    },
  });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  platform.startWorkers();
  process.stdout.write('ready\n');
  const [mode, count] = process.argv.slice(2);
  if (mode !== 'burst') return;
  const total = Number(count);
  for (let sent = 0; sent < total; sent += CHUNK) {
    const events = await Promise.all(
      Array.from({ length: Math.min(CHUNK, total - sent) }, (_, i) =>
        platform.services.bus.emit(
          'admin.action',
          {
            actorId: 'crash-test',
            actorEmail: 'crash@bytelyst.test',
            actorTokenId: null,
            action: 'test.burst',
            targetType: 'test',
            targetId: String(sent + i),
            requestId: `burst-${sent + i}`,
            ip: '127.0.0.1',
            impersonatedBy: null,
          },
          { productId: (sent + i) % 2 === 0 ? 'crash-a' : 'crash-b', actorId: 'crash-test' },
        ),
      ),
    );
    process.stdout.write(`${events.map((e) => `ack ${e.productId} ${e.id}`).join('\n')}\n`);
  }
  process.stdout.write('burst-done\n');
};

run().catch((error: unknown) => {
  process.stderr.write(
    `crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
