'use client';

import type { TDeliveryView } from '@bytelyst/routers/modules/events/schema';
import { useId } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { Icon } from '~/components/kit/icon';
import { formatDateTime, formatDuration, formatRelative } from '~/lib/format';
import { DeliveryStatusBadge } from './event-badges';

type Props = {
  delivery: TDeliveryView;
  now: number;
  replaying: boolean;
  onReplay: () => void;
};

/** One subscriber's delivery of an event: its state, the last error and the latest attempts. */
export function DeliveryCard({ delivery, now, replaying, onReplay }: Props) {
  const titleId = useId();
  const dead = delivery.status === 'dead';
  return (
    <Card
      titleId={titleId}
      title={delivery.subscriber}
      className={dead ? 'card-danger' : undefined}
      bodyClassName="stack"
      actions={
        <div className="row">
          <DeliveryStatusBadge status={delivery.status} />
          {dead ? (
            <Button
              size="sm"
              loading={replaying}
              aria-label={`Replay ${delivery.subscriber}`}
              onClick={onReplay}
            >
              <Icon name="replay" size={14} />
              Replay
            </Button>
          ) : null}
        </div>
      }
    >
      <dl className="facts">
        <div>
          <dt>Priority</dt>
          <dd>{delivery.priority}</dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{delivery.sequential ? 'Sequential (in emit order)' : 'Concurrent'}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{delivery.attempts}</dd>
        </div>
        <div>
          <dt>Next attempt</dt>
          <dd title={formatDateTime(delivery.nextAttemptAt)}>
            {delivery.nextAttemptAt ? formatRelative(delivery.nextAttemptAt, now) : '—'}
          </dd>
        </div>
        <div>
          <dt>Last attempt</dt>
          <dd title={formatDateTime(delivery.lastAttemptAt)}>
            {formatRelative(delivery.lastAttemptAt, now, '—')}
          </dd>
        </div>
      </dl>
      {delivery.lastError ? (
        <div className="alert alert-error">
          <Icon name="alert" size={16} />
          <span className="stack-tight">
            <strong>Last error</strong>
            <code className="wrap-anywhere">{delivery.lastError}</code>
          </span>
        </div>
      ) : null}
      {delivery.history.length === 0 ? (
        <p className="muted">No attempts yet.</p>
      ) : (
        <div className="table-wrap table-inset">
          <table className="table table-compact">
            <caption className="visually-hidden">Attempts of {delivery.subscriber}</caption>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Time</th>
                <th scope="col">Duration</th>
                <th scope="col">Outcome</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {delivery.history.map((attempt) => (
                <tr key={`${attempt.attempt}-${attempt.at}`}>
                  <td className="tabular">#{attempt.attempt}</td>
                  <td className="cell-muted">{formatDateTime(attempt.at)}</td>
                  <td className="cell-muted tabular">{formatDuration(attempt.durationMs)}</td>
                  <td>
                    {attempt.error ? (
                      <Badge tone="danger">Failed</Badge>
                    ) : (
                      <Badge tone="success">Succeeded</Badge>
                    )}
                  </td>
                  <td className="cell-wrap mono">{attempt.error ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
