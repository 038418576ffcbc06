import type { Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import type { TAuditEntry } from './schema';
import type { AuditService } from './service';

/**
 * The audit log is written from `admin.action` events (emitted by the admin procedures' middleware). The entry
 * takes the event's id, so a redelivery finds it written and changes nothing. Priority 100: it settles before
 * lower-priority subscribers (webhooks, notifications) of the same event start.
 */
export const auditSubscriber = (audit: AuditService): Subscriber<'admin.action'> => ({
  name: 'audit',
  events: ['admin.action'],
  description: 'Writes the audit log entry of every admin action.',
  priority: 100,
  handle: async (event) => {
    await audit.recordOnce({ id: event.id, productId: event.productId, at: event.at, ...event.data });
  },
});

type ImpersonationEvent = PlatformEvent<
  'impersonation.started' | 'impersonation.ended' | 'impersonation.request'
>;

/** The audit entry of an impersonation event: every one names the admin in `impersonatedBy`. */
const impersonationEntry = (event: ImpersonationEvent): TAuditEntry => {
  const base = {
    id: event.id,
    productId: event.productId,
    at: event.at,
    actorTokenId: null,
    targetType: 'user',
    targetId: event.data.userId,
    requestId: event.data.requestId,
    ip: event.data.ip,
    impersonatedBy: event.data.impersonatedBy,
  };
  switch (event.type) {
    case 'impersonation.started':
      return {
        ...base,
        actorId: event.data.impersonatedBy,
        actorEmail: event.data.adminEmail,
        action: 'impersonation.start',
        details: {
          sessionId: event.data.sessionId,
          userEmail: event.data.userEmail,
          expiresAt: event.data.expiresAt,
        },
      };
    case 'impersonation.ended':
      return {
        ...base,
        actorId: event.data.endedBy,
        actorEmail: event.data.endedByEmail,
        action: 'impersonation.end',
        details: { sessionId: event.data.sessionId, via: event.data.via },
      };
    case 'impersonation.request':
      return {
        ...base,
        actorId: event.data.userId,
        actorEmail: event.data.userEmail,
        action: event.data.action,
        details: {
          sessionId: event.data.sessionId,
          outcome: event.data.outcome,
          ...(event.data.input ? { input: event.data.input } : {}),
        },
      };
  }
};

/**
 * Admin shadow mode in the audit log: its start, every request made with the shadow token (the actor is the
 * user, `impersonatedBy` the admin) and its end. Idempotent on the event id, like the admin actions.
 */
export const impersonationAuditSubscriber = (
  audit: AuditService,
): Subscriber<'impersonation.started' | 'impersonation.ended' | 'impersonation.request'> => ({
  name: 'audit-impersonation',
  events: ['impersonation.started', 'impersonation.ended', 'impersonation.request'],
  description: 'Writes the audit log entries of impersonations: start, every request, end.',
  priority: 100,
  handle: async (event) => {
    await audit.recordOnce(impersonationEntry(event));
  },
});

/** The audit action of each way a password changes (the procedure that changed it). */
const PASSWORD_CHANGE_ACTIONS = { reset: 'auth.resetPassword', self: 'account.changePassword' } as const;

/**
 * A password reset is the account owner's own action, not an admin's: its entry is written from
 * `user.password_changed` (committed with the new hash), with the user as the actor.
 */
export const passwordChangeAuditSubscriber = (audit: AuditService): Subscriber<'user.password_changed'> => ({
  name: 'audit.password-changed',
  events: ['user.password_changed'],
  description: 'Writes the audit log entry of a password reset.',
  priority: 100,
  handle: async (event) => {
    const { userId, email, via, requestId, ip } = event.data;
    await audit.recordOnce({
      id: event.id,
      productId: event.productId,
      at: event.at,
      actorId: userId,
      actorEmail: email,
      actorTokenId: null,
      action: PASSWORD_CHANGE_ACTIONS[via],
      targetType: 'user',
      targetId: userId,
      requestId,
      ip,
      impersonatedBy: null,
    });
  },
});
