/**
 * The API exactly as `main.ts` starts it, plus the fixtures the browser suite needs. A subscriber fails the
 * first delivery of every admin action whose input names something `reject-...` (maxAttempts 1, so that
 * delivery is dead-lettered at once) and succeeds on any later one, so a replay from /ops/events succeeds.
 * Two migrations after the platform's: an irreversible one that waits for approval, and one behind it that
 * fails on its first run in this process and succeeds when run again (/ops/migrations approves, retries and
 * rolls back). Outbound calls (webhooks, SSO, monitors) connect to loopback only, whatever the guard decides.
 * Before it listens, the `e2e-analytics` product gets a rolled-up analytics history (e2e-analytics.ts), and the
 * default product public roadmap items and an end user (e2e-roadmap.ts), and its enterprise plan 0 dunning grace
 * days (e2e-dunning.ts). Billing talks to a loopback Stripe server started first (e2e-stripe.ts), which holds one
 * promo code redeemed once; STRIPE_WEBHOOK_SECRET is set by playwright.config.ts, so a spec can sign Stripe events.
 * Bundled to dist/e2e-server.js beside dist/main.js; only playwright.config.ts starts it.
 */
import type { Migration } from '@bytelyst/db/migrations/definition';
import { defineApiVersions } from '@bytelyst/routers/lib/api-versions';
import { loopbackOnlyConnector } from '@bytelyst/routers/testing/loopback-connector';
import { runApi } from '../run-api';
import { seedAnalytics } from './e2e-analytics';
import { seedDunning } from './e2e-dunning';
import { seedOrgs } from './e2e-orgs';
import { seedRoadmap } from './e2e-roadmap';
import { seedPromos, startE2eStripe } from './e2e-stripe';

const failedOnce = new Set<string>();

let flakyRuns = 0;
const E2E_MIGRATIONS: Migration[] = [
  {
    version: 901,
    name: 'e2e_irreversible_step',
    description: 'Browser-test fixture: irreversible, waits for a super_admin',
    reversible: false,
    up: async () => {},
  },
  {
    version: 902,
    name: 'e2e_flaky_step',
    description: 'Browser-test fixture: fails on its first run, succeeds when run again',
    reversible: true,
    up: async () => {
      flakyRuns += 1;
      if (flakyRuns === 1) throw new Error('e2e fixture: the first run of this step fails');
    },
    down: async () => {},
  },
];

/**
 * API versioning fixture (api-versions.spec.ts): a deprecated `v0` served beside v1 by the same handlers, so a
 * journey can call it and see the caller on /ops/api-versions. Nothing else calls /v0; other specs see v1 alone.
 */
const E2E_API_VERSIONS = defineApiVersions([
  {
    id: 'v1',
    status: 'current',
    releasedAt: '2026-01-01T00:00:00.000Z',
    migrationGuideUrl: '/documentation',
  },
  {
    id: 'v0',
    status: 'deprecated',
    releasedAt: '2025-01-01T00:00:00.000Z',
    deprecatedAt: '2026-01-01T00:00:00.000Z',
    sunsetAt: '2027-01-01T00:00:00.000Z',
    migrationGuideUrl: '/documentation',
  },
]);

startE2eStripe()
  .then(() =>
    runApi({
      extraMigrations: E2E_MIGRATIONS,
      apiVersions: E2E_API_VERSIONS,
      outboundConnect: loopbackOnlyConnector,
      beforeListen: async (services) => {
        await seedAnalytics(services);
        await seedRoadmap(services);
        await seedPromos(services);
        await seedDunning(services);
        await seedOrgs(services);
      },
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
    }),
  )
  .catch((error: unknown) => {
    process.stderr.write(
      `e2e API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
