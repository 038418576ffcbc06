'use client';

import type { TRateLimitOverride } from '@bytelyst/routers/modules/ratelimit/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'User' },
  { label: 'Change' },
  { label: 'Reason' },
  { label: 'Expires' },
  { label: 'Actions', className: 'cell-actions' },
];

/** Per-user overrides, each with its end. */
export function OverridesCard({
  now,
  onAdd,
  onEdit,
}: {
  now: number;
  onAdd: () => void;
  onEdit: (override: TRateLimitOverride) => void;
}) {
  const overrides = trpc.ratelimit.overrides.list.useQuery();
  const rules = trpc.ratelimit.rules.list.useQuery();
  const names = new Map((rules.data?.items ?? []).map((rule) => [rule.id, rule.name]));
  const [removing, setRemoving] = useState<TRateLimitOverride | null>(null);
  const remove = trpc.ratelimit.overrides.delete.useMutation(
    useMutationFeedback({
      success: 'The override was removed.',
      onDone: () => setRemoving(null),
      invalidate: (u) => [u.ratelimit.overrides.list.invalidate()],
      error: false,
    }),
  );
  return (
    <section className="card" aria-labelledby="overrides-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="overrides-title">
            User overrides
          </h2>
          <p className="card-subtitle">A user's own limits, raised or lowered until a time.</p>
        </div>
        <Button onClick={onAdd}>Add override</Button>
      </div>
      <DataTable
        {...tableStateOf(overrides)}
        columns={COLUMNS}
        rows={overrides.data?.items ?? []}
        emptyTitle="No overrides"
        emptyHint="Raise the limits of a partner's integration, or lower those of a script that misbehaves."
        renderRow={(override) => {
          const expired = Date.parse(override.expiresAt) <= now;
          const rule = override.ruleId ? (names.get(override.ruleId) ?? override.ruleId) : 'every rule';
          return (
            <tr key={override.id}>
              <td>
                {override.userEmail ?? '—'}
                <div className="cell-secondary mono">{override.userId}</div>
              </td>
              <td>
                {override.limit !== null
                  ? `${override.limit.toLocaleString()} per window`
                  : `× ${override.multiplier}`}
                <div className="cell-secondary">on {rule}</div>
              </td>
              <td className="cell-wrap cell-muted">{override.reason}</td>
              <td className="nowrap" title={formatDateTime(override.expiresAt)}>
                {expired ? <Badge tone="warning">Expired</Badge> : formatRelative(override.expiresAt, now)}
              </td>
              <td className="cell-actions">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Change the override of ${override.userEmail ?? override.userId}`}
                  onClick={() => onEdit(override)}
                >
                  Change
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  className="btn-ghost-danger"
                  aria-label={`Remove the override of ${override.userEmail ?? override.userId}`}
                  onClick={() => setRemoving(override)}
                >
                  Remove
                </Button>
              </td>
            </tr>
          );
        }}
      >
        <ConfirmRemoveDialog
          target={removing}
          mutation={remove}
          title="Remove this override?"
          description="The user's requests are counted against the rules' own limits again."
          confirmLabel="Remove override"
          onClose={() => setRemoving(null)}
        />
      </DataTable>
    </section>
  );
}
