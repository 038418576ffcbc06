import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { AppError } from './app-error';
import type { Context } from './context';
import { errorFormatter, toTRPCError } from './errors';
import { protectByLevel } from './lib/openapi';
import { redact } from './modules/audit/service';
import type { TRole } from './modules/users/schema';

/** Who may call a procedure: set by the procedure builder it starts from, never by hand. */
export type ProcedureLevel = 'public' | 'authed' | 'admin' | 'superAdmin';

/**
 * Procedure metadata: its level, the OpenAPI face, what the audit middleware should record as the target, and
 * how long a successful public GET on the REST face may be cached (`Cache-Control: public, max-age`, varying
 * on the product header), for endpoints that every client polls.
 */
export type Meta = OpenApiMeta<{
  level?: ProcedureLevel;
  audit?: { targetType: string };
  cacheSeconds?: number;
}>;

const t = initTRPC.context<Context>().meta<Meta>().create({ errorFormatter });

/**
 * `t.router`, which also derives each procedure's OpenAPI `protect` (bearer security in the document) from its
 * level, so that the REST face's "public or protected" cannot drift from the access the procedure enforces.
 */
export const router: typeof t.router = (record) => protectByLevel(t.router(record));
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Converts AppError and StoreError thrown below into their TRPCError (see APP_ERROR_TABLE). */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

const requireRoles = (allowed: readonly TRole[] | null) =>
  t.middleware(({ ctx, next }) => {
    const { principal } = ctx;
    if (!principal) throw toTRPCError(new AppError('UNAUTHORIZED', 'Sign in to continue'));
    if (allowed && !principal.roles.some((role) => allowed.includes(role))) {
      throw toTRPCError(new AppError('FORBIDDEN', 'You do not have access to this'));
    }
    return next({ ctx: { principal } });
  });

const idOf = (value: unknown): string | null => {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (typeof record.id === 'string') return record.id;
  if (record.item) return idOf(record.item);
  // Procedures about one user (erase their telemetry, read their usage) name them as userId.
  return typeof record.userId === 'string' ? record.userId : null;
};

/**
 * Every successful admin mutation becomes an `admin.action` event (the audit log subscribes to it); placed in
 * the admin procedures so none can forget it. The event is persisted before the response goes out.
 */
const auditMutations = t.middleware(async ({ ctx, next, type, path, meta, getRawInput }) => {
  const result = await next();
  if (type !== 'mutation' || !result.ok || !ctx.principal) return result;
  const input = await getRawInput();
  await ctx.services.bus.emit(
    'admin.action',
    {
      actorId: ctx.principal.userId,
      actorEmail: ctx.principal.email,
      actorTokenId: ctx.principal.tokenId ?? null,
      action: path,
      targetType: meta?.audit?.targetType ?? path.split('.')[0] ?? 'unknown',
      targetId: idOf(input) ?? idOf(result.data),
      requestId: ctx.requestId,
      ip: ctx.ip,
      impersonatedBy: null,
      details: redact(input),
    },
    { productId: ctx.productId, actorId: ctx.principal.userId },
  );
  return result;
});

/** Auth runs before any `.input()` parser is added, so a bad or empty input still gets 401/403 first. */
export const publicProcedure = t.procedure.meta({ level: 'public' }).use(mapErrors);
export const authedProcedure = publicProcedure.meta({ level: 'authed' }).use(requireRoles(null));
export const adminProcedure = publicProcedure
  .meta({ level: 'admin' })
  .use(requireRoles(['admin', 'super_admin']))
  .use(auditMutations);
export const superAdminProcedure = publicProcedure
  .meta({ level: 'superAdmin' })
  .use(requireRoles(['super_admin']))
  .use(auditMutations);
