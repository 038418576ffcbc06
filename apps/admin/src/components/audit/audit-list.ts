import { ZAuditListInput } from '@bytelyst/routers/modules/audit/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type AuditFilterValues = {
  actorId: string;
  action: string;
  targetId: string;
  /** '' (everything), 'admin' or 'impersonation'. */
  kind: string;
  from: string;
  to: string;
};

export const AUDIT_LIST: ListConfig<AuditFilterValues> = {
  defaults: { actorId: '', action: '', targetId: '', kind: '', from: '', to: '' },
  pageSize: 25,
  debounce: ['actorId', 'action', 'targetId'],
};

/** Date inputs give local calendar days; the range covers the whole of both days. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);

/** The `audit.list` input of the view and of the server's prefetch. */
export const auditListInput = (filters: AuditFilterValues, page: ListPage) => ({
  actorId: filters.actorId.trim() || undefined,
  action: filters.action.trim() || undefined,
  targetId: filters.targetId.trim() || undefined,
  kind: ZAuditListInput.shape.kind.safeParse(filters.kind || undefined).data,
  from: dayStart(filters.from),
  to: dayEnd(filters.to),
  ...page,
});
