import type { TWebhookMessage } from '@bytelyst/routers/modules/webhooks/schema';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatRelative } from '~/lib/format';
import { formatDue, isTestMessage, messageHref } from './attempts-list';
import { isOpenMessage, MessageStatusBadge, ResponseCode } from './webhook-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Event' },
  { label: 'Status' },
  { label: 'Attempts' },
  { label: 'Last response' },
  { label: 'Next attempt' },
];

type Props = TableState & { messages: readonly TWebhookMessage[]; filtered: boolean; now: number };

export function AttemptsTable({ messages, filtered, now, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={messages}
      emptyTitle={filtered ? 'No messages match these filters' : 'No messages yet'}
      emptyHint={
        filtered
          ? 'Widen the dates or clear a filter.'
          : 'Messages appear here as matching events happen, or send a test event above.'
      }
      renderRow={(message) => (
        <tr key={message.id}>
          <td>
            <div className="row row-tight">
              <Link className="table-link mono" href={messageHref(message.endpointId, message.messageId)}>
                {message.eventType}
              </Link>
              {isTestMessage(message.messageId) ? <Badge tone="accent">Test</Badge> : null}
            </div>
            <div className="cell-secondary mono">{message.messageId}</div>
            <div className="cell-secondary nowrap" title={formatDateTime(message.eventAt)}>
              {formatRelative(message.eventAt, now)}
            </div>
          </td>
          <td className="cell-error">
            <MessageStatusBadge status={message.status} />
            {message.lastError ? (
              <div className="cell-secondary error-text" title={message.lastError}>
                {message.lastError.length > 80 ? `${message.lastError.slice(0, 80)}…` : message.lastError}
              </div>
            ) : null}
          </td>
          <td className="tabular">{message.attemptCount}</td>
          <td>
            {message.attemptCount === 0 ? (
              <span className="cell-muted">—</span>
            ) : (
              <ResponseCode code={message.lastResponseCode} />
            )}
          </td>
          <td className="cell-muted" title={formatDateTime(message.nextAttemptAt)}>
            {isOpenMessage(message.status) ? formatDue(message.nextAttemptAt, now) : '—'}
          </td>
        </tr>
      )}
    />
  );
}
