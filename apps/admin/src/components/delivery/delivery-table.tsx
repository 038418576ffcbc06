import type { TDeliverySummary } from '@bytelyst/routers/modules/delivery/schema';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatRelative, titleCase } from '~/lib/format';
import { CHANNEL_LABELS, DeliveryStatusBadge } from './delivery-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Time' },
  { label: 'Recipient' },
  { label: 'Template' },
  { label: 'Channel' },
  { label: 'Status' },
  { label: 'Provider' },
];

type Props = TableState & {
  items: readonly TDeliverySummary[];
  templateTitles: ReadonlyMap<string, string>;
  filtered: boolean;
  now: number;
};

export const deliveryHref = (id: string) => `/ops/delivery/${encodeURIComponent(id)}`;

export function DeliveryTable({ items, templateTitles, filtered, now, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={items}
      emptyTitle={filtered ? 'No messages match these filters' : 'No messages yet'}
      emptyHint={
        filtered
          ? 'Widen the dates or clear a filter.'
          : 'Mails and pushes appear here as the platform sends them, or send a test from Email templates.'
      }
      renderRow={(item) => (
        <tr key={item.id}>
          <td>
            <Link className="table-link nowrap" href={deliveryHref(item.id)}>
              {formatRelative(item.createdAt, now)}
            </Link>
            <div className="cell-secondary nowrap">{formatDateTime(item.createdAt)}</div>
          </td>
          <td className="wrap-anywhere">
            <span className="mono">{item.to}</span>
            {item.test ? (
              <>
                {' '}
                <Badge tone="accent">Test</Badge>
              </>
            ) : null}
          </td>
          <td>
            <div>{templateTitles.get(item.template) ?? titleCase(item.template)}</div>
            <div className="cell-secondary mono">{item.template}</div>
          </td>
          <td>{CHANNEL_LABELS[item.channel]}</td>
          <td>
            <DeliveryStatusBadge status={item.status} />
            {item.error ? (
              <div className="cell-secondary error-text" title={item.error}>
                {item.error.length > 60 ? `${item.error.slice(0, 60)}…` : item.error}
              </div>
            ) : null}
          </td>
          <td className={item.provider ? 'mono' : 'cell-muted'}>{item.provider ?? '—'}</td>
        </tr>
      )}
    />
  );
}
