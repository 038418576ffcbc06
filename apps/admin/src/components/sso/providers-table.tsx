'use client';

import type { TSsoProvider } from '@bytelyst/routers/modules/sso/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'Provider' },
  { label: 'Client ID' },
  { label: 'Secret' },
  { label: 'Allowed domains' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { providers: readonly TSsoProvider[]; onEdit: (provider: TSsoProvider) => void };

export function ProvidersTable({ providers, onEdit, ...state }: Props) {
  const [deleting, setDeleting] = useState<TSsoProvider | null>(null);
  const toggle = trpc.sso.providers.update.useMutation(
    useMutationFeedback({
      success: (p) => `${p.name} was ${p.enabled ? 'enabled' : 'disabled'}.`,
      invalidate: (u) => [u.sso.invalidate()],
    }),
  );
  const remove = trpc.sso.providers.delete.useMutation(
    useMutationFeedback({
      success: `${deleting?.name ?? 'The provider'} was removed.`,
      onDone: () => setDeleting(null),
      invalidate: (u) => [u.sso.invalidate()],
      error: false,
    }),
  );

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={providers}
      emptyTitle="No SSO providers"
      emptyHint="Add an OpenID Connect provider to offer “Continue with …” on the sign-in page."
      renderRow={(provider) => (
        <tr key={provider.id}>
          <td>
            <div className="cell-primary">{provider.name}</div>
            <div className="cell-muted">
              <code>{provider.issuer}</code>
            </div>
          </td>
          <td>
            <code>{provider.clientId}</code>
          </td>
          <td>{provider.hasClientSecret ? <Badge tone="info">Set</Badge> : <Badge>Not set</Badge>}</td>
          <td className="cell-muted">
            {provider.allowedDomains.length > 0 ? provider.allowedDomains.join(', ') : 'Any verified'}
          </td>
          <td>
            {provider.enabled ? (
              <Badge tone="success" dot>
                Enabled
              </Badge>
            ) : (
              <Badge tone="warning">Disabled</Badge>
            )}
          </td>
          <td className="cell-actions">
            <div className="btn-group">
              <Button size="sm" aria-label={`Edit ${provider.name}`} onClick={() => onEdit(provider)}>
                Edit
              </Button>
              <Button
                size="sm"
                aria-label={`${provider.enabled ? 'Disable' : 'Enable'} ${provider.name}`}
                loading={toggle.isPending && toggle.variables?.id === provider.id}
                onClick={() => toggle.mutate({ id: provider.id, enabled: !provider.enabled })}
              >
                {provider.enabled ? 'Disable' : 'Enable'}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Delete ${provider.name}`}
                onClick={() => setDeleting(provider)}
              >
                Delete
              </Button>
            </div>
          </td>
        </tr>
      )}
    >
      <ConfirmRemoveDialog
        target={deleting}
        mutation={remove}
        title={`Remove ${deleting?.name ?? 'provider'}?`}
        description="Its button leaves the sign-in page and sign-ins through it stop. Users keep their accounts and can sign in with a password or another provider."
        confirmLabel="Remove provider"
        onClose={() => setDeleting(null)}
      />
    </DataTable>
  );
}
