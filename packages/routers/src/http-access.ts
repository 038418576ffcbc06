import {
  adminActionEvent,
  checkLevel,
  checkReadOnly,
  impersonationOutcomeOf,
  impersonationRequestEvent,
  isShadow,
  type ProcedureLevel,
} from './access';
import type { Context, ContextRequest, Principal } from './context';
import { toTRPCError } from './errors';

export { isProtected } from './access';
export type { ProcedureLevel };

export type HttpContext<TLevel extends ProcedureLevel> = TLevel extends 'public'
  ? Context
  : Context & { principal: Principal };

export type HttpAccess = {
  /**
   * Builds the request's context with the same factory the procedures use and requires the level, as the
   * procedure builders do: an anonymous caller below `public` is refused with UNAUTHORIZED, a caller without
   * the level's roles with FORBIDDEN. Throws the same TRPCError a procedure would (the API's `describeError`
   * gives the same 401/403 body), so the route only has to answer it.
   */
  authorize<TLevel extends ProcedureLevel>(
    req: ContextRequest,
    level: TLevel,
    route?: ShadowCheck,
  ): Promise<HttpContext<TLevel>>;
  /**
   * Records a request made with a shadow token in the audit log (an `impersonation.request`), as the procedures
   * do; nothing for other callers. `authorize` records the ones it refuses itself.
   */
  auditImpersonation(ctx: Context, route: ShadowCheck, outcome: 'ok' | 'refused' | 'failed'): Promise<void>;
  /** Records a successful admin action exactly as the admin procedures' audit middleware does. */
  audit(
    ctx: Context & { principal: Principal },
    call: { action: string; targetType?: string; input: unknown; result?: unknown },
  ): Promise<void>;
};

/**
 * The route being called, when `authorize` should apply the impersonation rules: a shadow token may only read
 * (GET; anything else is refused with 403 before the level check) and its every request is audited.
 */
export type ShadowCheck = { method: string; procedure: string };

/**
 * Access and audit for plain HTTP routes (a CSV download, an upload, a webhook, what future modules add), over
 * the same context factory, level check and `admin.action` record as the procedures, so a route outside tRPC
 * keeps no role list or audit payload of its own.
 */
export const createHttpAccess = (createContext: (req: ContextRequest) => Promise<Context>): HttpAccess => {
  const auditImpersonation: HttpAccess['auditImpersonation'] = async (ctx, route, outcome) => {
    if (!isShadow(ctx.principal)) return;
    // Only the route's name: a plain route's query or body may carry a credential (a signed URL's signature).
    await ctx.services.bus.emit(
      ...impersonationRequestEvent(ctx, ctx.principal, { action: route.procedure, outcome }),
    );
  };
  return {
    async authorize<TLevel extends ProcedureLevel>(req: ContextRequest, level: TLevel, route?: ShadowCheck) {
      const ctx = await createContext(req);
      try {
        if (route) checkReadOnly(ctx.principal, route.method !== 'GET');
        if (level === 'public') return ctx as HttpContext<TLevel>;
        const principal = checkLevel(ctx.principal, level as Exclude<ProcedureLevel, 'public'>);
        return { ...ctx, principal } as HttpContext<TLevel>;
      } catch (error) {
        const refusal = toTRPCError(error);
        if (route) await auditImpersonation(ctx, route, impersonationOutcomeOf(refusal));
        throw refusal;
      }
    },
    auditImpersonation,
    async audit(ctx, call) {
      await ctx.services.bus.emit(...adminActionEvent(ctx, call));
    },
  };
};
