/**
 * Plain HTTP routes a module contributes beside its procedures: what tRPC cannot answer (a CSV stream, a
 * webhook whose signature covers the raw body, a signed-URL upload). Declared here without Fastify, so modules
 * stay below the apps; `apps/api/src/plugins/module-routes.ts` serves them with the procedures' context factory,
 * the same level check and the same error bodies, and documents them in the OpenAPI document.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProcedureLevel } from './access';
import type { Context, Principal } from './context';

/** One path item of the OpenAPI document (an operation per method). */
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

export type HttpRouteRequest = {
  method: string;
  /** The raw URL, query string included. */
  url: string;
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
  /** By the route's `body`: parsed JSON, the exact bytes (`raw`) or the unread stream (`stream`). */
  body: unknown;
};

export type HttpRouteReply = {
  status: number;
  headers?: Record<string, string | number>;
  /** A string, bytes or a stream go out as they are; anything else as JSON. */
  body?: unknown;
};

/** A route's context: the procedures' context, with the principal when the level requires one, and audit. */
export type HttpRouteContext<TLevel extends ProcedureLevel> = (TLevel extends 'public'
  ? Context
  : Context & { principal: Principal }) & {
  /** Records the call in the audit log exactly as an admin procedure's middleware does. */
  audit(call: { action: string; targetType?: string; input: unknown; result?: unknown }): Promise<void>;
};

export type HttpRoute<TLevel extends ProcedureLevel = ProcedureLevel> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An exact path, or a prefix ending in `*`. */
  path: string;
  /** The name for logs and metrics, like a procedure's key. */
  procedure: string;
  /** Who may call it: checked before the handler runs, and the operation's security in the OpenAPI document. */
  level: TLevel;
  /** `json` (default) parsed; `raw` the exact bytes (for signatures); `stream` unread (for uploads). */
  body?: 'json' | 'raw' | 'stream';
  /** Bytes; the server's default when absent. Not applied to `stream` bodies, which enforce their own. */
  bodyLimit?: number;
  /** Documented in the OpenAPI document when given (routes under /v1 only). */
  openapi?: OpenApiOperation;
  handle(request: HttpRouteRequest, ctx: HttpRouteContext<TLevel>): Promise<HttpRouteReply>;
};

/** Keeps the level's context type on the handler. */
export const defineRoute = <TLevel extends ProcedureLevel>(route: HttpRoute<TLevel>): HttpRoute<TLevel> =>
  route;

// biome-ignore lint/suspicious/noExplicitAny: routes of different levels share one list.
export type AnyHttpRoute = HttpRoute<any>;

/** The API's error body (`{ error: { code, message, fields? } }`) as an OpenAPI response. */
export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              fields: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
              reason: { type: 'string' },
            },
            required: ['code', 'message'],
          },
        },
        required: ['error'],
      },
    },
  },
});
