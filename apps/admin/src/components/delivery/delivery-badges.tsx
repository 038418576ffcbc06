import {
  DELIVERY_STATUSES,
  type TDeliveryChannel,
  type TDeliveryStatus,
} from '@bytelyst/routers/modules/delivery/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import { titleCase } from '~/lib/format';

/**
 * One tone per family: on its way (info), held back (warning), handed over (accent), reached the reader
 * (success), refused or lost (danger), and not sent by choice (neutral).
 */
const STATUS_TONE: Record<TDeliveryStatus, Tone> = {
  queued: 'info',
  held: 'warning',
  deferred: 'warning',
  sent: 'accent',
  delivered: 'success',
  opened: 'success',
  clicked: 'success',
  unsubscribed: 'neutral',
  bounced: 'danger',
  dropped: 'danger',
  spam_report: 'danger',
  failed: 'danger',
  suppressed: 'neutral',
  skipped: 'neutral',
};

export const STATUS_LABELS: Record<TDeliveryStatus, string> = Object.fromEntries(
  DELIVERY_STATUSES.map((status) => [status, status === 'spam_report' ? 'Spam report' : titleCase(status)]),
) as Record<TDeliveryStatus, string>;

export const STATUS_OPTIONS = DELIVERY_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

export function DeliveryStatusBadge({ status }: { status: TDeliveryStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export const CHANNEL_LABELS: Record<TDeliveryChannel, string> = { email: 'Email', push: 'Push' };

/** Still moving: the pages poll while a message is in one of these. */
export const isInFlight = (status: TDeliveryStatus) =>
  status === 'queued' || status === 'held' || status === 'deferred';
