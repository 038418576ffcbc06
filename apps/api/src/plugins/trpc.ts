import type { createContextFactory } from '@bytelyst/routers/context';
import { retryAfterOf } from '@bytelyst/routers/errors';
import { appRouter } from '@bytelyst/routers/root';
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createTrpcFastPath } from './trpc-fast-path';

type AppRouter = typeof appRouter;
export type ContextFactory = ReturnType<typeof createContextFactory>;

/** Known procedure names, so the metrics label stays bounded whatever path a client sends. */
export const PROCEDURES: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));

const procedureLabel = (path: string): string => {
  if (PROCEDURES.has(path)) return path;
  return path.includes(',') ? 'batch' : 'unknown';
};

/** The routers' context from a Fastify request: headers, client IP and the request id for the audit log. */
export const contextInput = (req: FastifyRequest) => ({
  headers: req.headers,
  ip: req.ip,
  requestId: req.id,
});

/** A whole JSON answer (not a jsonl/SSE stream, which must stay a stream). */
const isPlainJson = (response: Response): boolean =>
  response.body !== null && (response.headers.get('content-type') ?? '').startsWith('application/json');

/**
 * tRPC at /trpc, in its own scope (request bodies stay strings there, as the tRPC adapter expects). Plain
 * single calls take the fast path (trpc-fast-path.ts); batches, streams and anything unusual go to the
 * official adapter's request handler. The adapter answers with a fetch `Response`, which Fastify would pipe
 * as a chunked web stream; a whole JSON answer is sent as one string with a content-length instead.
 */
export const registerTrpc = (
  app: FastifyInstance,
  opts: { createContext: ContextFactory; fastPath?: boolean },
): void => {
  void app.register(async (scope) => {
    for (const contentType of ['application/json', 'multipart/form-data']) {
      scope.removeContentTypeParser(contentType);
      scope.addContentTypeParser(contentType, { parseAs: 'string' }, (_request, body, done) => {
        done(null, body);
      });
    }
    scope.addHook('preHandler', (request, _reply, done) => {
      const params = request.params as { path?: string };
      request.procedure = procedureLabel(params.path ?? '');
      done();
    });
    scope.addHook('onSend', (request, reply, payload, done) => {
      const retryAfter = retryAfters.get(request);
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      if (!(payload instanceof Response) || !isPlainJson(payload)) {
        done(null, payload);
        return;
      }
      void reply.code(payload.status);
      payload.headers.forEach((value, name) => {
        void reply.header(name, value);
      });
      payload.text().then(
        (text) => done(null, text),
        (error: Error) => done(error),
      );
    });
    /** Retry-After of a refused call (a login lockout), written by onSend on either path. */
    const retryAfters = new WeakMap<FastifyRequest, number>();
    const onError = ({ error, req }: { error: { code: string; cause?: unknown }; req: FastifyRequest }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        req.log.error({ err: error.cause ?? error }, 'trpc call failed');
      const retryAfter = retryAfterOf(error.cause);
      if (retryAfter !== undefined) retryAfters.set(req, Math.max(retryAfter, retryAfters.get(req) ?? 0));
    };
    const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
      router: appRouter,
      createContext: ({ req }) => opts.createContext(contextInput(req)),
      onError,
    };
    const fastPath =
      opts.fastPath === false
        ? null
        : createTrpcFastPath({
            router: appRouter,
            createContext: (req) => opts.createContext(contextInput(req)),
            onError,
          });
    scope.all('/trpc/:path', async (req, reply) => {
      const { path } = req.params as { path: string };
      if (fastPath && (await fastPath(req, reply, path))) return reply;
      await fastifyRequestHandler({ ...trpcOptions, req, res: reply, path });
      return reply;
    });
  });
};
