import scalarApiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from 'trpc-to-openapi';

export const DOCS_PATH = '/documentation';
export const DOCS_JSON_PATH = `${DOCS_PATH}/json`;

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

/** OpenAPI JSON always; the Scalar UI when SWAGGER_UI_ENABLED. */
export const registerDocs = (app: FastifyInstance, opts: { document: OpenAPIObject; ui: boolean }): void => {
  const json = JSON.stringify(opts.document);
  app.get(DOCS_JSON_PATH, (_request, reply) => {
    void reply.type('application/json; charset=utf-8').send(json);
  });
  if (!opts.ui) return;
  void app.register(async (scope) => {
    scope.addHook('onSend', (_request, reply, payload, done) => {
      void reply.header('content-security-policy', DOCS_CSP);
      done(null, payload);
    });
    await scope.register(scalarApiReference, {
      routePrefix: DOCS_PATH,
      configuration: {
        url: DOCS_JSON_PATH,
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
