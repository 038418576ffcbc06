'use client';

import type { TInvitation } from '@bytelyst/routers/modules/growth/invitations/schema';
import { Fragment, useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { ExpandButton, useExpandedRows } from '~/components/kit/expand-button';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { InvitationStatusBadge } from './growth-badges';
import { RedemptionsRow } from './redemptions-row';

const COLUMNS: readonly Column[] = [
  { label: 'Code' },
  { label: 'Uses' },
  { label: 'Status' },
  { label: 'For' },
  { label: 'Expires' },
  { label: 'Created' },
  { label: 'Actions', className: 'cell-actions' },
];

export function InvitationsTable({
  invitations,
  ...state
}: TableState & { invitations: readonly TInvitation[] }) {
  const [revoking, setRevoking] = useState<TInvitation | null>(null);
  const rows = useExpandedRows();
  const revoke = trpc.invitations.revoke.useMutation(
    useMutationFeedback({
      success: `Invitation ${revoking?.code ?? ''} was revoked.`,
      onDone: () => close(),
      invalidate: (u) => [u.invitations.list.invalidate()],
      error: false,
    }),
  );
  const close = () => {
    revoke.reset();
    setRevoking(null);
  };
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={invitations}
      emptyTitle="No invitation codes"
      emptyHint="Create one, or invite people from the waitlist."
      renderRow={(invitation) => {
        const expanded = rows.isOpen(invitation.id);
        const detailsId = `invitation-redemptions-${invitation.id}`;
        return (
          <Fragment key={invitation.id}>
            <tr className={expanded ? 'row-expanded' : undefined}>
              <td>
                <div className="row row-tight">
                  <ExpandButton
                    expanded={expanded}
                    controls={detailsId}
                    label={`Redemptions of ${invitation.code}`}
                    onToggle={() => rows.toggle(invitation.id)}
                  />
                  <code className="cell-primary">{invitation.code}</code>
                </div>
              </td>
              <td className="tabular">
                {invitation.uses} / {invitation.maxUses}
              </td>
              <td>
                <InvitationStatusBadge status={invitation.status} />
              </td>
              <td>{invitation.email || invitation.note || <span className="muted">—</span>}</td>
              <td className="cell-muted">
                {invitation.expiresAt ? formatDate(invitation.expiresAt) : 'Never'}
              </td>
              <td className="cell-muted">{formatDate(invitation.createdAt)}</td>
              <td className="cell-actions">
                {invitation.status === 'revoked' ? null : (
                  <Button
                    size="sm"
                    aria-label={`Revoke ${invitation.code}`}
                    onClick={() => setRevoking(invitation)}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
            {expanded ? (
              <RedemptionsRow
                invitationId={invitation.id}
                code={invitation.code}
                id={detailsId}
                columns={COLUMNS.length}
              />
            ) : null}
          </Fragment>
        );
      }}
    >
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.code ?? 'invitation'}?`}
        description="The code stops working at once; people who already redeemed it keep their access."
        confirmLabel="Revoke code"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => {
          if (revoking) revoke.mutate({ id: revoking.id });
        }}
        onClose={close}
      />
    </DataTable>
  );
}
