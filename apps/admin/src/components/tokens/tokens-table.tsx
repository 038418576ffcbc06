'use client';

import type { TApiToken } from '@bytelyst/routers/modules/tokens/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDate, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Prefix' },
  { label: 'Role' },
  { label: 'Status' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'Expires' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { tokens: readonly TApiToken[] };

function TokenState({ token, now }: { token: TApiToken; now: number }) {
  if (token.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return <Badge tone="warning">Expired</Badge>;
  return (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

export function TokensTable({ tokens, ...state }: Props) {
  const [revoking, setRevoking] = useState<TApiToken | null>(null);
  const [now] = useState(() => Date.now());
  const revoke = trpc.tokens.revoke.useMutation(
    useMutationFeedback({
      success: `Token ${revoking?.name ?? ''} was revoked.`,
      onDone: () => setRevoking(null),
      invalidate: (u) => [u.tokens.list.invalidate(), u.system.getOverview.invalidate()],
      error: false,
    }),
  );

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={tokens}
      emptyTitle="No API tokens"
      emptyHint="Create one for a server that calls the API."
      renderRow={(token) => (
        <tr key={token.id}>
          <td className="cell-primary">{token.name}</td>
          <td>
            <code>{token.prefix}…</code>
          </td>
          <td>
            <Badge tone={token.role === 'admin' ? 'accent' : 'neutral'}>
              {token.role === 'admin' ? 'Admin' : 'User'}
            </Badge>
          </td>
          <td>
            <TokenState token={token} now={now} />
          </td>
          <td className="cell-muted">{formatDate(token.createdAt)}</td>
          <td className="cell-muted">{formatRelative(token.lastUsedAt, now)}</td>
          <td className="cell-muted">{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
          <td className="cell-actions">
            {token.revokedAt ? null : (
              <Button size="sm" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(token)}>
                Revoke
              </Button>
            )}
          </td>
        </tr>
      )}
    >
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        description="Requests that use this token are refused immediately. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => {
          if (revoking) revoke.mutate({ id: revoking.id });
        }}
        onClose={() => {
          revoke.reset();
          setRevoking(null);
        }}
      />
    </DataTable>
  );
}
