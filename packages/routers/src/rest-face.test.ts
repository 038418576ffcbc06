import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { createTestHarness, ROOT_EMAIL, ROOT_PASSWORD, type TestHarness } from './testing/harness';

/** The same routers through the REST adapter (fetch flavour; apps/api mounts the Fastify one). */
describe('REST face', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const rest = (method: string, path: string, opts: { body?: unknown; bearer?: string } = {}) =>
    createOpenApiFetchHandler({
      endpoint: '/v1',
      router: appRouter,
      req: new Request(`http://127.0.0.1/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      }),
      createContext: ({ req }) =>
        h.createContext({ headers: Object.fromEntries(req.headers), ip: '127.0.0.1', requestId: 'rest-1' }),
    });

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
});
