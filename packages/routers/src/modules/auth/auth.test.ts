import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { ALL_CONTAINERS, createServices } from '../../services';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const PASSWORD = 'a-long-enough-password';
const sessionIdOf = (refreshToken: string) => refreshToken.split('.')[1] ?? '';

describe('auth', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const callerWith = async (bearer: string, productId?: string) =>
    createCaller(await h.contextFor({ bearer, ...(productId ? { productId } : {}) }));
  /** What auth.getMine answers with this bearer: a refused one leaves the caller anonymous. */
  const meCode = async (bearer: string) =>
    (await trpcErrorOf(async () => (await callerWith(bearer)).auth.getMine())).code;

  it('registers with a normalised email, argon2id hash, session and working access token', async () => {
    const anon = await h.anonymous();
    const result = await anon.auth.register({ email: '  Ann@Example.COM ', password: PASSWORD, name: 'Ann' });
    expect(result.user.email).toBe('ann@example.com');
    expect(result.user.roles).toEqual(['user']);
    expect(result.expiresIn).toBe(900);
    expect(result.refreshToken).toMatch(/^rt_[^.]+\.[^.]+\.[^.]+$/);
    expect(JSON.stringify(result)).not.toContain('passwordHash');
    const stored = await h.services.users.load('platform', result.user.id);
    expect(stored.passwordHash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    const me = await (await callerWith(result.accessToken)).auth.getMine();
    expect(me.id).toBe(result.user.id);
    const dup = await trpcErrorOf(() =>
      anon.auth.register({ email: 'ann@example.com', password: PASSWORD, name: 'A2' }),
    );
    expect(dup.code).toBe('CONFLICT');
  });

  it('refuses sign-ups while the product is draft', async () => {
    const { caller: root } = await h.root();
    await root.products.create({ id: 'closed', name: 'Closed' });
    const anon = await h.anonymous('closed');
    const error = await trpcErrorOf(() =>
      anon.auth.register({ email: 'x@example.com', password: PASSWORD, name: 'X' }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });

  it('login does not reveal whether the email exists', async () => {
    const anon = await h.anonymous();
    await anon.auth.register({ email: 'bob@example.com', password: PASSWORD, name: 'Bob' });
    const wrong = await trpcErrorOf(() =>
      anon.auth.login({ email: 'bob@example.com', password: 'nope-nope-nope' }),
    );
    const missing = await trpcErrorOf(() =>
      anon.auth.login({ email: 'nobody@example.com', password: 'nope-nope-nope' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(missing.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(missing.message);
    const ok = await anon.auth.login({ email: 'BOB@example.com', password: PASSWORD });
    expect(ok.user.lastLoginAt).toBe(new Date(h.clock()).toISOString());
  });

  it('refresh rotates; reusing a rotated token revokes the session', async () => {
    const anon = await h.anonymous();
    const first = await anon.auth.register({ email: 'carol@example.com', password: PASSWORD, name: 'Carol' });
    h.advance(1000);
    const second = await anon.auth.refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await anon.auth.refresh({ refreshToken: second.refreshToken });
    const reuse = await trpcErrorOf(() => anon.auth.refresh({ refreshToken: first.refreshToken }));
    expect(reuse.code).toBe('UNAUTHORIZED');
    expect(reuse.message).toContain('reuse');
    // The whole session is gone: the newest refresh token and the access token stop working.
    expect((await trpcErrorOf(() => anon.auth.refresh({ refreshToken: third.refreshToken }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(await meCode(third.accessToken)).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.auth.refresh({ refreshToken: 'rt_garbage' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('logout revokes the session; me then needs a new sign-in', async () => {
    const anon = await h.anonymous();
    const r = await anon.auth.register({ email: 'dave@example.com', password: PASSWORD, name: 'Dave' });
    const caller = await callerWith(r.accessToken);
    expect(await caller.auth.logout()).toEqual({ ok: true });
    expect(await meCode(r.accessToken)).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.auth.refresh({ refreshToken: r.refreshToken }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('access tokens expire with the injected clock', async () => {
    const anon = await h.anonymous();
    const r = await anon.auth.register({ email: 'erin@example.com', password: PASSWORD, name: 'Erin' });
    h.advance(901_000);
    expect(await meCode(r.accessToken)).toBe('UNAUTHORIZED');
    // A client still sending its expired bearer can refresh: the stale bearer just leaves it anonymous.
    const stale = await callerWith(r.accessToken);
    const again = await stale.auth.refresh({ refreshToken: r.refreshToken });
    expect((await (await callerWith(again.accessToken)).auth.getMine()).email).toBe('erin@example.com');
  });

  it('a disabled user cannot log in, refresh, or use an existing token', async () => {
    const anon = await h.anonymous();
    const r = await anon.auth.register({ email: 'frank@example.com', password: PASSWORD, name: 'Frank' });
    const { caller: root } = await h.root();
    await root.users.disable({ id: r.user.id });
    expect(
      (await trpcErrorOf(() => anon.auth.login({ email: 'frank@example.com', password: PASSWORD }))).code,
    ).toBe('FORBIDDEN');
    expect(await meCode(r.accessToken)).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => anon.auth.refresh({ refreshToken: r.refreshToken }))).code).toBe(
      'UNAUTHORIZED',
    );
    await root.users.enable({ id: r.user.id });
    expect((await anon.auth.login({ email: 'frank@example.com', password: PASSWORD })).user.status).toBe(
      'active',
    );
  });

  it('a revocation by another instance is seen once the 30 s session cache lapses', async () => {
    const r = await (await h.anonymous()).auth.register({
      email: 'hal@example.com',
      password: PASSWORD,
      name: 'Hal',
    });
    expect((await h.contextFor({ bearer: r.accessToken })).principal?.userId).toBe(r.user.id);
    const store = h.openStore();
    await store.init(ALL_CONTAINERS);
    const other = createServices({ ...h.services, store });
    await other.sessions.revoke(r.user.id, sessionIdOf(r.refreshToken), 'admin');
    // Still trusted from this instance's cache until the cache window passes.
    expect((await h.contextFor({ bearer: r.accessToken })).principal?.userId).toBe(r.user.id);
    h.advance(31_000);
    expect((await h.contextFor({ bearer: r.accessToken })).principal).toBeNull();
    await store.close();
  });

  it('a user of one product is refused in another unless super_admin', async () => {
    const { caller: root, auth } = await h.root();
    await root.products.create({ id: 'other', name: 'Other', status: 'beta' });
    const r = await (await h.anonymous()).auth.register({
      email: 'gina@example.com',
      password: PASSWORD,
      name: 'G',
    });
    expect((await trpcErrorOf(() => h.contextFor({ bearer: r.accessToken, productId: 'other' }))).code).toBe(
      'FORBIDDEN',
    );
    const rootInOther = await callerWith(auth.accessToken, 'other');
    expect((await rootInOther.auth.getMine()).productId).toBe('platform');
    expect((await rootInOther.products.getCurrent()).id).toBe('other');
  });
});
