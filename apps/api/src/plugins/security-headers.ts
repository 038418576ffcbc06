import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** The API answers JSON; the docs route sets its own, looser policy (plugins/docs.ts). */
export const helmetOptions = (hsts: boolean): FastifyHelmetOptions => ({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
  hsts,
});

const NOT_SECURITY = new Set(['content-length', 'content-type', 'date', 'connection', 'keep-alive']);

/** Runs @fastify/helmet once on a throwaway instance and keeps the headers it set. */
const helmetHeaders = async (options: FastifyHelmetOptions): Promise<Record<string, string>> => {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', (_request, reply) => {
    void reply.send('');
  });
  const res = await probe.inject({ url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!NOT_SECURITY.has(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
};

/**
 * Security headers from @fastify/helmet, and the request id, on every response. Our configuration is static, so helmet runs once at
 * start-up and each request copies the result: registered normally, @fastify/helmet rebuilds its middleware
 * chain (and re-parses the CSP) on every request, which cost about as much as the rest of a plain route.
 */
export const registerSecurityHeaders = (app: FastifyInstance, opts: { hsts: boolean }): void => {
  let headers: Record<string, string> = {};
  void app.register(async () => {
    headers = await helmetHeaders(helmetOptions(opts.hsts));
  });
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header('x-request-id', request.id);
    done();
  });
};
