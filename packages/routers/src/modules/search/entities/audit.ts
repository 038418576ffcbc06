import type { TAuditEntry } from '../../audit/schema';
import type { AuditService } from '../../audit/service';
import type { SearchEntity } from './entity';

/**
 * Audit entries by action, target and actor. An entry takes its event's id and is written by the audit log's
 * own subscriber, which runs before this one; entries never change.
 */
export const auditEntity = (
  audit: Pick<AuditService, 'find' | 'list' | 'count'>,
): SearchEntity<TAuditEntry> => ({
  type: 'audit',
  label: 'Audit log',
  events: [
    'admin.action',
    'impersonation.started',
    'impersonation.ended',
    'impersonation.request',
    'user.password_changed',
  ],
  recordId: (event) => event.id,
  find: (productId, id) => audit.find(productId, id),
  page: (productId, cursor, limit) => audit.list(productId, { limit: Math.min(limit, 200), cursor }),
  count: (productId) => audit.count(productId),
  entry: (entry) => ({
    id: entry.id,
    owner: entry.actorId,
    primary: entry.action,
    secondary: [entry.targetType, entry.targetId, entry.actorEmail, entry.actorId, entry.impersonatedBy]
      .filter(Boolean)
      .join(' '),
    keys: [entry.id, entry.requestId],
    title: entry.action,
    subtitle: `${entry.actorEmail || entry.actorId} → ${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''}`,
    at: entry.at,
    ref: {
      id: entry.id,
      action: entry.action,
      actorId: entry.actorId,
      ...(entry.targetId ? { targetId: entry.targetId } : {}),
      at: entry.at,
    },
  }),
  ordered: false,
  erasedWithOwner: false,
  writtenBySubscriber: true,
});
