import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { authenticateRequest } from './authenticate';

const sessionIdOf = (refreshToken: string) => refreshToken.split('.')[1] ?? '';

describe('authenticateRequest', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('names nobody without a bearer, or with one it cannot verify', async () => {
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-jwt', 'Bearer blt_unknown']) {
      expect(await authenticateRequest(h.services, header), String(header)).toBeUndefined();
    }
  });

  it('names the user of a live session from a JWT access token, until the session is revoked', async () => {
    const { auth } = await h.root();
    const found = await authenticateRequest(h.services, `bearer ${auth.accessToken}`);
    expect(found).toMatchObject({
      productId: h.services.config.defaultProductId,
      principal: { kind: 'user', userId: auth.user.id, email: auth.user.email, roles: ['super_admin'] },
    });
    await h.services.auth.logout(auth.user.id, sessionIdOf(auth.refreshToken));
    expect(await authenticateRequest(h.services, `Bearer ${auth.accessToken}`)).toBeUndefined();
  });

  it('names the creator of a live API token with the token role, until it is revoked', async () => {
    const { auth } = await h.root();
    const productId = h.services.config.defaultProductId;
    const creator = { userId: auth.user.id, email: auth.user.email, roles: auth.user.roles };
    const created = await h.services.tokens.create(productId, { name: 'ci', role: 'user' }, creator);
    const found = await authenticateRequest(h.services, `Bearer ${created.token}`);
    expect(found).toEqual({
      productId,
      principal: {
        kind: 'apiToken',
        userId: auth.user.id,
        email: auth.user.email,
        roles: ['user'],
        productId,
        tokenId: created.item.id,
      },
    });
    await h.services.tokens.revoke(productId, created.item.id, auth.user.id);
    expect(await authenticateRequest(h.services, `Bearer ${created.token}`)).toBeUndefined();
  });
});
