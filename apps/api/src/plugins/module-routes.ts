import { Readable } from 'node:stream';
import { createHttpAccess, isProtected } from '@bytelyst/routers/http-access';
import type { AnyHttpRoute, HttpRouteReply } from '@bytelyst/routers/http-route';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { describeError, sendError } from './errors';
import { type ContextFactory, contextInput } from './trpc';

const send = (request: FastifyRequest, reply: FastifyReply, answer: HttpRouteReply) => {
  void reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
  const { body } = answer;
  if (body instanceof Readable) {
    body.on('error', (error) => request.log.error({ err: error }, `${request.procedure} stream failed`));
  }
  // Strings, bytes and streams go out as they are, anything else as JSON.
  return reply.send(body);
};

/**
 * Serves the modules' plain HTTP routes (`@bytelyst/routers/http-route`): each in its own scope with the body
 * parser its `body` mode asks for; the caller authorized with the procedures' context factory and level check
 * before the handler runs; errors answered with the body and status every other face gives them.
 */
export const registerModuleRoutes = (
  app: FastifyInstance,
  deps: { routes: readonly AnyHttpRoute[]; createContext: ContextFactory },
): void => {
  const access = createHttpAccess(deps.createContext);
  for (const route of deps.routes) {
    void app.register(async (scope) => {
      if (route.body === 'raw' || route.body === 'stream') {
        scope.removeAllContentTypeParsers();
        if (route.body === 'raw') {
          scope.addContentTypeParser(
            '*',
            { parseAs: 'buffer', ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}) },
            (_request, body, done) => done(null, body),
          );
        } else {
          scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
        }
      }
      scope.route({
        method: route.method,
        url: route.path,
        ...(route.bodyLimit && route.body !== 'stream' ? { bodyLimit: route.bodyLimit } : {}),
        handler: async (request, reply) => {
          request.procedure = route.procedure;
          // A shadow token may only read: other methods are refused (403) and every request is audited.
          const shadowCheck = { method: route.method, procedure: route.procedure };
          /** Set while the handler runs, so that a request it fails is audited as failed. */
          let authorized: Parameters<typeof access.auditImpersonation>[0] | undefined;
          try {
            const ctx = await access.authorize(contextInput(request), route.level, shadowCheck);
            authorized = ctx;
            const audit: Parameters<AnyHttpRoute['handle']>[1]['audit'] = (call) => {
              if (!ctx.principal) throw new Error(`${route.procedure} audits without a principal`);
              return access.audit({ ...ctx, principal: ctx.principal }, call);
            };
            const body =
              route.body === 'raw' && !Buffer.isBuffer(request.body) ? Buffer.alloc(0) : request.body;
            const answer = await route.handle(
              {
                method: request.method,
                url: request.url,
                headers: request.headers,
                query: (request.query ?? {}) as Record<string, unknown>,
                body,
              },
              { ...ctx, audit },
            );
            authorized = undefined;
            await access.auditImpersonation(ctx, shadowCheck, answer.status < 400 ? 'ok' : 'failed');
            return send(request, reply, answer);
          } catch (error) {
            if (authorized) await access.auditImpersonation(authorized, shadowCheck, 'failed');
            const described = describeError(error);
            if (described.status >= 500) request.log.error({ err: error }, `${route.procedure} failed`);
            return sendError(reply.header('cache-control', 'no-store'), described);
          }
        },
      });
    });
  }
};

type Paths = NonNullable<OpenAPIObject['paths']>;

/** The documented routes under `basePath` as OpenAPI paths; each operation's security follows its level. */
export const moduleRoutesOpenApi = (routes: readonly AnyHttpRoute[], basePath: string): Paths => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!route.openapi || !route.path.startsWith(`${basePath}/`)) continue;
    const path = route.path.slice(basePath.length);
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        ...route.openapi,
        ...(isProtected(route.level) ? { security: [{ bearerAuth: [] }] } : {}),
      },
    };
  }
  return paths as Paths;
};
