'use client';

import type { TRateLimitStats } from '@bytelyst/routers/modules/ratelimit/schema';

type TOffender = TRateLimitStats['top'][number];

import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { LIVE_REFRESH_MS } from './ip-rules-list';

const COLUMNS: readonly Column[] = [
  { label: 'Client' },
  { label: 'Limit' },
  { label: 'Refused' },
  { label: 'Last refused' },
  { label: 'Actions', className: 'cell-actions' },
];

const KEY_LABELS: Record<TOffender['keyKind'], string> = {
  ip: 'address',
  user: 'user',
  apiToken: 'API token',
  product: 'whole product',
};

/** The keys refused most in the last day, with the two answers an admin reaches for. */
export function OffendersCard({
  now,
  onBlock,
  onOverride,
}: {
  now: number;
  onBlock: (offender: TOffender) => void;
  onOverride: (offender: TOffender) => void;
}) {
  const stats = trpc.ratelimit.stats.useQuery(undefined, { refetchInterval: LIVE_REFRESH_MS });
  const blocked = trpc.ratelimit.listBlocked.useQuery(undefined, { refetchInterval: LIVE_REFRESH_MS });
  const blockedNow = new Set(
    (blocked.data?.items ?? []).map((item) => `${item.ruleId}|${item.keyKind}:${item.key}`),
  );
  return (
    <section className="card" aria-labelledby="offenders-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="offenders-title">
            Top offenders
          </h2>
          <p className="card-subtitle">The clients refused most in the last 24 hours.</p>
        </div>
      </div>
      <DataTable
        {...tableStateOf(stats)}
        columns={COLUMNS}
        rows={stats.data?.top ?? []}
        emptyTitle="Nobody has been refused"
        emptyHint="A client that goes over a limit shows here, with a way to block its address or change its user's limits."
        renderRow={(offender) => {
          const id = `${offender.ruleId}|${offender.keyKind}:${offender.key}`;
          return (
            <tr key={`${offender.ruleId ?? offender.operation}|${offender.keyKind}:${offender.key}`}>
              <td>
                <div className="mono">{offender.ip}</div>
                <div className="cell-secondary">
                  {offender.userId ? (
                    <>
                      user <span className="mono">{offender.userId}</span>
                    </>
                  ) : (
                    'not signed in'
                  )}
                </div>
              </td>
              <td className="cell-wrap">
                {offender.ruleName}
                <div className="cell-secondary">
                  <span className="mono">{offender.operation}</span> · per {KEY_LABELS[offender.keyKind]}
                </div>
              </td>
              <td>
                {offender.count.toLocaleString()}
                {blockedNow.has(id) ? (
                  <>
                    {' '}
                    <Badge tone="warning" dot>
                      Over the limit now
                    </Badge>
                  </>
                ) : null}
                {offender.ipDenied ? (
                  <>
                    {' '}
                    <Badge tone="danger" dot>
                      IP denied
                    </Badge>
                  </>
                ) : null}
              </td>
              <td className="cell-muted nowrap" title={formatDateTime(offender.lastAt)}>
                {formatRelative(offender.lastAt, now)}
              </td>
              <td className="cell-actions">
                <div className="btn-group">
                  {offender.ipDenied ? null : (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="btn-ghost-danger"
                      aria-label={`Block ${offender.ip}`}
                      onClick={() => onBlock(offender)}
                    >
                      Block this IP
                    </Button>
                  )}
                  {offender.userId ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Override the limits of user ${offender.userId}`}
                      onClick={() => onOverride(offender)}
                    >
                      Override this user
                    </Button>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}
