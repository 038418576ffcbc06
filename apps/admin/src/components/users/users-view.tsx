'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { CreateUserDialog } from './create-user-dialog';
import { UserFilters } from './user-filters';
import { USERS_LIST, usersListInput } from './users-list';
import { UsersTable } from './users-table';

export function UsersView() {
  const { filters, query, changeFilters, pager, page } = useListState(USERS_LIST);
  const [creating, setCreating] = useState(false);
  const search = query.search.trim();
  const list = trpc.users.list.useQuery(usersListInput(query, page), KEEP_PREVIOUS);

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
