'use client';

import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { trpc } from '~/lib/trpc';
import { ORG_ROLE_LABELS } from './roles';

const COLUMNS: readonly Column[] = [{ label: 'Organization' }, { label: 'Role' }, { label: 'Members' }];

/** The organizations a user belongs to, on their page. */
export function UserOrgsCard({ userId }: { userId: string }) {
  const orgs = trpc.orgs.list.useQuery({ userId });
  return (
    <Card titleId="user-orgs-title" title="Organizations" bodyClassName="card-body-flush">
      <DataTable
        {...tableStateOf(orgs)}
        columns={COLUMNS}
        rows={orgs.data?.items ?? []}
        emptyTitle="Not in any organization"
        renderRow={(org) => (
          <tr key={org.id}>
            <td className="cell-primary">
              <Link className="table-link" href={`/orgs/${encodeURIComponent(org.id)}`}>
                {org.name}
              </Link>
            </td>
            <td>{org.role ? ORG_ROLE_LABELS[org.role] : <span className="muted">—</span>}</td>
            <td>{org.memberCount}</td>
          </tr>
        )}
      />
    </Card>
  );
}
