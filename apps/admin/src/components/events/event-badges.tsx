import type { TDeliveryView, TEventSummary } from '@bytelyst/routers/modules/events/schema';
import { Badge, type Tone } from '~/components/kit/badge';

type EventStatus = TEventSummary['status'];
type DeliveryStatus = TDeliveryView['status'];

const EVENT_STATUS: Record<EventStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'info' },
  delivered: { label: 'Delivered', tone: 'success' },
  dead_lettered: { label: 'Dead-lettered', tone: 'danger' },
};

export const EVENT_STATUS_OPTIONS = (Object.keys(EVENT_STATUS) as EventStatus[]).map((value) => ({
  value,
  label: EVENT_STATUS[value].label,
}));

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { label, tone } = EVENT_STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'info' },
  retrying: { label: 'Retrying', tone: 'warning' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  dead: { label: 'Dead', tone: 'danger' },
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { label, tone } = DELIVERY_STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

export const isOpenDelivery = (status: DeliveryStatus) => status === 'pending' || status === 'retrying';

/** "2/3 delivered" with the open and dead counts beside it, when there are any. */
export function DeliveryCounts({ counts }: { counts: TEventSummary['deliveries'] }) {
  if (counts.total === 0) return <span className="cell-muted">No subscribers</span>;
  return (
    <span className="row row-tight">
      <span className="nowrap">
        <strong className="tabular">
          {counts.succeeded}/{counts.total}
        </strong>{' '}
        <span className="muted">delivered</span>
      </span>
      {counts.open > 0 ? <Badge tone="info">{counts.open} open</Badge> : null}
      {counts.dead > 0 ? <Badge tone="danger">{counts.dead} dead</Badge> : null}
    </span>
  );
}
