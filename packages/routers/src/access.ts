import { AppError } from './app-error';
import type { Context, Principal } from './context';
import { redact } from './modules/audit/service';
import { IMPERSONATION_READ_ONLY } from './modules/auth/impersonation-schema';
import type { TRole } from './modules/users/schema';

/**
 * Access levels and the admin-action record, shared by the procedure builders (trpc.ts) and the plain HTTP
 * routes (http-access.ts), so that both faces of an operation refuse and audit in exactly the same way.
 */

/** Who may call an operation: a procedure gets it from the builder it starts from, a plain route declares it. */
export type ProcedureLevel = 'public' | 'authed' | 'admin' | 'superAdmin';

/** The roles a level admits: none needed (public), any signed-in caller (null), or one of these. */
const LEVEL_ROLES: Record<Exclude<ProcedureLevel, 'public'>, readonly TRole[] | null> = {
  authed: null,
  admin: ['admin', 'super_admin'],
  superAdmin: ['super_admin'],
};

/** The principal when the level admits it; else the AppError a refused caller gets (401 or 403). */
export const checkLevel = (
  principal: Principal | null,
  level: Exclude<ProcedureLevel, 'public'>,
): Principal => {
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
  const allowed = LEVEL_ROLES[level];
  if (allowed && !principal.roles.some((role) => allowed.includes(role))) {
    throw new AppError('FORBIDDEN', 'You do not have access to this');
  }
  return principal;
};

/** A principal holding a shadow token: an admin viewing as this user. */
export type ShadowPrincipal = Principal & { impersonatedBy: string };

export const isShadow = (principal: Principal | null | undefined): principal is ShadowPrincipal =>
  typeof principal?.impersonatedBy === 'string';

/** Refuses a change (a mutation, a plain route other than GET) made with a shadow token. */
export const checkReadOnly = (principal: Principal | null, isChange: boolean): void => {
  if (isChange && isShadow(principal)) throw new AppError('FORBIDDEN', IMPERSONATION_READ_ONLY);
};

/** How a request made with a shadow token ended, for its audit entry. */
export const impersonationOutcomeOf = (error: unknown): 'refused' | 'failed' => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? 'refused' : 'failed';
};

/** The `impersonation.request` event (payload and emit options) of one request made with a shadow token. */
export const impersonationRequestEvent = (
  ctx: Context,
  principal: ShadowPrincipal,
  call: { action: string; outcome: 'ok' | 'refused' | 'failed'; input?: unknown },
) => {
  const input = redact(call.input);
  return [
    'impersonation.request',
    {
      sessionId: principal.sessionId ?? 'unknown',
      userId: principal.userId,
      userEmail: principal.email,
      impersonatedBy: principal.impersonatedBy,
      action: call.action,
      outcome: call.outcome,
      requestId: ctx.requestId,
      ip: ctx.ip,
      ...(input ? { input } : {}),
    },
    { productId: ctx.productId, actorId: principal.impersonatedBy },
  ] as const;
};

/** Whether an operation of this level needs a bearer (its OpenAPI security). */
export const isProtected = (level: ProcedureLevel | undefined): boolean => level !== 'public';

const recordOf = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : null;

/** `id`, or the `id` of an `item` it wraps (a create answers `{ item }`, sometimes with a shown-once secret). */
const ownIdOf = (value: unknown): string | null => {
  const record = recordOf(value);
  if (!record) return null;
  if (typeof record.id === 'string') return record.id;
  return record.item ? ownIdOf(record.item) : null;
};

const userIdOf = (value: unknown): string | null => {
  const userId = recordOf(value)?.userId;
  return typeof userId === 'string' ? userId : null;
};

/**
 * What an admin action was done to: the id the input names; else the id of what it created; else the user a
 * procedure is about (erase their telemetry, generate a license for them), named as userId.
 */
const targetIdOf = (input: unknown, result: unknown): string | null =>
  ownIdOf(input) ?? ownIdOf(result) ?? userIdOf(input) ?? userIdOf(result);

export type AdminAction = {
  /** The procedure path, or the plain route's name in the same dotted form (`waitlist.export`). */
  action: string;
  /** Default: the first segment of `action`. */
  targetType?: string | undefined;
  input: unknown;
  result?: unknown;
};

/** The `admin.action` event (payload and emit options) for a successful admin action by the context's caller. */
export const adminActionEvent = (ctx: Context & { principal: Principal }, call: AdminAction) => {
  const { principal } = ctx;
  return [
    'admin.action',
    {
      actorId: principal.userId,
      actorEmail: principal.email,
      actorTokenId: principal.tokenId ?? null,
      action: call.action,
      targetType: call.targetType ?? call.action.split('.')[0] ?? 'unknown',
      targetId: targetIdOf(call.input, call.result),
      requestId: ctx.requestId,
      ip: ctx.ip,
      impersonatedBy: principal.impersonatedBy ?? null,
      details: redact(call.input),
    },
    { productId: ctx.productId, actorId: principal.userId },
  ] as const;
};
