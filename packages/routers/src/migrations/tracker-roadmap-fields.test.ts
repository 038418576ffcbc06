import { withoutSystemFields } from '@bytelyst/db/document-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACKER_CONTAINERS } from '../modules/tracker/containers';
import { ROADMAP_DEFAULTS } from '../modules/tracker/items/roadmap-defaults';
import { createTestHarness, type TestHarness } from '../testing/harness';

const OPS = { id: 'ops', email: 'ops@example.com', roles: ['super_admin' as const] };
const ID = '003_tracker_roadmap_fields';

/** Migration 003 against tracker items and comments as the releases before the roadmap stored them. */
describe('migration 003: tracker roadmap fields', () => {
  let h: TestHarness;
  let legacyItem = '';
  let publicItem = '';
  let legacyComment = '';
  const raw = async (container: string, id: string) =>
    withoutSystemFields((await h.store.container(container).read(id, 'platform')) ?? { id }) as Record<
      string,
      unknown
    >;

  beforeAll(async () => {
    h = await createTestHarness();
    const admin = await h.signIn(['admin']);
    const old = await admin.caller.tracker.items.create({ kind: 'bug', title: 'Stored long ago' });
    legacyItem = old.id;
    const comment = await admin.caller.tracker.comments.create({ itemId: old.id, body: 'An old comment' });
    legacyComment = comment.id;
    // As stored before the roadmap existed: none of its fields.
    await h.store.container(TRACKER_CONTAINERS.trackerItems.name).mutate(legacyItem, 'platform', (doc) => {
      const stripped: Record<string, unknown> = { ...withoutSystemFields(doc) };
      for (const field of Object.keys(ROADMAP_DEFAULTS)) delete stripped[field];
      return stripped as typeof doc;
    });
    await h.store.container(TRACKER_CONTAINERS.comments.name).mutate(legacyComment, 'platform', (doc) => {
      const { public: _p, ...rest } = withoutSystemFields(doc) as Record<string, unknown>;
      return rest as typeof doc;
    });
    const shown = await admin.caller.tracker.items.create({ kind: 'feature', title: 'Already public' });
    await admin.caller.roadmap.updateItem({ id: shown.id, public: true });
    publicItem = shown.id;
  });
  afterAll(async () => h.close());

  it('reads a legacy item with the defaults before it runs', async () => {
    expect('public' in (await raw('tracker_items', legacyItem))).toBe(false);
    expect(await h.services.tracker.items.get('platform', legacyItem)).toMatchObject(ROADMAP_DEFAULTS);
  });

  it('writes the defaults into exactly the legacy documents, once, and rolls back to their old shape', async () => {
    const dry = await h.services.migrations.preview(ID, 'up');
    expect([...dry.touches].sort((a, b) => a.container.localeCompare(b.container))).toEqual([
      { container: 'comments', creates: 0, updates: 1, deletes: 0, sampleIds: [legacyComment] },
      { container: 'tracker_items', creates: 0, updates: 1, deletes: 0, sampleIds: [legacyItem] },
    ]);
    const report = await h.services.migrations.runPending();
    expect(report.applied).toContain(ID);
    expect(await raw('tracker_items', legacyItem)).toMatchObject(ROADMAP_DEFAULTS);
    expect(await raw('comments', legacyComment)).toMatchObject({ public: false });
    expect((await h.services.migrations.preview(ID, 'up')).touches).toEqual([]);

    expect((await h.services.migrations.rollback(ID, OPS)).status).toBe('rolled_back');
    expect('public' in (await raw('tracker_items', legacyItem))).toBe(false);
    expect('public' in (await raw('comments', legacyComment))).toBe(false);
    // An item whose roadmap fields say something keeps them.
    expect(await raw('tracker_items', publicItem)).toMatchObject({ public: true });
  });
});
