import type { OpenAPIObject } from 'trpc-to-openapi';

/** One path of the OpenAPI document, for the routes served by plain Fastify beside the procedures. */
export type OpenApiPathItem = NonNullable<OpenAPIObject['paths']>[string];

/** The API's error body (`{ error: { code, message, fields? } }`) as a response. */
export const ERROR_RESPONSE = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object' as const,
        properties: {
          error: {
            type: 'object' as const,
            properties: {
              code: { type: 'string' as const },
              message: { type: 'string' as const },
              fields: {
                type: 'array' as const,
                items: {
                  type: 'object' as const,
                  properties: { path: { type: 'string' as const }, message: { type: 'string' as const } },
                },
              },
            },
            required: ['code', 'message'],
          },
        },
        required: ['error'],
      },
    },
  },
});
