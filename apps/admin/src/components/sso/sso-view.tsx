'use client';

import type { TSsoProvider } from '@bytelyst/routers/modules/sso/schema';
import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { trpc } from '~/lib/trpc';
import { ProviderDialog } from './provider-dialog';
import { ProvidersTable } from './providers-table';

export function SsoView() {
  const list = trpc.sso.providers.list.useQuery();
  const [editing, setEditing] = useState<TSsoProvider | null | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="OpenID Connect providers of the selected product. Users sign in with a verified email at the provider; client secrets are stored encrypted and never shown again."
        actions={<NewButton label="New provider" onClick={() => setEditing(null)} />}
      />
      <section className="card" aria-label="SSO providers">
        <ProvidersTable providers={list.data?.items ?? []} onEdit={setEditing} {...tableStateOf(list)} />
      </section>
      <ProviderDialog
        open={editing !== undefined}
        provider={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
