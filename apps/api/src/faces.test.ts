import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, loginRest, rest, trpcMutation, trpcQuery } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;
let adminToken: string;
let userToken: string;
const USER = { email: 'plain@bytelyst.test', password: 'plain-user-password-1', name: 'Plain User' };

type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
type TrpcError = {
  error: { message: string; data: { httpStatus: number; appCode?: string; fields?: { path: string }[] } };
};

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  const registered = await rest(t.app, 'POST', '/auth/register', { body: USER });
  expect(registered.status).toBe(200);
  userToken = (registered.body as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await t.close();
});

describe('tRPC and REST give the same result', () => {
  it('login then me', async () => {
    const viaTrpc = await trpcMutation(t.app, 'auth.login', {
      email: t.admin.email,
      password: t.admin.password,
    });
    expect(viaTrpc.status).toBe(200);
    const trpcLogin = dataOf(viaTrpc) as { accessToken: string; user: { id: string; email: string } };
    const viaRest = await rest(t.app, 'POST', '/auth/login', {
      body: { email: t.admin.email, password: t.admin.password },
    });
    expect(viaRest.status).toBe(200);
    const restLogin = viaRest.body as typeof trpcLogin;
    expect(restLogin.user).toEqual(trpcLogin.user);

    const meTrpc = await trpcQuery(t.app, 'auth.getMine', undefined, trpcLogin.accessToken);
    const meRest = await rest(t.app, 'GET', '/auth/me', { token: trpcLogin.accessToken });
    expect(meTrpc.status).toBe(200);
    expect(meRest.status).toBe(200);
    expect(meRest.body).toEqual(dataOf(meTrpc));
    expect((meRest.body as { email: string }).email).toBe(t.admin.email);
  });

  it('products.getCurrent, anonymous', async () => {
    const viaTrpc = await trpcQuery(t.app, 'products.getCurrent');
    const viaRest = await rest(t.app, 'GET', '/products/current');
    expect(viaTrpc.status).toBe(200);
    expect(viaRest.body).toEqual(dataOf(viaTrpc));
    expect((viaRest.body as { id: string }).id).toBe('bytelyst');
  });
});

describe('caching on the REST face', () => {
  it('a polled public GET (the kill switch) is cacheable for a few seconds and varies on the product', async () => {
    const res = await rest(t.app, 'GET', '/settings/kill-switch');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    expect(String(res.headers.vary)).toContain('x-product-id');
  });

  it('other GETs and failures carry no public cache header', async () => {
    const me = await rest(t.app, 'GET', '/auth/me', { token: userToken });
    expect(me.status).toBe(200);
    expect(me.headers['cache-control'] ?? '').not.toContain('public');
    const bad = await rest(t.app, 'GET', '/settings/kill-switch', { query: { appVersion: 'x'.repeat(500) } });
    expect(bad.status).toBe(400);
    expect(bad.headers['cache-control'] ?? '').not.toContain('public');
  });
});

describe('invalid input is a 400 naming the fields, on both faces', () => {
  it('REST', async () => {
    const res = await rest(t.app, 'POST', '/auth/login', { body: { email: 'not-an-email', password: 42 } });
    expect(res.status).toBe(400);
    const body = res.body as ErrorBody;
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields?.map((field) => field.path).sort()).toEqual(['email', 'password']);
  });

  it('REST, missing fields', async () => {
    const res = await rest(t.app, 'POST', '/users', { body: {}, token: adminToken });
    expect(res.status).toBe(400);
    const paths = (res.body as ErrorBody).error.fields?.map((field) => field.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['email']));
  });

  it('REST, malformed JSON', async () => {
    const res = await rest(t.app, 'POST', '/auth/login', { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toMatchObject({ code: 'BAD_REQUEST', fields: [{ path: 'body' }] });
  });

  it('tRPC', async () => {
    const res = await trpcMutation(t.app, 'auth.login', { email: 'not-an-email', password: 42 });
    expect(res.status).toBe(400);
    const body = res.body as TrpcError;
    expect(body.error.data.fields?.map((field) => field.path).sort()).toEqual(['email', 'password']);
  });

  it('tRPC, malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('access on the REST face', () => {
  it('anonymous admin call is 401', async () => {
    const res = await rest(t.app, 'GET', '/system/overview');
    expect(res.status).toBe(401);
    expect((res.body as ErrorBody).error.code).toBe('UNAUTHORIZED');
  });

  it('plain user admin call is 403', async () => {
    const res = await rest(t.app, 'GET', '/users', { token: userToken });
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error.code).toBe('FORBIDDEN');
  });

  it('admin call as admin is 200', async () => {
    const res = await rest(t.app, 'GET', '/system/overview', { token: adminToken });
    expect(res.status).toBe(200);
  });

  it('a forged bearer is 401 on both faces', async () => {
    expect((await rest(t.app, 'GET', '/auth/me', { token: 'garbage' })).status).toBe(401);
    expect((await trpcQuery(t.app, 'auth.getMine', undefined, 'garbage')).status).toBe(401);
  });

  it('unknown REST path is a JSON 404', async () => {
    const res = await rest(t.app, 'GET', '/no/such/thing');
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('NOT_FOUND');
  });
});
