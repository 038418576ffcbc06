import { createContextFactory } from '@bytelyst/routers/context';
import { appRouter } from '@bytelyst/routers/root';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server';
import { loginRest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';
import { contextInput } from './trpc';
import { createTrpcFastPath } from './trpc-fast-path';

let t: TestServer;
let official: FastifyInstance;
let probe: FastifyInstance;
let adminToken: string;

const DECLINED = 599;

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  // The same services behind the official adapter only.
  official = buildServer({
    env: t.env,
    store: t.store,
    blob: t.blob,
    clock: t.clock.clock,
    services: t.services,
    trpcFastPath: false,
  });
  // The fast path alone: answers what it takes, 599 for what it declines.
  const createContext = createContextFactory(t.services);
  const fastPath = createTrpcFastPath({
    router: appRouter,
    createContext: (req) => createContext(contextInput(req)),
    onError: () => undefined,
  });
  probe = Fastify();
  probe.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  probe.all('/trpc/:path', async (req, reply) => {
    if (await fastPath(req, reply, (req.params as { path: string }).path)) return reply;
    return reply.code(DECLINED).send('declined');
  });
});
afterAll(async () => {
  await probe.close();
  await official.close();
  await t.close();
});

const bearer = () => ({ authorization: `Bearer ${adminToken}` });
const json = { 'content-type': 'application/json' };
const q = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Plain calls: the fast path must take each one and answer exactly as the official adapter does. */
const PLAIN: [string, () => InjectOptions][] = [
  ['query without input', () => ({ method: 'GET', url: '/trpc/products.getCurrent' })],
  ['authed query', () => ({ method: 'GET', url: '/trpc/auth.getMine', headers: bearer() })],
  ['anonymous call to an authed query', () => ({ method: 'GET', url: '/trpc/auth.getMine' })],
  [
    'admin query with input',
    () => ({ method: 'GET', url: `/trpc/users.list${q({ limit: 5 })}`, headers: bearer() }),
  ],
  [
    'input failing validation',
    () => ({ method: 'GET', url: `/trpc/users.list${q({ limit: 'abc' })}`, headers: bearer() }),
  ],
  ['not found', () => ({ method: 'GET', url: `/trpc/users.get${q({ id: 'nobody' })}`, headers: bearer() })],
  ['null input', () => ({ method: 'GET', url: `/trpc/users.get${q(null)}`, headers: bearer() })],
  [
    'unknown product header',
    () => ({
      method: 'GET',
      url: '/trpc/products.getCurrent',
      headers: { 'x-product-id': 'no-such-product' },
    }),
  ],
  [
    'mutation',
    () => ({ method: 'POST', url: '/trpc/tokens.validate', headers: json, payload: '{"token":"blt_nope"}' }),
  ],
  [
    'mutation refused',
    () => ({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: json,
      payload: JSON.stringify({ email: t.admin.email, password: 'wrong-password-123' }),
    }),
  ],
  ['mutation without body', () => ({ method: 'POST', url: '/trpc/auth.logout', headers: json })],
];

/** Everything else is declined untouched, and the official adapter answers it. */
const UNUSUAL: [string, () => InjectOptions][] = [
  [
    'batch',
    () => ({
      method: 'GET',
      url: `/trpc/products.getCurrent,auth.getMine?batch=1&input=${encodeURIComponent('{}')}`,
    }),
  ],
  [
    'batched mutation',
    () => ({
      method: 'POST',
      url: '/trpc/tokens.validate?batch=1',
      headers: json,
      payload: '{"0":{"token":"blt_nope"}}',
    }),
  ],
  ['GET of a mutation', () => ({ method: 'GET', url: '/trpc/auth.logout' })],
  [
    'POST of a query',
    () => ({ method: 'POST', url: '/trpc/products.getCurrent', headers: json, payload: '{}' }),
  ],
  ['POST without a content type', () => ({ method: 'POST', url: '/trpc/auth.logout' })],
  ['unknown procedure', () => ({ method: 'GET', url: '/trpc/nope.nothing' })],
  ['prototype key as procedure', () => ({ method: 'GET', url: '/trpc/constructor' })],
  ['malformed JSON input', () => ({ method: 'GET', url: '/trpc/users.list?input=%7Bnot-json' })],
  [
    'malformed JSON body',
    () => ({ method: 'POST', url: '/trpc/tokens.validate', headers: json, payload: '{"token":' }),
  ],
  [
    'streaming accept header',
    () => ({
      method: 'GET',
      url: '/trpc/products.getCurrent',
      headers: { 'trpc-accept': 'application/jsonl' },
    }),
  ],
];

const answer = async (app: FastifyInstance, request: InjectOptions) => {
  const res = await app.inject(request);
  return {
    status: res.statusCode,
    contentType: res.headers['content-type'],
    vary: res.headers.vary,
    body: res.statusCode === DECLINED ? res.payload : (JSON.parse(res.payload) as unknown),
  };
};

describe('tRPC fast path', () => {
  it.each(PLAIN)(
    'takes a plain call (%s) and answers exactly as the official adapter',
    async (_name, make) => {
      const viaProbe = await answer(probe, make());
      expect(viaProbe.status).not.toBe(DECLINED);
      const viaServer = await answer(t.app, make());
      const viaOfficial = await answer(official, make());
      expect(viaProbe).toEqual(viaOfficial);
      expect(viaServer).toEqual(viaOfficial);
    },
  );

  it.each(UNUSUAL)(
    'declines an unusual call (%s), which the server still answers as tRPC does',
    async (_name, make) => {
      expect((await answer(probe, make())).status).toBe(DECLINED);
      expect(await answer(t.app, make())).toEqual(await answer(official, make()));
    },
  );
});
