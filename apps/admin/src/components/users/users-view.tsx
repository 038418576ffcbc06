'use client';

import type { TBulkCreateInput } from '@bytelyst/routers/modules/exports/schema';
import { useCallback, useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { BulkBar } from '../exports/bulk-bar';
import { BulkDialog } from '../exports/bulk-dialog';
import { useSelection } from '../exports/use-selection';
import { CreateUserDialog } from './create-user-dialog';
import { UserFilters } from './user-filters';
import { USERS_LIST, usersListInput } from './users-list';
import { UsersTable } from './users-table';

export function UsersView() {
  const { filters, query, changeFilters, pager, page } = useListState(USERS_LIST);
  const [creating, setCreating] = useState(false);
  const search = query.search.trim();
  const list = trpc.users.list.useQuery(usersListInput(query, page), KEEP_PREVIOUS);
  const selection = useSelection();
  const [bulk, setBulk] = useState<TBulkCreateInput | null>(null);
  const utils = trpc.useUtils();
  const refetch = useCallback(() => void utils.users.list.invalidate(), [utils]);
  /** The picked ids, or the table's filter when "all matching" is on. */
  const bulkStatus = (status: 'active' | 'disabled') =>
    setBulk({
      operation: 'users.setStatus',
      status,
      selection: selection.allMatching
        ? {
            filters: {
              search: search || undefined,
              role: filters.role || undefined,
              status: filters.status || undefined,
            },
          }
        : { ids: [...selection.ids] },
    });
  const picked = selection.allMatching || selection.ids.size > 0;

  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts of the selected product: roles, status and sessions."
        actions={<NewButton label="New user" onClick={() => setCreating(true)} />}
      />
      <UserFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Users">
        <BulkBar selection={selection} total={list.data?.total} noun="users">
          <Button size="sm" disabled={!picked} onClick={() => bulkStatus('active')}>
            Enable selected
          </Button>
          <Button size="sm" variant="danger" disabled={!picked} onClick={() => bulkStatus('disabled')}>
            Disable selected
          </Button>
        </BulkBar>
        <UsersTable
          selection={selection}
          users={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Boolean(search || filters.role || filters.status)}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="users" />
      </section>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <BulkDialog
        request={bulk}
        title={bulk?.status === 'active' ? 'Enable users' : 'Disable users'}
        confirmLabel={bulk?.status === 'active' ? 'Enable users' : 'Disable users'}
        noun="users"
        unchangedLabel={bulk?.status === 'active' ? 'are already active' : 'are already disabled'}
        onFinished={refetch}
        onClose={() => {
          setBulk(null);
          selection.clear();
        }}
      />
    </>
  );
}
