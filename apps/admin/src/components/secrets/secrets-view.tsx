'use client';

import type { TSecret, TSecretScope } from '@bytelyst/routers/modules/secrets/schema';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { ReencryptionCard } from './reencryption-card';
import { RevealDialog } from './reveal-dialog';
import { CreateSecretDialog, NewVersionDialog } from './secret-dialogs';
import { SECRETS_LIST_INPUT } from './secret-status';
import { type SecretAction, SecretsTable } from './secrets-table';

const SCOPES = [
  { value: 'product', label: 'This product' },
  { value: 'platform', label: 'Platform-wide (integration keys)' },
];

export function SecretsView() {
  const [scope, setScope] = useState<TSecretScope>('product');
  const list = trpc.secrets.list.useQuery({ ...SECRETS_LIST_INPUT, scope });
  const me = trpc.auth.getMine.useQuery();
  const superAdmin = me.data?.roles.includes('super_admin') ?? false;
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<{ secret: TSecret; action: SecretAction } | null>(null);
  const close = () => setAction(null);
  const remove = trpc.secrets.delete.useMutation(
    useMutationFeedback({
      success: (secret) =>
        `${secret.name} was deleted; it can be recovered until ${formatDate(secret.purgeAt)}.`,
      onDone: close,
      invalidate: (u) => [u.secrets.list.invalidate()],
    }),
  );
  const mayWrite = scope === 'product' || superAdmin;

  return (
    <>
      <PageHeader
        title="Secrets"
        description="API keys and certificates by name, versioned and encrypted. Values are never listed; a super_admin can reveal one with a reason, which is audited."
        actions={mayWrite ? <NewButton label="New secret" onClick={() => setCreating(true)} /> : null}
      />
      <search className="filters">
        <SelectField
          label="Scope"
          options={SCOPES}
          value={scope}
          onChange={(event) => setScope(event.target.value as TSecretScope)}
        />
      </search>
      <section className="card" aria-label="Secrets">
        <SecretsTable
          secrets={list.data?.items ?? []}
          {...tableStateOf(list)}
          canReveal={superAdmin}
          onAction={(secret, next) => setAction({ secret, action: next })}
        />
      </section>
      <ReencryptionCard canStart={superAdmin} />
      {creating ? <CreateSecretDialog scope={scope} onClose={() => setCreating(false)} /> : null}
      {action?.action === 'version' ? <NewVersionDialog secret={action.secret} onClose={close} /> : null}
      {action?.action === 'reveal' ? <RevealDialog secret={action.secret} onClose={close} /> : null}
      {action?.action === 'delete' ? (
        <ConfirmDialog
          open
          title={`Delete ${action.secret.name}?`}
          description="Nothing can read it while it is deleted. It can be recovered until its recovery window ends, then it is purged for good."
          confirmLabel="Delete secret"
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ name: action.secret.name, scope: action.secret.scope })}
          onClose={close}
        />
      ) : null}
    </>
  );
}
