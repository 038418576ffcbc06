import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, ROOT_EMAIL, ROOT_PASSWORD, type TestHarness } from './testing/harness';
import { restCaller } from './testing/rest';

/** The same routers through the REST adapter (fetch flavour; apps/api mounts the Fastify one). */
describe('REST face', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const rest = (...args: Parameters<ReturnType<typeof restCaller>>) => restCaller(h)(...args);

  it('serves login, current product and a GET list with coerced query parameters', async () => {
    const login = await rest('POST', '/auth/login', { body: { email: ROOT_EMAIL, password: ROOT_PASSWORD } });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const current = await rest('GET', '/products/current');
    expect(await current.json()).toEqual({ id: 'platform', name: 'Platform', status: 'active' });
    const list = await rest('GET', '/users?limit=1&search=root', { bearer: accessToken });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(1);
    const badLimit = await rest('GET', '/users?limit=abc', { bearer: accessToken });
    expect(badLimit.status).toBe(400);
    expect(
      ((await badLimit.json()) as { data?: { fields?: { path: string }[] } }).data?.fields?.[0]?.path,
    ).toBe('limit');
  });

  it('answers bad input with 400 naming the fields, and admin routes with 401 / 403', async () => {
    const bad = await rest('POST', '/auth/register', { body: { email: 'nope', password: 'x', name: 'A' } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { data?: { fields?: { path: string }[] } };
    expect(body.data?.fields?.map((f) => f.path).sort()).toEqual(['email', 'password']);
    expect((await rest('GET', '/users')).status).toBe(401);
    const user = await h.signIn(['user']);
    expect((await rest('GET', '/users', { bearer: user.auth.accessToken })).status).toBe(403);
    expect((await rest('GET', '/users?limit=abc', { bearer: user.auth.accessToken })).status).toBe(403);
  });

  it("reads a query boolean's 'false' as false (the adapter's own coercion would take it for true)", async () => {
    const admin = await h.signIn(['admin']);
    const bearer = admin.auth.accessToken;
    const created = await rest('POST', '/tokens', { bearer, body: { name: 'query-boolean', role: 'user' } });
    expect(created.status).toBe(200);
    const { item } = (await created.json()) as { item: { id: string } };
    expect((await rest('POST', `/tokens/${item.id}/revoke`, { bearer, body: {} })).status).toBe(200);
    const listed = async (query: string) => {
      const response = await rest('GET', `/tokens${query}`, { bearer });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { id: string }[] }).items.map((t) => t.id);
    };
    expect(await listed('?includeRevoked=true')).toContain(item.id);
    expect(await listed('?includeRevoked=false')).not.toContain(item.id);
    expect(await listed('')).not.toContain(item.id);
    const bad = await rest('GET', '/tokens?includeRevoked=maybe', { bearer });
    expect(bad.status).toBe(400);
  });
});
