'use client';

import type { TSuppression } from '@bytelyst/routers/modules/delivery/schema';
import Link from 'next/link';
import { useState } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { DeliveryHeader } from './delivery-header';
import { deliveryHref } from './delivery-table';
import { SUPPRESSIONS_LIST, suppressionsListInput } from './suppressions-list';

const REASONS: Record<TSuppression['reason'], { label: string; tone: Tone }> = {
  bounced: { label: 'Bounced', tone: 'danger' },
  dropped: { label: 'Dropped', tone: 'danger' },
  spam_report: { label: 'Spam report', tone: 'danger' },
  unsubscribed: { label: 'Unsubscribed', tone: 'neutral' },
  manual: { label: 'Manual', tone: 'info' },
};

const COLUMNS: readonly Column[] = [
  { label: 'Address' },
  { label: 'Reason' },
  { label: 'Detail' },
  { label: 'Since' },
  { label: 'Actions', className: 'cell-actions' },
];

export function SuppressionsView() {
  const { pager, page } = useListState(SUPPRESSIONS_LIST);
  const [removing, setRemoving] = useState<TSuppression | null>(null);
  const now = useNow();
  const list = trpc.delivery.listSuppressions.useQuery(suppressionsListInput(page), KEEP_PREVIOUS);
  const remove = trpc.delivery.removeSuppression.useMutation(
    useMutationFeedback({
      success: (_result, variables) => `${variables.email} can receive mail again.`,
      onDone: () => setRemoving(null),
      invalidate: (u) => [u.delivery.listSuppressions.invalidate()],
      error: false,
    }),
  );

  return (
    <>
      <DeliveryHeader tab="suppressions" />
      <section className="card" aria-label="Suppressed addresses">
        <DataTable
          {...tableStateOf(list)}
          columns={COLUMNS}
          rows={list.data?.items ?? []}
          emptyTitle="No suppressed addresses"
          emptyHint="An address lands here when it bounces, reports spam or unsubscribes; it then gets only transactional mail."
          renderRow={(item) => (
            <tr key={item.email}>
              <td className="mono wrap-anywhere">{item.email}</td>
              <td>
                <Badge tone={REASONS[item.reason].tone} dot>
                  {REASONS[item.reason].label}
                </Badge>
              </td>
              <td className="cell-muted cell-wrap">
                {item.detail ?? '—'}
                {item.deliveryId ? (
                  <div className="cell-secondary">
                    <Link href={deliveryHref(item.deliveryId)}>The message that caused it</Link>
                  </div>
                ) : null}
              </td>
              <td className="cell-muted nowrap" title={formatDateTime(item.createdAt)}>
                {formatRelative(item.createdAt, now)}
              </td>
              <td className="cell-actions">
                <Button
                  size="sm"
                  variant="ghost"
                  className="btn-ghost-danger"
                  aria-label={`Remove ${item.email} from the suppression list`}
                  onClick={() => setRemoving(item)}
                >
                  Remove
                </Button>
              </td>
            </tr>
          )}
        >
          <ConfirmDialog
            open={removing !== null}
            title={`Let ${removing?.email ?? 'this address'} receive mail again?`}
            description="Lifecycle mail goes to it again. If it still bounces or the reader reports spam, sending to it hurts the product's sender reputation; remove it only once the cause is fixed."
            confirmLabel="Remove suppression"
            pending={remove.isPending}
            error={remove.error ? errorMessage(remove.error) : null}
            onConfirm={() => {
              if (removing) remove.mutate({ email: removing.email });
            }}
            onClose={() => {
              remove.reset();
              setRemoving(null);
            }}
          />
        </DataTable>
        <Pager pager={pager} data={list.data} noun="addresses" />
      </section>
    </>
  );
}
