'use client';

import type { TTelemetryEvent } from '@bytelyst/routers/modules/telemetry/schema';
import { Fragment } from 'react';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { ExpandButton, useExpandedRows } from '~/components/kit/expand-button';
import { formatDateTime, formatRelative } from '~/lib/format';
import { EventDetailsRow } from './event-details-row';
import styles from './telemetry.module.css';
import { LevelBadge } from './telemetry-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Event' },
  { label: 'Level' },
  { label: 'Message' },
  { label: 'Client' },
  { label: 'User' },
  { label: 'Time' },
];

type Props = TableState & { events: readonly TTelemetryEvent[]; filtered: boolean; now: number };

export function EventsTable({ events, filtered, now, ...state }: Props) {
  const rows = useExpandedRows();

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={events}
      emptyTitle={filtered ? 'No events match these filters' : 'No client events yet'}
      emptyHint={
        filtered
          ? 'Widen the time range or clear a filter.'
          : 'Apps send events to POST /v1/telemetry/ingest; they appear here as they arrive.'
      }
      renderRow={(event) => {
        const expanded = rows.isOpen(event.id);
        const detailsId = `event-details-${event.id}`;
        return (
          <Fragment key={event.id}>
            <tr className={expanded ? 'row-expanded' : undefined}>
              <td>
                <div className="row row-tight">
                  <ExpandButton
                    expanded={expanded}
                    controls={detailsId}
                    label={`Details of ${event.name} at ${formatDateTime(event.at)}`}
                    onToggle={() => rows.toggle(event.id)}
                  />
                  <span className="cell-primary mono nowrap">{event.name}</span>
                </div>
              </td>
              <td>
                <LevelBadge level={event.level} />
              </td>
              <td>
                <div className={`cell-secondary ${styles.message}`} title={event.message ?? undefined}>
                  {event.message ?? '—'}
                </div>
              </td>
              <td>
                <div className="nowrap">{event.platform}</div>
                <div className="cell-secondary nowrap">v{event.appVersion}</div>
              </td>
              <td className="cell-muted mono">
                <span className="truncate" title={event.userId ?? 'Anonymous'}>
                  {event.userId ?? 'anonymous'}
                </span>
              </td>
              <td className="cell-muted nowrap" title={formatDateTime(event.at)}>
                {formatRelative(event.at, now)}
              </td>
            </tr>
            {expanded ? <EventDetailsRow event={event} id={detailsId} columns={COLUMNS.length} /> : null}
          </Fragment>
        );
      }}
    />
  );
}
