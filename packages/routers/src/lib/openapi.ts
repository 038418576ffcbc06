import type { OpenApiMethod } from 'trpc-to-openapi';
import type { Meta } from '../trpc';

/** The OpenAPI meta of a procedure (REST face under /v1); `protect` = needs a bearer token. */
export const rest = (
  method: OpenApiMethod,
  path: `/${string}`,
  opts: {
    tag: string;
    summary: string;
    protect?: boolean;
    description?: string;
    targetType?: string;
    /** Public GETs only: lets clients and proxies cache a success this many seconds. */
    cacheSeconds?: number;
  },
): Meta => ({
  openapi: {
    method,
    path,
    tags: [opts.tag],
    summary: opts.summary,
    protect: opts.protect ?? true,
    ...(opts.description ? { description: opts.description } : {}),
  },
  ...(opts.targetType ? { audit: { targetType: opts.targetType } } : {}),
  ...(opts.cacheSeconds ? { cacheSeconds: opts.cacheSeconds } : {}),
});
