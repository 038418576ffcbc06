import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from './testing/expect-error';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from './testing/harness';

/** No document of product A is ever visible through product B. */
describe('product isolation', () => {
  let h: TestHarness;
  let a: Awaited<ReturnType<TestHarness['signIn']>>;
  let b: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    const { caller: root } = await h.root();
    await root.products.create({ id: 'prod-a', name: 'A', status: 'active' });
    await root.products.create({ id: 'prod-b', name: 'B', status: 'active' });
    a = await h.signIn(['admin'], { productId: 'prod-a' });
    b = await h.signIn(['admin'], { productId: 'prod-b' });
    // The same email may exist once per product.
    await a.caller.users.create({
      email: 'same@example.com',
      name: 'In A',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await b.caller.users.create({
      email: 'same@example.com',
      name: 'In B',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await a.caller.tokens.create({ name: 'a-token' });
    // The audit log is written by a bus subscriber.
    await h.services.bus.drain();
  });
  afterAll(async () => h.close());

  it('users.list and users.get see only their product', async () => {
    const listA = await a.caller.users.list();
    const listB = await b.caller.users.list();
    const rows = (list: typeof listA) => list.items.map((u) => `${u.productId} ${u.email} ${u.name}`).sort();
    expect(rows(listA)).toEqual(
      [`prod-a ${a.user.email} ${a.user.name}`, 'prod-a same@example.com In A'].sort(),
    );
    expect(rows(listB)).toEqual(
      [`prod-b ${b.user.email} ${b.user.name}`, 'prod-b same@example.com In B'].sort(),
    );
    expect(listB.items.map((u) => u.id)).not.toContain(a.user.id);
    expect((await b.caller.users.get({ id: b.user.id })).productId).toBe('prod-b');
    expect((await trpcErrorOf(() => b.caller.users.get({ id: a.user.id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => b.caller.users.disable({ id: a.user.id }))).code).toBe('NOT_FOUND');
  });

  it('tokens and audit entries stay in their product', async () => {
    const tokensB = await b.caller.tokens.list({ includeRevoked: true });
    expect(tokensB.items).toEqual([]);
    const tokensA = await a.caller.tokens.list();
    expect(tokensA.items.map((t) => t.name)).toEqual(['a-token']);
    const first = tokensA.items[0];
    if (!first) throw new Error('token missing');
    expect((await trpcErrorOf(() => b.caller.tokens.revoke({ id: first.id }))).code).toBe('NOT_FOUND');
    const entries = async (caller: typeof a.caller) =>
      (await caller.audit.list()).items.map((e) => [e.productId, e.actorId, e.action]).sort();
    expect(await entries(b.caller)).toEqual([['prod-b', b.user.id, 'users.create']]);
    expect(await entries(a.caller)).toEqual([
      ['prod-a', a.user.id, 'tokens.create'],
      ['prod-a', a.user.id, 'users.create'],
    ]);
  });

  it("an admin of A cannot reach B with the header, nor login with A's credentials in B", async () => {
    expect(
      (await trpcErrorOf(() => h.contextFor({ bearer: a.auth.accessToken, productId: 'prod-b' }))).code,
    ).toBe('FORBIDDEN');
    const anonB = await h.anonymous('prod-b');
    const login = await trpcErrorOf(() => anonB.auth.login({ email: a.user.email, password: TEST_PASSWORD }));
    expect(login.code).toBe('UNAUTHORIZED');
  });

  it('system.getOverview counts only the resolved product', async () => {
    const overview = await b.caller.system.getOverview();
    expect(overview.productId).toBe('prod-b');
    expect(overview.users).toBe(2);
    expect(overview.tokens).toBe(0);
    expect(overview.sessions).toBe(1);
    expect(overview.auditLast24h).toBe(1);
  });
});
