import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { signAccessToken } from '../../lib/jwt';
import type { SessionsService } from '../sessions/service';
import { isAdminRole } from '../users/rules';
import type { UsersService } from '../users/service';
import type { Principal } from './authenticate';
import {
  IMPERSONATION_TTL_SECONDS,
  type TEndImpersonationInput,
  type TEndImpersonationOutput,
  type TImpersonateInput,
  type TImpersonation,
} from './impersonation-schema';

/** The request an impersonation is started or ended in: its product, caller and attribution. */
export type ImpersonationRequest = {
  productId: string;
  principal: Principal;
  requestId: string;
  ip: string;
  userAgent: string;
};

/**
 * Admin shadow mode (roadmap §2.15): an admin views the product as one of its users through a shadow access
 * token (`impersonatedBy` names the admin), backed by a session of the user's that lasts 15 minutes and has no
 * refresh token. The token is read-only and every request made with it is audited (see `trpc.ts` and
 * `http-access.ts`); starting and ending report themselves with events committed with the session.
 */
export const createImpersonationService = (deps: {
  users: UsersService;
  sessions: SessionsService;
  bus: EventBus;
  clock: Clock;
  jwtSecret: string;
}) => ({
  /**
   * A shadow token for a user of the request's product (so only a super_admin, who may pick any product,
   * reaches another product's users). Never for an admin or super_admin, nor with an API token.
   */
  async start(req: ImpersonationRequest, input: TImpersonateInput): Promise<TImpersonation> {
    const admin = req.principal;
    if (admin.kind !== 'user' || admin.impersonatedBy) {
      throw new AppError(
        'FORBIDDEN',
        'Viewing as a user needs an admin signed in in person, not an API token',
      );
    }
    const target = await deps.users.load(req.productId, input.targetUserId);
    if (isAdminRole(target.roles)) {
      throw new AppError('FORBIDDEN', 'Admins and super admins cannot be impersonated', {
        fields: [{ path: 'targetUserId', message: 'This user is an admin' }],
      });
    }
    if (target.status !== 'active') {
      throw new AppError('CONFLICT', 'This user is disabled, so there is nothing they could see', {
        fields: [{ path: 'targetUserId', message: 'This user is disabled' }],
      });
    }
    const session = await deps.sessions.openShadow(
      target.productId,
      target.id,
      { platform: 'web', ip: req.ip, userAgent: req.userAgent },
      {
        impersonatedBy: admin.userId,
        ttlSeconds: IMPERSONATION_TTL_SECONDS,
        outbox: (doc) =>
          deps.bus.stage(
            'impersonation.started',
            {
              sessionId: doc.id,
              userId: target.id,
              userEmail: target.email,
              impersonatedBy: admin.userId,
              adminEmail: admin.email,
              expiresAt: doc.expiresAt,
              requestId: req.requestId,
              ip: req.ip,
            },
            { productId: target.productId, actorId: admin.userId },
          ),
      },
    );
    const accessToken = await signAccessToken(
      deps.jwtSecret,
      {
        sub: target.id,
        pid: target.productId,
        sid: session.id,
        roles: target.roles,
        impersonatedBy: admin.userId,
      },
      { nowMs: deps.clock(), ttlSeconds: IMPERSONATION_TTL_SECONDS },
    );
    return {
      accessToken,
      expiresIn: IMPERSONATION_TTL_SECONDS,
      expiresAt: session.expiresAt,
      sessionId: session.id,
      impersonatedBy: admin.userId,
      user: deps.users.present(target),
    };
  },

  /**
   * Ends a shadow session at once: with the shadow token itself (no input), or by an admin of its product
   * (any product for a super_admin) naming the user and the session. Ending one that has already ended
   * answers `ended: false` and changes nothing.
   */
  async end(req: ImpersonationRequest, input: TEndImpersonationInput): Promise<TEndImpersonationOutput> {
    const caller = req.principal;
    const viaShadow = caller.impersonatedBy !== undefined && caller.sessionId !== undefined;
    const userId = viaShadow ? caller.userId : input.targetUserId;
    const sessionId = viaShadow ? caller.sessionId : input.sessionId;
    if (!userId || !sessionId) {
      const message = 'Name the user and the impersonation session to end';
      throw new AppError('VALIDATION', message, {
        fields: [
          ...(userId
            ? []
            : [{ path: 'targetUserId', message: 'Required unless you end it with its own token' }]),
          ...(sessionId
            ? []
            : [{ path: 'sessionId', message: 'Required unless you end it with its own token' }]),
        ],
      });
    }
    const isSuperAdmin = caller.roles.includes('super_admin');
    if (!viaShadow && !isAdminRole(caller.roles)) {
      throw new AppError('FORBIDDEN', "Only an admin can end someone else's impersonation");
    }
    const session = await deps.sessions.find(userId, sessionId);
    if (
      session?.kind !== 'impersonation' ||
      !session.impersonatedBy ||
      (session.productId !== req.productId && !isSuperAdmin)
    ) {
      throw new AppError('NOT_FOUND', 'No impersonation session with this id for this user');
    }
    const impersonatedBy = session.impersonatedBy;
    const ended = await deps.sessions.endShadow(session, (staged) =>
      staged.and(
        'impersonation.ended',
        {
          sessionId,
          userId,
          impersonatedBy,
          endedBy: caller.userId,
          endedByEmail: caller.email,
          via: viaShadow ? 'shadow' : 'admin',
          requestId: req.requestId,
          ip: req.ip,
        },
        { productId: session.productId, actorId: viaShadow ? impersonatedBy : caller.userId },
      ),
    );
    return { ended, userId, sessionId };
  },
});

export type ImpersonationService = ReturnType<typeof createImpersonationService>;
