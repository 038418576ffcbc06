'use client';

import { useState } from 'react';
import { useCursorPager } from '~/hooks/use-cursor-pager';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Icon } from '../icon';
import { PageHeader } from '../page-header';
import { Pager } from '../pager';
import { CreateUserDialog } from './create-user-dialog';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;

export function UsersView() {
  const [filters, setFilters] = useState<UserFilterValues>({ search: '', role: '', status: '' });
  const [creating, setCreating] = useState(false);
  const search = useDebouncedValue(filters.search.trim(), 300);
  const pager = useCursorPager();

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

  const changeFilters = (next: UserFilterValues) => {
    setFilters(next);
    pager.reset();
  };

  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts of the selected product: roles, status and sessions."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={14} />
            New user
          </Button>
        }
      />
      <UserFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Users">
        <UsersTable
          users={list.data?.items ?? []}
          isLoading={list.isLoading}
          error={list.error}
          onRetry={() => void list.refetch()}
          filtered={Boolean(search || filters.role || filters.status)}
        />
        <Pager
          page={pager.page}
          hasPrevious={pager.hasPrevious}
          hasNext={Boolean(list.data?.nextCursor)}
          onPrevious={pager.previous}
          onNext={() => pager.next(list.data?.nextCursor)}
          shown={list.data?.items.length ?? 0}
          total={list.data?.total}
          noun="users"
        />
      </section>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
