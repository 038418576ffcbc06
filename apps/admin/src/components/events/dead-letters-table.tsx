import type { TDeadLetter } from '@bytelyst/routers/modules/events/schema';
import Link from 'next/link';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { type EventScope, eventHref, productLabel } from '~/lib/event-scope';
import { formatDateTime, formatRelative } from '~/lib/format';

const COLUMNS: readonly Column[] = [
  { label: 'Event' },
  { label: 'Subscriber' },
  { label: 'Product' },
  { label: 'Attempts' },
  { label: 'Last error' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  letters: readonly TDeadLetter[];
  scope: EventScope;
  filtered: boolean;
  now: number;
  isReplaying: (letter: TDeadLetter) => boolean;
  onReplay: (letter: TDeadLetter) => void;
};

export function DeadLettersTable({ letters, scope, filtered, now, isReplaying, onReplay, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={letters}
      emptyTitle={filtered ? 'No dead letters match these filters' : 'No dead letters'}
      emptyHint="Every delivery either succeeded or is still being retried."
      renderRow={(letter) => (
        <tr key={`${letter.eventId}:${letter.subscriber}`}>
          <td>
            <Link className="table-link mono" href={eventHref(letter.eventId, letter.productId, scope)}>
              {letter.type}
            </Link>
            <div className="cell-secondary nowrap">
              <span className="truncate mono" title={letter.eventId}>
                {letter.eventId}
              </span>{' '}
              · {formatDateTime(letter.at)}
            </div>
          </td>
          <td className="mono">{letter.subscriber}</td>
          <td className={letter.productId === '*' ? 'cell-muted' : 'mono'}>
            {productLabel(letter.productId)}
          </td>
          <td>
            <div className="tabular">{letter.attempts}</div>
            <div className="cell-secondary nowrap" title={formatDateTime(letter.lastAttemptAt)}>
              last {formatRelative(letter.lastAttemptAt, now, '—')}
            </div>
          </td>
          <td className="cell-wrap">
            <code className="error-text">{letter.lastError ?? '—'}</code>
          </td>
          <td className="cell-actions">
            <Button
              size="sm"
              loading={isReplaying(letter)}
              aria-label={`Replay ${letter.subscriber} delivery of ${letter.eventId}`}
              onClick={() => onReplay(letter)}
            >
              <Icon name="replay" size={14} />
              Replay
            </Button>
          </td>
        </tr>
      )}
    />
  );
}
