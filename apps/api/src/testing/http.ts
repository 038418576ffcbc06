import type { FastifyInstance } from 'fastify';

/** Small wire-level helpers for the tests: tRPC without a transformer, and the REST face under /v1. */

export type Wire = { status: number; body: unknown; headers: Record<string, unknown> };

const parse = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};

const headersFor = (token?: string, extra: Record<string, string> = {}): Record<string, string> =>
  token ? { authorization: `Bearer ${token}`, ...extra } : extra;

export const trpcQuery = async (app: FastifyInstance, path: string, input?: unknown, token?: string) => {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await app.inject({ method: 'GET', url: `/trpc/${path}${query}`, headers: headersFor(token) });
  return { status: res.statusCode, body: parse(res.payload), headers: res.headers } satisfies Wire;
};

export const trpcMutation = async (app: FastifyInstance, path: string, input?: unknown, token?: string) => {
  const res = await app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: headersFor(token, { 'content-type': 'application/json' }),
    payload: JSON.stringify(input ?? null),
  });
  return { status: res.statusCode, body: parse(res.payload), headers: res.headers } satisfies Wire;
};

export const rest = async (
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: { body?: unknown; rawBody?: string; token?: string; query?: Record<string, string> } = {},
) => {
  const search = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  const res = await app.inject({
    method,
    url: `/v1${path}${search}`,
    headers: headersFor(opts.token, hasBody ? { 'content-type': 'application/json' } : {}),
    ...(hasBody ? { payload: opts.rawBody ?? JSON.stringify(opts.body) } : {}),
  });
  return { status: res.statusCode, body: parse(res.payload), headers: res.headers } satisfies Wire;
};

/** `result.data` of a tRPC success body. */
export const dataOf = (wire: Wire): unknown => (wire.body as { result?: { data?: unknown } }).result?.data;

export const loginRest = async (app: FastifyInstance, email: string, password: string): Promise<string> => {
  const res = await rest(app, 'POST', '/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
};

export type ProcedureInfo = {
  name: string;
  type: string;
  openapi?: { method: string; path: string };
};

/** Every procedure of the app router (tRPC keeps a flat, dotted-name record of them at runtime). */
export const listProcedures = (procedures: unknown): ProcedureInfo[] =>
  Object.entries(
    procedures as Record<string, { _def: { type: string; meta?: { openapi?: ProcedureInfo['openapi'] } } }>,
  ).map(([name, procedure]) => ({
    name,
    type: procedure._def.type,
    ...(procedure._def.meta?.openapi ? { openapi: procedure._def.meta.openapi } : {}),
  }));
