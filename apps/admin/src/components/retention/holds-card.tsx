'use client';

import type { THold } from '@bytelyst/routers/modules/retention/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'User' },
  { label: 'Reason' },
  { label: 'Placed' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

/** The user by email (or, when it holds no @, by user id), and why. */
function PlaceHoldDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [user, setUser] = useState('');
  const [reason, setReason] = useState('');
  const { fields, formError, check, fromApi, reset } = useFormErrors();
  const close = () => {
    setUser('');
    setReason('');
    reset();
    onClose();
  };
  const place = trpc.retention.createHold.useMutation(
    useMutationFeedback({
      success: (hold) => `${hold.userEmail} is under a legal hold.`,
      invalidate: (u) => [u.retention.listHolds.invalidate(), u.retention.listRuns.invalidate()],
      onDone: close,
      form: { fromApi },
    }),
  );
  const byEmail = user.includes('@');
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Place a legal hold"
      description="None of the user's documents in this product are removed or expire until the hold is released."
      formError={formError}
      submitLabel="Place hold"
      pending={place.isPending}
      onSubmit={() => {
        const errors: Record<string, string> = {};
        if (!user.trim()) errors.userId = 'The user’s email or id';
        if (reason.trim().length < 3) errors.reason = 'Say why the hold is placed (at least 3 characters)';
        if (!check(errors)) return;
        place.mutate(byEmail ? { email: user.trim(), reason } : { userId: user.trim(), reason });
      }}
    >
      <TextField
        label="User"
        placeholder="Email or user id"
        value={user}
        error={fields.email ?? fields.userId}
        onChange={(event) => setUser(event.target.value)}
      />
      <TextAreaField
        label="Reason"
        placeholder="e.g. Litigation hold, case 2026-114"
        value={reason}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </FormDialog>
  );
}

export function HoldsCard({ holds, now, ...state }: TableState & { holds: readonly THold[]; now: number }) {
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<THold | null>(null);
  const release = trpc.retention.releaseHold.useMutation(
    useMutationFeedback({
      success: (hold) => `The hold on ${hold.userEmail} was released.`,
      invalidate: (u) => [u.retention.listHolds.invalidate()],
      onDone: () => setReleasing(null),
      error: false,
    }),
  );
  const active = holds.filter((hold) => hold.status === 'active').length;
  return (
    <Card
      titleId="retention-holds"
      title="Legal holds"
      subtitle={`${active} active. A held user's documents are exempt from every policy, from the other cleanups and from TTL expiry.`}
      actions={
        <Button variant="primary" size="sm" onClick={() => setPlacing(true)}>
          Place hold
        </Button>
      }
      after={
        <>
          <PlaceHoldDialog open={placing} onClose={() => setPlacing(false)} />
          <ConfirmDialog
            open={releasing !== null}
            title="Release the legal hold?"
            description={`${releasing?.userEmail ?? ''}'s documents follow the retention policies again (unless another hold names them); the next cleanup removes those past their days.`}
            confirmLabel="Release hold"
            pending={release.isPending}
            error={release.error ? errorMessage(release.error) : null}
            onConfirm={() => releasing && release.mutate({ id: releasing.id })}
            onClose={() => {
              setReleasing(null);
              release.reset();
            }}
          />
        </>
      }
    >
      <DataTable
        {...state}
        columns={COLUMNS}
        rows={holds}
        emptyTitle="No legal holds"
        emptyHint="Place one to keep everything a user has in this product."
        renderRow={(hold) => (
          <tr key={hold.id} data-hold={hold.id}>
            <td>
              <div className="cell-primary">{hold.userEmail}</div>
              <div className="cell-secondary mono">{hold.userId}</div>
            </td>
            <td>{hold.reason}</td>
            <td>
              <div className="nowrap" title={formatDateTime(hold.createdAt)}>
                {formatRelative(hold.createdAt, now)}
              </div>
              <div className="cell-secondary">by {hold.createdByEmail}</div>
            </td>
            <td>
              {hold.status === 'active' ? (
                <Badge tone="warning" dot>
                  Active
                </Badge>
              ) : (
                <>
                  <Badge>Released</Badge>
                  <div className="cell-secondary" title={formatDateTime(hold.releasedAt)}>
                    {formatRelative(hold.releasedAt, now)}
                  </div>
                </>
              )}
            </td>
            <td className="cell-actions">
              {hold.status === 'active' ? (
                <Button
                  size="sm"
                  aria-label={`Release hold on ${hold.userEmail}`}
                  onClick={() => setReleasing(hold)}
                >
                  Release
                </Button>
              ) : null}
            </td>
          </tr>
        )}
      />
    </Card>
  );
}
