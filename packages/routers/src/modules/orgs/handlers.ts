import type { Subscriber } from '@bytelyst/events/bus';
import { EVENT_TYPES, type EventType } from '@bytelyst/events/catalogue';
import type { AuditService } from '../audit/service';
import type { UsersService } from '../users/service';

/** Every `org.*` event of the catalogue. */
export const ORG_EVENT_TYPES = EVENT_TYPES.filter((type): type is EventType & `org.${string}` =>
  type.startsWith('org.'),
);

/**
 * Writes an audit entry for every org change: members manage their own orgs through authed procedures, which
 * the admin-action middleware does not record, so the org's own events are its audit trail. The entry takes
 * the event's id, so a redelivery changes nothing.
 */
export const orgAuditSubscriber = (deps: {
  audit: Pick<AuditService, 'recordOnce'>;
  users: Pick<UsersService, 'find'>;
}): Subscriber<(typeof ORG_EVENT_TYPES)[number]> => ({
  name: 'orgs.audit',
  events: ORG_EVENT_TYPES,
  description: 'Writes the audit log entry of every organization change (org.* events).',
  priority: 100,
  handle: async (event) => {
    const actorId = event.actorId ?? 'system';
    const actor = event.actorId ? await deps.users.find(event.productId, event.actorId) : undefined;
    await deps.audit.recordOnce({
      id: event.id,
      productId: event.productId,
      at: event.at,
      actorId,
      actorEmail: actor?.email ?? '',
      actorTokenId: null,
      action: event.type,
      targetType: 'org',
      targetId: event.data.orgId,
      requestId: event.id,
      ip: '',
      impersonatedBy: null,
      details: { ...event.data },
    });
  },
});
