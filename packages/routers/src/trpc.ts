import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import {
  adminActionEvent,
  checkLevel,
  checkReadOnly,
  impersonationOutcomeOf,
  impersonationRequestEvent,
  isShadow,
  type ProcedureLevel,
  type ShadowPrincipal,
} from './access';
import type { Context, Principal } from './context';
import { errorFormatter, toTRPCError } from './errors';
import type { OperationDeprecation } from './lib/api-versions';
import { protectByLevel } from './lib/openapi';

export type { ProcedureLevel };

/**
 * Procedure metadata: its level, the OpenAPI face, what the audit middleware should record as the target, and
 * how long a successful public GET on the REST face may be cached (`Cache-Control: public, max-age`, varying
 * on the product header), for endpoints that every client polls. `impersonation` marks the two procedures
 * whose own event, committed with the shadow session, is their audit record: `starts` (no `admin.action`)
 * and `ends` (the one change a shadow token may make).
 */
export type Meta = OpenApiMeta<{
  level?: ProcedureLevel;
  audit?: { targetType: string };
  cacheSeconds?: number;
  impersonation?: 'starts' | 'ends';
  /** The REST face's success status when not 200 (see `rest()`). */
  successStatus?: 201 | 202;
  /** A deprecated REST operation: its responses carry Deprecation, Sunset and Link (see `rest()`). */
  deprecation?: OperationDeprecation;
}>;

const t = initTRPC.context<Context>().meta<Meta>().create({ errorFormatter });

/**
 * `t.router`, which also derives each procedure's OpenAPI `protect` (bearer security in the document) from its
 * level, so that the REST face's "public or protected" cannot drift from the access the procedure enforces.
 */
export const router: typeof t.router = (record) => protectByLevel(t.router(record));
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

type BaseOptions = Parameters<Parameters<typeof t.middleware>[0]>[0];

/**
 * A shadow token (an admin viewing as a user) is read-only: every mutation but the one ending the
 * impersonation is refused with 403 before its input is parsed, and every call, read or refused, is recorded
 * in the audit log before the answer goes out.
 */
const asShadow = async (
  { ctx, next, type, path, meta, getRawInput }: BaseOptions,
  principal: ShadowPrincipal,
) => {
  let outcome: 'ok' | 'refused' | 'failed' = 'refused';
  try {
    checkReadOnly(principal, type === 'mutation' && meta?.impersonation !== 'ends');
    const result = await next();
    if (!result.ok) throw result.error;
    outcome = 'ok';
    return result;
  } catch (error) {
    const mapped = toTRPCError(error);
    outcome = impersonationOutcomeOf(mapped);
    throw mapped;
  } finally {
    // Ending the impersonation is audited by its own event, committed with the end. A read keeps its input (what
    // was looked at); a refused change does not, since what it carried may be a secret (a license key).
    if (meta?.impersonation !== 'ends') {
      const input = type === 'query' ? await getRawInput().catch(() => undefined) : undefined;
      await ctx.services.bus.emit(
        ...impersonationRequestEvent(ctx, principal, { action: path, outcome, input }),
      );
    }
  }
};

/**
 * Converts AppError and StoreError thrown below into their TRPCError (see APP_ERROR_TABLE), and applies the
 * impersonation rules (`asShadow`) to a shadow token's calls. One middleware, so that every procedure, public
 * ones included, goes through both, and other callers pay one property check for the second.
 */
const mapErrors = t.middleware(async (opts) => {
  const { principal } = opts.ctx;
  if (isShadow(principal)) return asShadow(opts, principal);
  const result = await opts.next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

const requireLevel = (level: Exclude<ProcedureLevel, 'public'>) =>
  t.middleware(({ ctx, next }) => {
    let principal: Principal;
    try {
      principal = checkLevel(ctx.principal, level);
    } catch (error) {
      throw toTRPCError(error);
    }
    return next({ ctx: { principal } });
  });

/**
 * Every successful admin mutation becomes an `admin.action` event (the audit log subscribes to it); placed in
 * the admin procedures so none can forget it. The event is persisted before the response goes out.
 */
const auditMutations = t.middleware(async ({ ctx, next, type, path, meta, getRawInput }) => {
  const result = await next();
  if (type !== 'mutation' || !result.ok || !ctx.principal || meta?.impersonation === 'starts') return result;
  const input = await getRawInput();
  const { principal } = ctx;
  await ctx.services.bus.emit(
    ...adminActionEvent(
      { ...ctx, principal },
      { action: path, targetType: meta?.audit?.targetType, input, result: result.data },
    ),
  );
  return result;
});

/** Auth runs before any `.input()` parser is added, so a bad or empty input still gets 401/403 first. */
export const publicProcedure = t.procedure.meta({ level: 'public' }).use(mapErrors);
export const authedProcedure = publicProcedure.meta({ level: 'authed' }).use(requireLevel('authed'));
/**
 * A signed-in user's change to their own account (profile, address, data export, deletion): audited like an
 * admin mutation, with the user as the actor.
 */
export const auditedAuthedProcedure = authedProcedure.use(auditMutations);
export const adminProcedure = publicProcedure
  .meta({ level: 'admin' })
  .use(requireLevel('admin'))
  .use(auditMutations);
export const superAdminProcedure = publicProcedure
  .meta({ level: 'superAdmin' })
  .use(requireLevel('superAdmin'))
  .use(auditMutations);
