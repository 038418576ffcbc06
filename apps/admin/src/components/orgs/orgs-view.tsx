'use client';

import Link from 'next/link';
import { useState } from 'react';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { CreateOrgDialog } from './create-org-dialog';
import { ORGS_LIST, orgsListInput } from './orgs-list';

const COLUMNS: readonly Column[] = [
  { label: 'Organization' },
  { label: 'Members' },
  { label: 'Teams' },
  { label: 'Paid by' },
  { label: 'Created by' },
  { label: 'Created' },
];

export function OrgsView() {
  const [creating, setCreating] = useState(false);
  const { pager, page } = useListState(ORGS_LIST);
  const list = trpc.orgs.list.useQuery(orgsListInput(page), KEEP_PREVIOUS);
  return (
    <>
      <PageHeader
        title="Organizations"
        doc="architecture#org-and-team-scoped-access"
        description="Organizations of the selected product: their members, teams, pending invitations, subscription and usage. Members manage their own through the API; admins see and support all of them."
        actions={<NewButton label="New organization" onClick={() => setCreating(true)} />}
      />
      <section className="card" aria-label="Organizations">
        <DataTable
          {...tableStateOf(list)}
          columns={COLUMNS}
          rows={list.data?.items ?? []}
          emptyTitle="No organizations yet"
          emptyHint="Users create them from the apps (POST /v1/orgs), or create one here."
          renderRow={(org) => (
            <tr key={org.id}>
              <td className="cell-primary">
                <Link className="table-link" href={`/orgs/${encodeURIComponent(org.id)}`}>
                  {org.name}
                </Link>
              </td>
              <td>{org.memberCount}</td>
              <td>{org.teamCount}</td>
              <td>
                {org.subscriptionUserId ? (
                  <UserRef userId={org.subscriptionUserId} />
                ) : (
                  <span className="muted">Default plan</span>
                )}
              </td>
              <td>
                <UserRef userId={org.createdBy} />
              </td>
              <td className="cell-muted">{formatDate(org.createdAt)}</td>
            </tr>
          )}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="organizations" />
      </section>
      <CreateOrgDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
