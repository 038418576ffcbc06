'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { CreateUserDialog } from './create-user-dialog';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UsersTable } from './users-table';

const NO_FILTERS: UserFilterValues = { search: '', role: '', status: '' };
const DEBOUNCED = ['search'] as const;

export function UsersView() {
  const { filters, query, changeFilters, pager, page } = useListState({
    defaults: NO_FILTERS,
    pageSize: 20,
    debounce: DEBOUNCED,
  });
  const [creating, setCreating] = useState(false);
  const search = query.search.trim();

  const list = trpc.users.list.useQuery(
    {
      search: search || undefined,
      role: filters.role || undefined,
      status: filters.status || undefined,
      ...page,
    },
    KEEP_PREVIOUS,
  );

  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts of the selected product: roles, status and sessions."
        actions={<NewButton label="New user" onClick={() => setCreating(true)} />}
      />
      <UserFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Users">
        <UsersTable
          users={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Boolean(search || filters.role || filters.status)}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="users" />
      </section>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
