/**
 * A dispatcher-only process for `delivery-bench.ts` (BENCH_DISPATCHERS=n): the same services over the same
 * sqlite file, accepting nothing, delivering what the accepting process recorded (as an API instance with
 * EVENT_DISPATCHER_ENABLED=true beside ones with it off would).
 */
import './production-env';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { ALL_CONTAINERS, createServices } from '../src/services';

const [dbPath = '', blobRoot = '', apiBase = ''] = process.argv.slice(2);
const store = createSqliteStore({ path: dbPath, checkpoints: 'background' });
await store.init(ALL_CONTAINERS);
const services = createServices({
  store,
  blob: createFsBlobStore({
    root: blobRoot,
    signingSecret: 'bench-signing-secret',
    publicBaseUrl: 'http://127.0.0.1/blobs',
  }),
  clock: Date.now,
  config: {
    jwtSecret: 'bench-jwt-secret-at-least-32-characters',
    accessTokenTtlSeconds: 900,
    sessionTtlDays: 30,
    defaultProductId: 'platform',
    events: { dispatch: true, pollIntervalMs: 20 },
    delivery: { email: { driver: 'sendgrid', sendgrid: { apiKey: 'SG.bench', apiBase } }, quietHours: null },
  },
});
services.bus.start();
// Never outlive the bench: its end (or death) closes the IPC channel.
process.on('disconnect', () => process.exit(0));
process.send?.('ready');
process.on('message', async () => {
  await services.bus.stop();
  await store.close();
  process.exit(0);
});
