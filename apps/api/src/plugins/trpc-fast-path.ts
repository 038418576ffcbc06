import type { AnyTRPCRouter } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCodeFromError,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The common tRPC call — one query over GET or one mutation over POST, JSON in and out, no batch, no stream —
 * answered without the fetch adapter. The official Fastify adapter turns every request into a WHATWG
 * `Request`, resolves it into a `Response` and pipes that back; on Node 20 that round trip costs more than
 * the procedure itself. This path produces the same status, headers and body as `resolveResponse` does for
 * such a call (proven against the official adapter in trpc-fast-path.test.ts) and returns `false` for
 * anything else, before any context is built, so the caller hands it to the official adapter unchanged.
 */
export type FastPathOptions<TContext> = {
  router: AnyTRPCRouter;
  createContext: (req: FastifyRequest) => Promise<TContext>;
  onError: (opts: { error: ReturnType<typeof getTRPCErrorFromUnknown>; req: FastifyRequest }) => void;
};

const NO_INPUT = Symbol('no input');

/** The raw input of a plain call, `NO_INPUT` when absent, or undefined when this path must not take it. */
const rawInputOf = (req: FastifyRequest): unknown => {
  // Any query parameter but a GET's `input` (`batch=1` above all) belongs to the official adapter.
  const query = req.query as Record<string, unknown>;
  for (const key in query) if (key !== 'input' || req.method !== 'GET') return undefined;
  if (req.method === 'GET') {
    const input = query.input;
    if (input === undefined) return NO_INPUT;
    return typeof input === 'string' ? parseJson(input) : undefined;
  }
  if (!req.headers['content-type']?.startsWith('application/json')) return undefined;
  const body = req.body;
  if (body === undefined || body === '') return NO_INPUT;
  return typeof body === 'string' ? parseJson(body) : undefined;
};

/** Wraps parsed JSON so a literal `null`/`undefined` input stays distinguishable from "cannot parse". */
const parseJson = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

export const createTrpcFastPath = <TContext>(opts: FastPathOptions<TContext>) => {
  const { router } = opts;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<
    string,
    ((call: Record<string, unknown>) => Promise<unknown>) & { _def: { type: string } }
  >;

  /** Answers the call and returns true, or returns false (having done nothing) when it is not a plain call. */
  return async (req: FastifyRequest, reply: FastifyReply, path: string): Promise<boolean> => {
    const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
    if (!procedure || path.includes(',')) return false;
    const type = procedure._def.type;
    if (!((type === 'query' && req.method === 'GET') || (type === 'mutation' && req.method === 'POST'))) {
      return false;
    }
    if (req.headers['trpc-accept'] !== undefined) return false;
    const parsed = rawInputOf(req);
    if (parsed === undefined) return false;
    const rawInput = parsed === NO_INPUT ? undefined : (parsed as { value: unknown }).value;

    let ctx: TContext | undefined;
    let body: unknown;
    let status = 200;
    try {
      ctx = await opts.createContext(req);
      const data = await procedure({ path, getRawInput: async () => rawInput, ctx, type, signal: undefined });
      body = { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError({ error, req });
      status = getHTTPStatusCodeFromError(error);
      body = { error: getErrorShape({ config, ctx, error, input: rawInput, path, type }) };
    }
    void reply
      .code(status)
      .header('vary', 'trpc-accept, accept')
      .header('content-type', 'application/json')
      // A Buffer, so Fastify sends the content type exactly as tRPC does (a string would gain a charset).
      .send(Buffer.from(JSON.stringify(transformTRPCResponse(config, body as never))));
    return true;
  };
};
