'use client';

import type { TDunningCaseView } from '@bytelyst/routers/modules/dunning/schema';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate } from '~/lib/format';
import { UserRef } from '../users/user-ref';
import { formatPrice } from './billing-format';
import { DUNNING_MAIL_LABELS, DUNNING_STAGE_LABELS, DUNNING_STAGE_TONES } from './dunning-list';

const COLUMNS: readonly Column[] = [
  { label: 'User' },
  { label: 'Stage' },
  { label: 'Days left' },
  { label: 'Amount due' },
  { label: 'Mails sent' },
  { label: 'Invoice' },
  { label: 'Started' },
];

const outcomeOf = (c: TDunningCaseView) =>
  c.stage === 'recovered'
    ? `Paid ${formatDate(c.recoveredAt)}`
    : c.stage === 'downgraded'
      ? `To ${c.toPlan ?? 'free'} ${formatDate(c.downgradedAt)}`
      : null;

export function DunningTable({ cases, ...state }: TableState & { cases: readonly TDunningCaseView[] }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={cases}
      emptyTitle="No accounts here"
      emptyHint="An account enters dunning when Stripe reports a failed invoice payment."
      renderRow={(c) => (
        <tr key={c.id}>
          <td>
            <UserRef userId={c.userId} />
          </td>
          <td>
            <span className="stack-tight">
              <Badge tone={DUNNING_STAGE_TONES[c.stage]} dot>
                {DUNNING_STAGE_LABELS[c.stage]}
              </Badge>
              {outcomeOf(c) ? <span className="cell-muted">{outcomeOf(c)}</span> : null}
            </span>
          </td>
          <td className="nowrap">
            {c.daysLeft === null ? (
              <span className="cell-muted">—</span>
            ) : (
              <span title={`Grace period ends ${formatDate(c.graceEndsAt)}`}>
                {c.daysLeft} {c.daysLeft === 1 ? 'day' : 'days'}
              </span>
            )}
          </td>
          <td className="nowrap">
            <span className="stack-tight">
              <span>{formatPrice(c.amountDue, c.currency)}</span>
              <span className="cell-muted">
                {c.attemptCount} {c.attemptCount === 1 ? 'attempt' : 'attempts'}
              </span>
            </span>
          </td>
          <td>
            {c.mails.length === 0 ? (
              <span className="cell-muted">None yet</span>
            ) : (
              <ul className="plain-list" aria-label="Mails sent">
                {c.mails.map((m) => (
                  <li key={`${m.stage}:${m.template}`} className="nowrap">
                    {m.deliveryId ? (
                      <Link className="table-link" href={`/ops/delivery/${encodeURIComponent(m.deliveryId)}`}>
                        {DUNNING_MAIL_LABELS[m.template] ?? m.template}
                      </Link>
                    ) : (
                      (DUNNING_MAIL_LABELS[m.template] ?? m.template)
                    )}{' '}
                    <span className="cell-muted">{formatDate(m.at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            <span className="stack-tight">
              <code>{c.invoiceId}</code>
              <span className="cell-muted">on {c.plan}</span>
            </span>
          </td>
          <td className="cell-muted nowrap">{formatDate(c.startedAt)}</td>
        </tr>
      )}
    />
  );
}
