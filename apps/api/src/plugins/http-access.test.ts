import { createContextFactory } from '@bytelyst/routers/context';
import { createHttpAccess } from '@bytelyst/routers/http-access';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';
import { describeError, registerErrorHandling } from './errors';
import { contextInput } from './trpc';
import { WAITLIST_EXPORT_PATH } from './waitlist-export';

/**
 * Plain Fastify routes go through the routers' HTTP access: the same refusals as a procedure of the same
 * level, and the same audit record as an admin procedure's mutation.
 */

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
  // A route as a future module would add one: any signed-in caller may read, only a super admin may write.
  const access = createHttpAccess(createContextFactory(t.services));
  plain = Fastify();
  registerErrorHandling(plain);
  plain.get('/plain', async (request, reply) => {
    try {
      const ctx = await access.authorize(contextInput(request), 'authed');
      return { email: ctx.principal.email };
    } catch (error) {
      const { status, body } = describeError(error);
      return reply.code(status).send(body);
    }
  });
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
