import { adminActionEvent, checkLevel, type ProcedureLevel } from './access';
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
  authorize<TLevel extends ProcedureLevel>(req: ContextRequest, level: TLevel): Promise<HttpContext<TLevel>>;
  /** Records a successful admin action exactly as the admin procedures' audit middleware does. */
  audit(
    ctx: Context & { principal: Principal },
    call: { action: string; targetType?: string; input: unknown; result?: unknown },
  ): Promise<void>;
};

/**
 * Access and audit for plain HTTP routes (a CSV download, an upload, a webhook, what future modules add), over
 * the same context factory, level check and `admin.action` record as the procedures, so a route outside tRPC
 * keeps no role list or audit payload of its own.
 */
export const createHttpAccess = (createContext: (req: ContextRequest) => Promise<Context>): HttpAccess => ({
  async authorize<TLevel extends ProcedureLevel>(req: ContextRequest, level: TLevel) {
    const ctx = await createContext(req);
    if (level === 'public') return ctx as HttpContext<TLevel>;
    try {
      const principal = checkLevel(ctx.principal, level as Exclude<ProcedureLevel, 'public'>);
      return { ...ctx, principal } as HttpContext<TLevel>;
    } catch (error) {
      throw toTRPCError(error);
    }
  },
  async audit(ctx, call) {
    await ctx.services.bus.emit(...adminActionEvent(ctx, call));
  },
});
