'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { trpc } from '~/lib/trpc';
import { CreateUserDialog } from './create-user-dialog';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;
const NO_FILTERS: UserFilterValues = { search: '', role: '', status: '' };

export function UsersView() {
  const { filters, changeFilters, pager } = usePagedFilters(NO_FILTERS);
  const [creating, setCreating] = useState(false);
  const search = useDebouncedValue(filters.search.trim(), 300);

  const list = trpc.users.list.useQuery(
    {
      search: search || undefined,
      role: filters.role || undefined,
      status: filters.status || undefined,
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    },
    { placeholderData: (previous) => previous },
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
