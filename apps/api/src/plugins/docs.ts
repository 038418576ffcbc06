import type { ApiVersion } from '@bytelyst/routers/lib/api-versions';
import scalarApiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { sendError } from './errors';

export const DOCS_PATH = '/documentation';
export const DOCS_JSON_PATH = `${DOCS_PATH}/json`;
export const docsJsonPathOf = (versionId: string) => `${DOCS_PATH}/${versionId}/json`;

/** One served version's document. */
export type VersionDocument = { version: ApiVersion; document: OpenAPIObject };

/**
 * The docs page loads Scalar's bundle from this server (/documentation/js/scalar.js) and has inline init
 * script and styles; everything else stays same-origin, so the page works offline and leaks nothing.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The OpenAPI JSON of each served version at /documentation/{version}/json, the current one also at
 * /documentation/json; the Scalar UI, with a version picker over them, when SWAGGER_UI_ENABLED.
 */
export const registerDocs = (
  app: FastifyInstance,
  opts: { documents: readonly VersionDocument[]; currentId: string; ui: boolean },
): void => {
  const json = new Map(opts.documents.map(({ version, document }) => [version.id, JSON.stringify(document)]));
  const current = json.get(opts.currentId);
  if (current === undefined)
    throw new Error(`no OpenAPI document for the current API version ${opts.currentId}`);
  app.get(DOCS_JSON_PATH, (_request, reply) => {
    void reply.type('application/json; charset=utf-8').send(current);
  });
  app.get<{ Params: { version: string } }>(`${DOCS_PATH}/:version/json`, (request, reply) => {
    const body = json.get(request.params.version);
    if (body === undefined) {
      return sendError(reply, {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: `No API version ${request.params.version}` } },
      });
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
  if (!opts.ui) return;
  const sources = opts.documents.map(({ version }) => ({
    title: `${version.id} (${version.status}${version.sunsetAt ? `, sunset ${version.sunsetAt.slice(0, 10)}` : ''})`,
    slug: version.id,
    // The current version keeps the historical address, which clients and links already use.
    url: version.id === opts.currentId ? DOCS_JSON_PATH : docsJsonPathOf(version.id),
    default: version.id === opts.currentId,
  }));
  void app.register(async (scope) => {
    scope.addHook('onSend', (_request, reply, payload, done) => {
      void reply.header('content-security-policy', DOCS_CSP);
      done(null, payload);
    });
    await scope.register(scalarApiReference, {
      routePrefix: DOCS_PATH,
      configuration: {
        sources,
        pageTitle: 'ByteLyst Platform API',
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        // No hosted extras (AI agent, MCP generator, developer toolbar): the page stays self-contained.
        showDeveloperTools: 'never',
        agent: { disabled: true },
        mcp: { disabled: true },
      },
    });
  });
};
