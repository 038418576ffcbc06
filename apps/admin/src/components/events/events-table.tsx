import type { TEventSummary } from '@bytelyst/routers/modules/events/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { type EventScope, eventHref, productLabel } from '~/lib/event-scope';
import { formatDateTime, formatRelative } from '~/lib/format';
import { DeliveryCounts, EventStatusBadge } from './event-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Event' },
  { label: 'Product' },
  { label: 'Actor' },
  { label: 'Time' },
  { label: 'Status' },
  { label: 'Deliveries' },
];

type Props = TableState & {
  events: readonly TEventSummary[];
  scope: EventScope;
  filtered: boolean;
  now: number;
};

export function EventsTable({ events, scope, filtered, now, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={events}
      emptyTitle={filtered ? 'No events match these filters' : 'No events yet'}
      emptyHint={
        filtered
          ? 'Widen the time range or clear a filter.'
          : 'Events appear here as the platform emits them, e.g. on every admin action.'
      }
      renderRow={(event) => (
        <tr key={event.id}>
          <td>
            <Link className="table-link mono" href={eventHref(event.id, event.productId, scope)}>
              {event.type}
            </Link>
            <div className="cell-secondary mono">
              <span className="truncate" title={event.id}>
                {event.id}
              </span>{' '}
              · v{event.version}
            </div>
          </td>
          <td className={event.productId === '*' ? 'cell-muted' : 'mono'}>{productLabel(event.productId)}</td>
          <td className="cell-muted">
            {event.actorId ? (
              <span className="truncate mono" title={event.actorId}>
                {event.actorId}
              </span>
            ) : (
              'System'
            )}
          </td>
          <td>
            <div className="nowrap">{formatRelative(event.at, now)}</div>
            <div className="cell-secondary nowrap">{formatDateTime(event.at)}</div>
          </td>
          <td>
            <EventStatusBadge status={event.status} />
          </td>
          <td>
            <DeliveryCounts counts={event.deliveries} />
          </td>
        </tr>
      )}
    />
  );
}
