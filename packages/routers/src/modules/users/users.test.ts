import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';

describe('users (admin)', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin'], { email: 'boss@example.com' });
    for (const [email, name] of [
      ['alice@acme.io', 'Alice Zed'],
      ['bob@acme.io', 'Bobby Tables'],
      ['carol@other.org', 'Carol ACME'],
      ['dan@other.org', 'Dan'],
    ] as const) {
      await admin.caller.users.create({ email, name, password: TEST_PASSWORD, roles: ['user'] });
    }
  });
  afterAll(async () => h.close());

  it('searches email and name case-insensitively and counts the total', async () => {
    const result = await admin.caller.users.list({ search: 'AcMe' });
    expect(result.items.map((u) => u.email).sort()).toEqual([
      'alice@acme.io',
      'bob@acme.io',
      'carol@other.org',
    ]);
    expect(result.total).toBe(3);
    expect(JSON.stringify(result)).not.toContain('argon2');
  });

  it('pages with a cursor, newest first, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.caller.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(6);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('filters by role and status; get shows active sessions', async () => {
    expect((await admin.caller.users.list({ role: 'admin' })).items.map((u) => u.email)).toEqual([
      'boss@example.com',
    ]);
    const got = await admin.caller.users.get({ id: admin.user.id });
    expect(got.activeSessions).toBe(1);
    expect(got).not.toHaveProperty('passwordHash');
    const dan = (await admin.caller.users.list({ search: 'dan@' })).items[0];
    if (!dan) throw new Error('dan missing');
    await admin.caller.users.disable({ id: dan.id });
    expect((await admin.caller.users.list({ status: 'disabled' })).items.map((u) => u.id)).toEqual([dan.id]);
  });

  it('role rules: admins cannot grant super_admin or demote themselves', async () => {
    const target = (await admin.caller.users.list({ search: 'alice' })).items[0];
    if (!target) throw new Error('alice missing');
    expect((await admin.caller.users.setRoles({ id: target.id, roles: ['admin'] })).roles).toEqual(['admin']);
    const grant = await trpcErrorOf(() =>
      admin.caller.users.setRoles({ id: target.id, roles: ['super_admin'] }),
    );
    expect(grant.code).toBe('FORBIDDEN');
    const self = await trpcErrorOf(() => admin.caller.users.setRoles({ id: admin.user.id, roles: ['user'] }));
    expect(self.code).toBe('FORBIDDEN');
    const create = await trpcErrorOf(() =>
      admin.caller.users.create({
        email: 'x@x.io',
        name: 'X',
        password: TEST_PASSWORD,
        roles: ['super_admin'],
      }),
    );
    expect(create.code).toBe('FORBIDDEN');
  });

  it('never removes, disables or deletes the last super_admin', async () => {
    const root = await h.root();
    const rootId = root.auth.user.id;
    const demote = await trpcErrorOf(() => root.caller.users.setRoles({ id: rootId, roles: ['admin'] }));
    expect(demote.code).toBe('PRECONDITION_FAILED');
    const second = await h.signIn(['super_admin']);
    expect((await trpcErrorOf(() => admin.caller.users.disable({ id: rootId }))).code).toBe('FORBIDDEN');
    // With two, one may step down; then the other is the last again.
    await second.caller.users.setRoles({ id: rootId, roles: ['admin'] });
    const last = await trpcErrorOf(() =>
      second.caller.users.setRoles({ id: second.user.id, roles: ['admin'] }),
    );
    expect(last.code).toBe('PRECONDITION_FAILED');
    expect((await trpcErrorOf(() => second.caller.users.delete({ id: second.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    await second.caller.users.setRoles({ id: rootId, roles: ['super_admin'] });
    expect(await h.services.users.countWithRole('super_admin')).toBe(2);
  });

  it('two super_admins stepping down at the same moment leave one of them', async () => {
    const h2 = await createTestHarness();
    try {
      const root = await h2.root();
      const second = await h2.signIn(['super_admin']);
      const results = await Promise.allSettled([
        root.caller.users.setRoles({ id: root.auth.user.id, roles: ['admin'] }),
        second.caller.users.setRoles({ id: second.user.id, roles: ['admin'] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect(await h2.services.users.countWithRole('super_admin')).toBe(1);
    } finally {
      await h2.close();
    }
  });

  it('role changes apply to the next request (cache dropped)', async () => {
    const u = await h.signIn(['admin']);
    const root = await h.root();
    await root.caller.users.setRoles({ id: u.user.id, roles: ['user'] });
    const ctx = await h.contextFor({ bearer: u.auth.accessToken });
    expect(ctx.principal?.roles).toEqual(['user']);
  });

  it('delete removes the user, their sessions and tokens', async () => {
    const victim = await h.signIn(['admin']);
    await victim.caller.tokens.create({ name: 'ci' });
    const sessionsBefore = await h.services.sessions.countActive({ userId: victim.user.id });
    expect(sessionsBefore).toBe(1);
    await admin.caller.users.delete({ id: victim.user.id });
    expect((await trpcErrorOf(() => admin.caller.users.get({ id: victim.user.id }))).code).toBe('NOT_FOUND');
    expect(await h.services.sessions.countActive({ userId: victim.user.id })).toBe(0);
    const tokens = await admin.caller.tokens.list({ includeRevoked: true });
    expect(tokens.items.filter((t) => t.createdBy === victim.user.id)).toEqual([]);
    expect((await trpcErrorOf(() => admin.caller.users.delete({ id: admin.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    // The email is free again.
    await admin.caller.users.create({
      email: victim.user.email,
      name: 'Back',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
  });
});
