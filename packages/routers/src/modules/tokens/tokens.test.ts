import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/crypto';
import { createCaller } from '../../root';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

describe('api tokens', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('shows the token once and stores only its hash', async () => {
    const { token, item } = await admin.caller.tokens.create({ name: 'ci', role: 'admin' });
    expect(token).toMatch(/^blt_[A-Za-z0-9_-]{43}$/);
    expect(item.prefix).toBe(token.slice(0, 8));
    const list = await admin.caller.tokens.list();
    expect(JSON.stringify(list)).not.toContain(token);
    expect(JSON.stringify(list)).not.toContain(sha256(token));
    const stored = await h.store
      .container<{ id: string; tokenHash: string }>('api_tokens')
      .read(item.id, 'platform');
    expect(stored?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('works as a bearer, with the role it was given', async () => {
    const { token: adminToken } = await admin.caller.tokens.create({ name: 'admin-bot', role: 'admin' });
    const { token: userToken } = await admin.caller.tokens.create({ name: 'user-bot' });
    const asAdmin = createCaller(await h.contextFor({ bearer: adminToken }));
    const seenByToken = await asAdmin.users.list();
    expect(seenByToken).toEqual(await admin.caller.users.list());
    expect(seenByToken.items.map((u) => u.id)).toContain(admin.user.id);
    const asUserCtx = await h.contextFor({ bearer: userToken });
    expect(asUserCtx.principal).toMatchObject({ kind: 'apiToken', roles: ['user'], userId: admin.user.id });
    expect((await trpcErrorOf(() => createCaller(asUserCtx).users.list())).code).toBe('FORBIDDEN');
    expect((await createCaller(asUserCtx).auth.getMine()).id).toBe(admin.user.id);
  });

  it('validate reports valid tokens and refuses revoked and expired ones', async () => {
    const anon = await h.anonymous();
    const { token, item } = await admin.caller.tokens.create({ name: 'short', expiresInDays: 1 });
    expect(await anon.tokens.validate({ token })).toMatchObject({
      valid: true,
      productId: 'platform',
      role: 'user',
    });
    expect(await anon.tokens.validate({ token: 'blt_nope' })).toEqual({ valid: false });
    await admin.caller.tokens.revoke({ id: item.id });
    expect(await anon.tokens.validate({ token })).toEqual({ valid: false });
    const revoked = await h.contextFor({ bearer: token });
    expect(revoked.principal).toBeNull();
    expect((await trpcErrorOf(() => createCaller(revoked).tokens.list())).code).toBe('UNAUTHORIZED');
    const active = await admin.caller.tokens.list();
    expect(active.items.map((t) => t.id)).not.toContain(item.id);
    expect((await admin.caller.tokens.list({ includeRevoked: true })).items.map((t) => t.id)).toContain(
      item.id,
    );

    const { token: expiring } = await admin.caller.tokens.create({ name: 'expiring', expiresInDays: 1 });
    h.advance(2 * 24 * 3600 * 1000);
    expect(await anon.tokens.validate({ token: expiring })).toEqual({ valid: false });
  });

  it('a plain user token cannot mint tokens', async () => {
    const { token } = await admin.caller.tokens.create({ name: 'u' });
    const caller = createCaller(await h.contextFor({ bearer: token }));
    expect((await trpcErrorOf(() => caller.tokens.create({ name: 'x', role: 'admin' }))).code).toBe(
      'FORBIDDEN',
    );
  });
});
