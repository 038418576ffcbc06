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
