import type { AnyTRPCRouter } from '@trpc/server';
import type { OpenApiMethod } from 'trpc-to-openapi';
import type { Meta } from '../trpc';
import { checkNotice, type OperationDeprecation } from './api-versions';

const deprecationNote = (deprecated: OperationDeprecation): string =>
  `Deprecated since ${deprecated.deprecatedAt.slice(0, 10)}; sunset ${deprecated.sunsetAt.slice(0, 10)}` +
  (deprecated.replacement ? `; use \`${deprecated.replacement}\` instead.` : '.');

/**
 * The OpenAPI meta of a procedure (REST face under /v1). Whether it needs a bearer token is not said here:
 * `router()` derives `protect` from the procedure's level (see protectByLevel).
 */
export const rest = (
  method: OpenApiMethod,
  path: `/${string}`,
  opts: {
    tag: string;
    summary: string;
    description?: string;
    targetType?: string;
    /** Public GETs only: lets clients and proxies cache a success this many seconds. */
    cacheSeconds?: number;
    /**
     * The REST face's status for a success, when it is not 200: 202 for a request accepted and worked on
     * after the answer (a mail that may or may not go out). tRPC answers 200 either way.
     */
    successStatus?: 201 | 202;
    /**
     * Marks the operation deprecated: `deprecated: true` in the OpenAPI document, and Deprecation, Sunset and
     * Link headers on its REST answers. The sunset must come at least six months after the deprecation.
     */
    deprecated?: OperationDeprecation;
    /**
     * A POST that computes and changes nothing (a preview, a dry run): not recorded as an admin action, so a
     * preview refreshed as the admin types leaves no trail of entries in the audit log.
     */
    changesNothing?: true;
  },
): Meta => {
  if (opts.deprecated)
    checkNotice(opts.deprecated.deprecatedAt, opts.deprecated.sunsetAt, `${method} ${path}`);
  const description = [opts.description, opts.deprecated && deprecationNote(opts.deprecated)]
    .filter(Boolean)
    .join('\n\n');
  return {
    openapi: {
      method,
      path,
      tags: [opts.tag],
      summary: opts.summary,
      ...(description ? { description } : {}),
      ...(opts.deprecated ? { deprecated: true } : {}),
    },
    ...(opts.deprecated ? { deprecation: opts.deprecated } : {}),
    ...(opts.targetType ? { audit: { targetType: opts.targetType } } : {}),
    ...(opts.changesNothing ? { changesNothing: true } : {}),
    ...(opts.cacheSeconds ? { cacheSeconds: opts.cacheSeconds } : {}),
    ...(opts.successStatus ? { successStatus: opts.successStatus } : {}),
  };
};

/**
 * Sets `openapi.protect` on every procedure of the router from its level: everything but a public procedure
 * is protected, and one built without a level (straight from `t.procedure`) counts as protected too, so a
 * mistake never advertises a guarded endpoint as open. Replaces the openapi object, never edits a shared one.
 */
export const protectByLevel = <TRouter extends AnyTRPCRouter>(router: TRouter): TRouter => {
  for (const procedure of Object.values(
    router._def.procedures as Record<string, { _def: { meta?: Meta } }>,
  )) {
    const meta = procedure._def.meta;
    if (!meta?.openapi) continue;
    const protect = meta.level !== 'public';
    if (meta.openapi.protect !== protect) meta.openapi = { ...meta.openapi, protect };
  }
  return router;
};
