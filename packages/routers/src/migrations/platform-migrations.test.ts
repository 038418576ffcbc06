import { withoutSystemFields } from '@bytelyst/db/document-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS_CONTAINERS } from '../modules/products/containers';
import type { ProductDoc } from '../modules/products/repository';
import { DEFAULT_BRANDING } from '../modules/products/schema';
import { USERS_CONTAINERS } from '../modules/users/containers';
import type { UserDoc } from '../modules/users/repository';
import { createTestHarness, type TestHarness } from '../testing/harness';
import { PLATFORM_MIGRATIONS } from './registry';

const OPS = { id: 'ops', email: 'ops@example.com', roles: ['super_admin'] as const };

/**
 * The shipped migrations against documents as older releases stored them. The same file runs on the
 * Cosmos-compatible server with ROUTERS_TEST_DRIVER=cosmos.
 */
describe('platform migrations', () => {
  let h: TestHarness;
  const legacyUsers: string[] = [];
  let verifiedId: string;
  const users = () => h.store.container<UserDoc>(USERS_CONTAINERS.users.name);
  const products = () => h.store.container<ProductDoc>(PRODUCTS_CONTAINERS.products.name);
  const rawUser = async (id: string) => withoutSystemFields((await users().read(id, 'platform')) ?? { id });
  const rawProduct = async (id: string) => withoutSystemFields((await products().read(id, id)) ?? { id });

  beforeAll(async () => {
    h = await createTestHarness();
    for (const email of ['old-1@example.com', 'old-2@example.com']) {
      const { user } = await h.signIn(['user'], { email });
      // As stored before email verification existed.
      await users().mutate(user.id, 'platform', ({ emailVerified: _v, ...doc }) => doc as UserDoc);
      legacyUsers.push(user.id);
    }
    const verified = await h.services.users.create('platform', {
      email: 'new@example.com',
      name: 'New',
      password: 'correct-horse-battery',
      roles: ['user'],
      emailVerified: true,
    });
    verifiedId = verified.id;
    await h.services.products.create({ id: 'legacy-a', name: 'A', description: '', status: 'active' }, 'ops');
    await h.services.products.create({ id: 'legacy-b', name: 'B', description: '', status: 'active' }, 'ops');
    // As stored before branding and the verified-email setting existed; b had an early, partial branding.
    await products().mutate(
      'legacy-a',
      'legacy-a',
      ({ branding: _b, requireVerifiedEmail: _r, ...doc }) => doc as unknown as ProductDoc,
    );
    await products().mutate(
      'legacy-b',
      'legacy-b',
      ({ requireVerifiedEmail: _r, ...doc }) =>
        ({ ...doc, branding: { accentColor: '#112233' } }) as unknown as ProductDoc,
    );
  });
  afterAll(async () => h.close());

  it('are listed once each, in version order', () => {
    expect(PLATFORM_MIGRATIONS.map((m) => [m.version, m.name, m.reversible])).toEqual([
      [1, 'users_email_verified', true],
      [2, 'products_settings', true],
      [3, 'tracker_roadmap_fields', true],
    ]);
  });

  it('dry runs name exactly the legacy documents', async () => {
    const users001 = await h.services.migrations.preview('001_users_email_verified', 'up');
    expect(users001.touches).toEqual([
      {
        container: 'users',
        creates: 0,
        updates: 2,
        deletes: 0,
        sampleIds: expect.arrayContaining(legacyUsers),
      },
    ]);
    const products002 = await h.services.migrations.preview('002_products_settings', 'up');
    expect(products002.touches).toEqual([
      {
        container: 'products',
        creates: 0,
        updates: 2,
        deletes: 0,
        sampleIds: expect.arrayContaining(['legacy-a', 'legacy-b']),
      },
    ]);
    expect('emailVerified' in (await rawUser(legacyUsers[0] ?? ''))).toBe(false);
  });

  it('write the defaults reads used to fill in, and reads answer exactly as before', async () => {
    const readsBefore = await Promise.all([
      ...legacyUsers.map((id) => h.services.users.get('platform', id)),
      h.services.products.get('legacy-a'),
      h.services.products.get('legacy-b'),
    ]);
    const report = await h.services.migrations.runPending();
    expect(report.applied).toEqual([
      '001_users_email_verified',
      '002_products_settings',
      '003_tracker_roadmap_fields',
    ]);

    for (const id of legacyUsers)
      expect((await rawUser(id)) as UserDoc).toMatchObject({ emailVerified: false });
    expect(await rawUser(verifiedId)).toMatchObject({ emailVerified: true });
    expect(await rawProduct('legacy-a')).toMatchObject({
      branding: DEFAULT_BRANDING,
      requireVerifiedEmail: false,
    });
    expect(await rawProduct('legacy-b')).toMatchObject({
      branding: { ...DEFAULT_BRANDING, accentColor: '#112233' },
      requireVerifiedEmail: false,
    });

    const readsAfter = await Promise.all([
      ...legacyUsers.map((id) => h.services.users.get('platform', id)),
      h.services.products.get('legacy-a'),
      h.services.products.get('legacy-b'),
    ]);
    const strip = (v: object) => {
      const { etag: _e, updatedAt: _u, ...rest } = v as Record<string, unknown>;
      return rest;
    };
    expect(readsAfter.map(strip)).toEqual(readsBefore.map(strip));
  });

  it('are idempotent: a second pass finds nothing to write', async () => {
    for (const m of PLATFORM_MIGRATIONS) {
      const id = `${String(m.version).padStart(3, '0')}_${m.name}`;
      expect((await h.services.migrations.preview(id, 'up')).touches).toEqual([]);
    }
  });

  it('roll back to the stored shape older releases wrote, leaving verified users and custom branding alone', async () => {
    // Newest first: the runner rolls back only the latest applied migration.
    expect(
      (await h.services.migrations.rollback('003_tracker_roadmap_fields', { ...OPS, roles: [...OPS.roles] }))
        .status,
    ).toBe('rolled_back');
    expect(
      (await h.services.migrations.rollback('002_products_settings', { ...OPS, roles: [...OPS.roles] }))
        .status,
    ).toBe('rolled_back');
    expect(
      (await h.services.migrations.rollback('001_users_email_verified', { ...OPS, roles: [...OPS.roles] }))
        .status,
    ).toBe('rolled_back');
    for (const id of legacyUsers) expect('emailVerified' in (await rawUser(id))).toBe(false);
    expect(await rawUser(verifiedId)).toMatchObject({ emailVerified: true });
    const a = await rawProduct('legacy-a');
    expect('branding' in a || 'requireVerifiedEmail' in a).toBe(false);
    const b = (await rawProduct('legacy-b')) as ProductDoc;
    expect(b.branding.accentColor).toBe('#112233');
    expect('requireVerifiedEmail' in b).toBe(false);
    expect((await h.services.users.get('platform', legacyUsers[0] ?? '')).emailVerified).toBe(false);
  });
});
