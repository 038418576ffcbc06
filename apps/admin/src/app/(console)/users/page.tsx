import type { Metadata } from 'next';
import { USERS_LIST, usersListInput } from '~/components/users/users-list';
import { UsersView } from '~/components/users/users-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={USERS_LIST}
      queries={(filters, page) => [{ path: 'users.list', input: usersListInput(filters, page) }]}
    >
      <UsersView />
    </PrefetchedList>
  );
}
