import type { TWebhookEndpoint, TWebhookHealth } from '@bytelyst/routers/modules/webhooks/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { EventFilterBadges } from './event-filter-badges';
import { EndpointStateBadge, HealthIndicator } from './webhook-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Endpoint' },
  { label: 'Events' },
  { label: 'State' },
  { label: 'Last 50 attempts' },
];

export type EndpointRow = TWebhookEndpoint & { health: TWebhookHealth };

export const endpointHref = (id: string) => `/ops/webhooks/${encodeURIComponent(id)}`;

type Props = TableState & { endpoints: readonly EndpointRow[] };

export function EndpointsTable({ endpoints, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={endpoints}
      emptyTitle="No webhook endpoints"
      emptyHint="Add an endpoint to send the product's public events to Zapier, Slack or your own backend."
      renderRow={(endpoint) => (
        <tr key={endpoint.id}>
          <td className="cell-wrap">
            <Link className="table-link mono" href={endpointHref(endpoint.id)}>
              {endpoint.url}
            </Link>
            <div className="cell-secondary">{endpoint.description || 'No description'}</div>
          </td>
          <td className="cell-wrap">
            <EventFilterBadges eventTypes={endpoint.eventTypes} />
          </td>
          <td>
            <EndpointStateBadge endpoint={endpoint} />
          </td>
          <td>
            <HealthIndicator health={endpoint.health} />
          </td>
        </tr>
      )}
    />
  );
}
