import type { Services } from '@bytelyst/routers/services';
import { FEATURES } from '@bytelyst/routers/testing/analytics-fixture';
import { generateSeed, writeSeed } from '@bytelyst/routers/testing/analytics-seed';

/** The product analytics.spec.ts opens: a history of its own, so the default product's pages stay as they were. */
export const E2E_ANALYTICS_PRODUCT = 'e2e-analytics';

const DAY_MS = 86_400_000;
/** Sign-ups start this many days before today, so the 90-day preset holds upgrades, downgrades and comebacks. */
const HISTORY_DAYS = 70;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The analytics journey's data, written before the server answers: 60 users on four platforms and plans signing
 * up over 60 days with their events, usage and subscriptions (the same synthetic history the analytics tests
 * check against a reference computation), two features, and the rollups of the whole history built by a
 * recompute through the job runner, as an admin would. A few thousand events; the rollups take about a second.
 */
export const seedAnalytics = async (services: Services): Promise<void> => {
  const productId = E2E_ANALYTICS_PRODUCT;
  // A server started again on the same data folder keeps what it wrote the first time.
  if (await services.products.find(productId)) return;
  const now = services.clock();
  const startMs = Math.floor(now / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS;
  await services.products.create(
    { id: productId, name: 'E2E Analytics', description: 'Browser-test fixture', status: 'active' },
    'system',
  );
  const data = generateSeed({ productId, startMs, nowMs: now, users: 60, signupDays: 60, seed: 11 });
  await writeSeed(services.store, productId, data);
  await services.analytics.definitions.setFeatures(productId, FEATURES, 'system');
  await services.analytics.recompute.request(
    productId,
    { from: day(startMs), to: day(now) },
    { id: 'system', email: 'system@bytelyst.test' },
  );
  await services.jobRunner.whenIdle();
  const done = await services.analytics.recompute.get(productId);
  if (done?.status !== 'succeeded') throw new Error(`e2e analytics rollups: ${done?.error ?? 'not built'}`);
};
