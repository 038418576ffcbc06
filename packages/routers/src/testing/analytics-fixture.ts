import { createCaller } from '../root';
import { generateSeed, writeSeed } from './analytics-seed';
import type { TestHarness } from './harness';

/** Test-only: a product with a seeded history, and a super-admin caller acting in it. */
export const seedProduct = async (h: TestHarness, productId: string, o: { users: number; seed: number }) => {
  await h.services.products.create(
    { id: productId, name: productId, description: '', status: 'active' },
    'test',
  );
  const data = generateSeed({
    productId,
    startMs: Date.parse('2026-03-01T00:00:00Z'),
    nowMs: h.clock(),
    users: o.users,
    signupDays: 90,
    seed: o.seed,
  });
  await writeSeed(h.store, productId, data);
  const root = await h.root();
  const caller = createCaller(
    await h.contextFor({ bearer: root.auth.accessToken, productId, ip: '10.0.0.1' }),
  );
  return { data, caller };
};

export const FEATURES = [
  { id: 'export', name: 'Export', events: ['export.pdf'] },
  { id: 'share', name: 'Share', events: ['share.link'] },
];

/** Funnels beside the default one: each order, a filter, a repeated step. */
export const EXTRA_FUNNELS = [
  {
    id: 'strict-dictation',
    name: 'Open then dictate',
    order: 'strict' as const,
    windowDays: 3,
    steps: [
      { name: 'Open', event: 'app.open', nth: 1, filters: [] },
      { name: 'Dictate', event: 'dictation.completed', nth: 1, filters: [] },
      { name: 'Dictate again', event: 'dictation.completed', nth: 2, filters: [] },
    ],
  },
  {
    id: 'any-order',
    name: 'Export, share to Slack, three dictations',
    order: 'unordered' as const,
    windowDays: 7,
    steps: [
      { name: 'Export', event: 'export.pdf', nth: 1, filters: [] },
      {
        name: 'Share to Slack',
        event: 'share.link',
        nth: 1,
        filters: [{ property: 'target', operator: 'eq' as const, value: 'slack' }],
      },
      { name: 'Three dictations', event: 'dictation.completed', nth: 3, filters: [] },
    ],
  },
  {
    id: 'long-dictation',
    name: 'Sign-up, a long dictation, subscription',
    order: 'ordered' as const,
    windowDays: 14,
    steps: [
      { name: 'Sign-up', event: '$signup', nth: 1, filters: [] },
      {
        name: 'Long dictation',
        event: 'dictation.*',
        nth: 1,
        filters: [{ property: 'mode', operator: 'eq' as const, value: 'long' }],
      },
      { name: 'Subscription', event: '$subscription', nth: 1, filters: [] },
    ],
  },
];
