import { createHash } from 'node:crypto';
import { createContextFactory } from '@bytelyst/routers/context';
import { defineRoute } from '@bytelyst/routers/http-route';
import { WAITLIST_EXPORT_PATH } from '@bytelyst/routers/modules/growth/waitlist/export-route';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';
import { registerErrorHandling } from './errors';
import { moduleRoutesOpenApi, registerModuleRoutes } from './module-routes';

/**
 * Modules' plain routes go through the routers' HTTP access: the same refusals as a procedure of the same
 * level, and the same audit record as an admin procedure's mutation.
 */

/** Routes as a future module would add them. */
const ROUTES = [
  defineRoute({
    method: 'GET',
    path: '/plain',
    procedure: 'plain.read',
    level: 'authed',
    handle: async (_request, ctx) => ({ status: 200, body: { email: ctx.principal.email } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/plain/signed',
    procedure: 'plain.signed',
    level: 'public',
    body: 'raw',
    bodyLimit: 64,
    openapi: { operationId: 'plain-signed', tags: ['plain'], summary: 'Raw body', responses: {} },
    handle: async (request) => ({
      status: 202,
      headers: {
        'x-body-sha256': createHash('sha256')
          .update(request.body as Buffer)
          .digest('hex'),
      },
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/plain/settings',
    procedure: 'plain.settings',
    level: 'admin',
    openapi: { operationId: 'plain-settings', tags: ['plain'], summary: 'JSON body', responses: {} },
    handle: async (request) => {
      const input = z.object({ limit: z.number().int().min(1) }).parse(request.body);
      return { status: 200, body: input };
    },
  }),
];

let t: TestServer;
let plain: FastifyInstance;
let adminToken = '';
let userToken = '';
const PLAIN_USER = { email: 'http-access@example.com', password: 'correct-horse-battery' };

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, { ...PLAIN_USER, name: 'Plain', roles: ['user'] });
  userToken = await loginRest(t.app, PLAIN_USER.email, PLAIN_USER.password);
  plain = Fastify();
  registerErrorHandling(plain);
  registerModuleRoutes(plain, { routes: ROUTES, createContext: createContextFactory(t.services) });
});
afterAll(async () => {
  await plain.close();
  await t.close();
});

const get = (app: FastifyInstance, url: string, token?: string, requestId?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
  });

describe('HTTP access for plain routes', () => {
  it('refuses anonymous callers (401) and plain users (403) with the bodies an admin procedure gives', async () => {
    const anonymous = await get(t.app, WAITLIST_EXPORT_PATH);
    const user = await get(t.app, WAITLIST_EXPORT_PATH, userToken);
    const procedureAnonymous = await rest(t.app, 'GET', '/waitlist');
    const procedureUser = await rest(t.app, 'GET', '/waitlist', { token: userToken });
    expect(anonymous.statusCode).toBe(401);
    expect(user.statusCode).toBe(403);
    expect(procedureAnonymous.status).toBe(401);
    expect(procedureUser.status).toBe(403);
    expect(anonymous.json()).toEqual(procedureAnonymous.body);
    expect(user.json()).toEqual(procedureUser.body);
    expect(anonymous.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Sign in to continue' } });
    expect(user.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'You do not have access to this' } });
  });

  it('admits exactly the callers of its level on a route of any level', async () => {
    const anonymous = await get(plain, '/plain');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Sign in to continue' } });
    const user = await get(plain, '/plain', userToken);
    expect(user.statusCode).toBe(200);
    expect(user.json()).toEqual({ email: PLAIN_USER.email });
    const forged = await get(plain, '/plain', 'not-a-token');
    expect(forged.statusCode).toBe(401);
  });

  it('hands a raw route the exact bytes, and answers bad input with a 400 naming the field', async () => {
    const payload = '{"b": 1,  "a":[2]}\n';
    const signed = await plain.inject({
      method: 'POST',
      url: '/v1/plain/signed',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(signed.statusCode).toBe(202);
    expect(signed.headers['x-body-sha256']).toBe(createHash('sha256').update(payload).digest('hex'));
    const tooLarge = await plain.inject({ method: 'POST', url: '/v1/plain/signed', payload: 'x'.repeat(65) });
    expect(tooLarge.statusCode).toBe(413);
    const post = (body: unknown, token?: string) =>
      plain.inject({
        method: 'POST',
        url: '/v1/plain/settings',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        payload: JSON.stringify(body),
      });
    expect((await post({ limit: 2 })).statusCode).toBe(401);
    expect((await post({ limit: 2 }, userToken)).statusCode).toBe(403);
    const bad = await post({ limit: 0 }, adminToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['limit']);
    expect((await post({ limit: 3 }, adminToken)).json()).toEqual({ limit: 3 });
  });

  it("documents a route's security from its level", () => {
    const paths = moduleRoutesOpenApi(ROUTES, '/v1');
    expect(Object.keys(paths).sort()).toEqual(['/plain/settings', '/plain/signed']);
    expect(paths['/plain/settings']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(paths['/plain/signed']?.post?.security).toBeUndefined();
  });

  it('writes an admin action on a plain route to the audit log in the shape of a procedure mutation', async () => {
    const exported = await get(t.app, `${WAITLIST_EXPORT_PATH}?status=waiting`, adminToken, 'audit-plain-1');
    expect(exported.statusCode).toBe(200);
    const mutated = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/kill-switch',
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        'x-request-id': 'audit-procedure-1',
      },
      payload: JSON.stringify({ enabled: false, message: 'audit shape' }),
    });
    expect(mutated.statusCode).toBe(200);
    await t.services.bus.drain();
    const productId = t.env.DEFAULT_PRODUCT_ID;
    const [viaRoute] = (await t.services.audit.list(productId, { action: 'waitlist.export' })).items;
    const [viaProcedure] = (await t.services.audit.list(productId, { action: 'settings.setKillSwitch' }))
      .items;
    if (!viaRoute || !viaProcedure) throw new Error('both actions must be in the audit log');
    expect(Object.keys(viaRoute).sort()).toEqual(Object.keys(viaProcedure).sort());
    const actor = ({
      actorId,
      actorEmail,
      actorTokenId,
      ip,
      impersonatedBy,
      productId: product,
    }: typeof viaRoute) => ({
      actorId,
      actorEmail,
      actorTokenId,
      ip,
      impersonatedBy,
      product,
    });
    expect(actor(viaRoute)).toEqual(actor(viaProcedure));
    expect(viaRoute).toMatchObject({
      action: 'waitlist.export',
      targetType: 'waitlist_entry',
      targetId: null,
      requestId: 'audit-plain-1',
      details: { status: 'waiting' },
    });
    expect(viaProcedure).toMatchObject({ requestId: 'audit-procedure-1', targetType: 'kill_switch' });
  });
});
