import type { Subscriber } from '@bytelyst/events/bus';
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

/** The audit action of each way a password changes (the procedure that changed it). */
const PASSWORD_CHANGE_ACTIONS = { reset: 'auth.resetPassword' } as const;

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
