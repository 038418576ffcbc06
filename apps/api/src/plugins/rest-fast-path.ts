import type { OperationDeprecation } from '@bytelyst/routers/lib/api-versions';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  coerceSchema,
  forEachOpenApiProcedure,
  getErrorFromUnknown,
  getInputOutputParsers,
  getPathRegExp,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  instanceofZodTypeOptional,
  normalizePath,
  TRPC_ERROR_CODE_HTTP_STATUS,
  unwrapZodType,
  zodSupportsCoerce,
} from 'trpc-to-openapi';
import { ZodArray } from 'zod/v4';

/**
 * The REST face without trpc-to-openapi's per-request work. For every call its Fastify adapter dresses the
 * Fastify request and reply up as Node's, parses the URL, rebuilds and re-coerces the procedure's input
 * schema, builds a WHATWG `Request` only to take its abort signal (which nothing here reads), and creates a
 * tRPC caller proxy. All of that is per route, not per request: done once here, each call is a table lookup,
 * the input object, the context and the procedure. What it answers (status, headers, body, input handed to
 * the procedure, errors handed to `onError`) is the adapter's, step by step (see core.mjs of trpc-to-openapi
 * 3.3.0, pinned exactly), and rest-fast-path.test.ts holds the two to identical answers on every route.
 */

type ProcedureCall = (opts: {
  path: string;
  getRawInput: () => Promise<unknown>;
  ctx: unknown;
  type: string;
  signal: undefined;
  batchIndex: number;
}) => Promise<unknown>;

export type RestRoute = {
  pattern: RegExp;
  /** The procedure's dotted name (also the metrics label). */
  procedure: string;
  type: 'query' | 'mutation';
  cacheSeconds: number | undefined;
  /** The success status when not 200 (`rest({ successStatus })`); set by the REST scope for both paths. */
  successStatus: number | undefined;
  /** Set when the operation is deprecated (`rest({ deprecated })`): its answers carry the headers. */
  deprecation: OperationDeprecation | undefined;
  call: ProcedureCall;
  /** False for a void-like input schema: the adapter then hands the procedure no input at all. */
  takesInput: boolean;
  /** Keys whose schema is an array: a single `?key=value` becomes `[value]`, as the adapter does. */
  arrayKeys: readonly string[];
};

/** METHOD -> routes in the router's order: the first pattern that matches wins, as in the adapter. */
export type RestRoutes = ReadonlyMap<string, readonly RestRoute[]>;
export type RestMatch = { route: RestRoute; params: Record<string, string> };

type Procedure = Parameters<Parameters<typeof forEachOpenApiProcedure>[1]>[0]['procedure'];

const isArraySchema = (shape: unknown): boolean =>
  shape instanceof ZodArray ||
  (instanceofZodTypeOptional(shape as never) &&
    (shape as { unwrap(): unknown }).unwrap() instanceof ZodArray);

/** What the adapter derives from the input schema on every call, derived once. */
const inputPlanOf = (procedure: Procedure): { takesInput: boolean; arrayKeys: string[] } => {
  const schema = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
  const takesInput = !instanceofZodTypeLikeVoid(schema);
  if (!(zodSupportsCoerce && instanceofZodTypeObject(schema))) return { takesInput, arrayKeys: [] };
  // The adapter flags this schema's numbers, booleans and dates as coercing on its first call (it mutates the
  // shared schema); doing it up front gives every later call, on either path, the same schema.
  coerceSchema(schema);
  const arrayKeys = Object.entries(schema.shape)
    .filter(([, shape]) => isArraySchema(shape))
    .map(([key]) => key);
  return { takesInput, arrayKeys };
};

export const buildRestRoutes = (router: AnyTRPCRouter): RestRoutes => {
  const routes = new Map<string, RestRoute[]>();
  forEachOpenApiProcedure(router._def.procedures, ({ path, type, procedure, meta }) => {
    if (type === 'subscription') return;
    const list = routes.get(meta.openapi.method) ?? [];
    const { cacheSeconds, successStatus, deprecation } = meta as {
      cacheSeconds?: unknown;
      successStatus?: unknown;
      deprecation?: OperationDeprecation;
    };
    list.push({
      pattern: getPathRegExp(normalizePath(meta.openapi.path)),
      procedure: path,
      type,
      cacheSeconds: typeof cacheSeconds === 'number' ? cacheSeconds : undefined,
      successStatus: typeof successStatus === 'number' ? successStatus : undefined,
      deprecation,
      call: procedure as unknown as ProcedureCall,
      ...inputPlanOf(procedure),
    });
    routes.set(meta.openapi.method, list);
  });
  return routes;
};

/** A path the WHATWG URL parser returns unchanged (no dot segments, escapes or backslashes to resolve). */
const PLAIN_PATH = /^[A-Za-z0-9_\-/]*$/;

/** The procedure path of a request URL, computed as the adapter does (base path off, URL-parsed, normalised). */
export const restPathOf = (url: string, basePath: string): string => {
  const rest = url.replace(basePath, '');
  const query = rest.indexOf('?');
  const path = query === -1 ? rest : rest.slice(0, query);
  return normalizePath(PLAIN_PATH.test(path) ? path : new URL(`http://127.0.0.1${rest}`).pathname);
};

export const matchRestRoute = (routes: RestRoutes, method: string, path: string): RestMatch | undefined => {
  const candidates = routes.get(method);
  if (!candidates) return undefined;
  for (const route of candidates) {
    const found = route.pattern.exec(path);
    if (found) return { route, params: { ...found.groups } };
  }
  return undefined;
};

/** The adapter's query input: the first of a repeated key only when it is alone, empty values dropped. */
const queryInputOf = (req: FastifyRequest): Record<string, unknown> => {
  const query: Record<string, unknown> = {};
  const given = req.query as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (value) query[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return query;
};

export type RestFastPathOptions<TContext> = {
  createContext: (req: FastifyRequest) => Promise<TContext>;
  onError: (opts: { error: ReturnType<typeof getErrorFromUnknown>; req: FastifyRequest }) => void;
};

/**
 * Answers a matched call and returns true, or returns false having done nothing (a body in anything but
 * JSON, which the adapter refuses with its own 415) so the adapter answers it.
 */
export const createRestFastPath =
  <TContext>(opts: RestFastPathOptions<TContext>) =>
  async (req: FastifyRequest, reply: FastifyReply, match: RestMatch): Promise<boolean> => {
    const { route, params } = match;
    const useBody = req.method !== 'GET' && req.method !== 'DELETE';
    if (useBody && !req.headers['content-type']?.startsWith('application/json')) return false;
    let input: Record<string, unknown> | undefined;
    if (route.takesInput) {
      const given = useBody ? (req.body as Record<string, unknown> | undefined) : queryInputOf(req);
      input = { ...given, ...params };
      if (!useBody) {
        for (const key of route.arrayKeys) {
          if (input[key] !== undefined && !Array.isArray(input[key])) input[key] = [input[key]];
        }
      }
    }
    try {
      const ctx = await opts.createContext(req);
      const data = await route.call({
        path: route.procedure,
        getRawInput: async () => input,
        ctx,
        type: route.type,
        signal: undefined,
        batchIndex: 0,
      });
      void reply.code(200).header('content-type', 'application/json').send(JSON.stringify(data));
    } catch (cause) {
      const error = getErrorFromUnknown(cause);
      opts.onError({ error, req });
      // The REST scope's onSend turns the error handed to onError into the API's error body, on both paths.
      void reply
        .code(TRPC_ERROR_CODE_HTTP_STATUS[error.code] ?? 500)
        .header('content-type', 'application/json')
        .send('{}');
    }
    return true;
  };
