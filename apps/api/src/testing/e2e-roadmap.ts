import type { Services } from '@bytelyst/routers/services';

/** The end user roadmap.spec.ts signs in as on the public /roadmap (role user: no console access). */
export const E2E_ROADMAP_USER = {
  email: 'e2e-roadmap-user@bytelyst.test',
  password: 'e2e-roadmap-password-123',
};

const SYSTEM = { userId: 'system', roles: ['admin'] as const };

/**
 * The roadmap journey's data in the default product: three public items (planned, in progress, and shipped in a
 * published changelog entry), one internal item that must never show, and an end user. No votes, so the
 * tracker's "most voted" order that content.spec.ts checks is left as it was.
 */
export const seedRoadmap = async (services: Services): Promise<void> => {
  const productId = services.config.defaultProductId;
  // A server started again on the same data folder keeps what it wrote the first time.
  if (await services.users.findByEmail(productId, E2E_ROADMAP_USER.email)) return;
  await services.users.create(productId, {
    email: E2E_ROADMAP_USER.email,
    name: 'Robin Roadmap',
    password: E2E_ROADMAP_USER.password,
    roles: ['user'],
    emailVerified: true,
  });
  const actor = { userId: SYSTEM.userId, roles: [...SYSTEM.roles] };
  const item = async (title: string, body: string, status?: 'planned' | 'in_progress' | 'done') => {
    const created = await services.tracker.items.create(
      productId,
      { kind: 'feature', title, body, tags: [] },
      actor,
    );
    if (status) await services.tracker.items.triage(productId, { id: created.id, status }, SYSTEM.userId);
    return created.id;
  };
  const planned = await item('Calendar sync', 'Two-way sync with your calendar.', 'planned');
  const building = await item('Offline mode', 'Keep working without a connection.', 'in_progress');
  const shipped = await item('Faster search', 'Results as you type.', 'done');
  await item('Internal spike: storage rewrite', 'Not for the public roadmap.');
  const entry = await services.changelog.create(
    productId,
    {
      version: '0.9.0',
      title: 'Search, faster',
      body: 'Results as you type.',
      category: 'improvement',
      platforms: ['web'],
    },
    SYSTEM.userId,
  );
  await services.changelog.publish(productId, { id: entry.id }, SYSTEM.userId);
  for (const id of [planned, building])
    await services.roadmap.updateItem(productId, { id, public: true }, SYSTEM.userId);
  await services.roadmap.updateItem(
    productId,
    { id: shipped, public: true, changelogEntryId: entry.id },
    SYSTEM.userId,
  );
};
