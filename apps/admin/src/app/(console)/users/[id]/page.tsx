import type { Metadata } from 'next';
import { USER_LICENSES_LIST, userLicensesListInput } from '~/components/licenses/licenses-list';
import { UserDetailView } from '~/components/users/user-detail-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'User' };

type Props = { params: Promise<{ id: string }>; searchParams: SearchParamsProp };

export default async function UserPage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  const userId = id;
  const memory = (await searchParams).memory;
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={USER_LICENSES_LIST}
      queries={(_filters, page) => [
        { path: 'users.get', input: { id } },
        { path: 'avatars.get', input: { userId } },
        { path: 'subscriptions.get', input: { userId } },
        { path: 'usage.get', input: { userId } },
        { path: 'orgs.list', input: { userId } },
        { path: 'licenses.list', input: userLicensesListInput(userId, page) },
        { path: 'notifications.listByUser', input: { userId } },
        { path: 'notifications.getPreferences', input: { userId } },
      ]}
    >
      <UserDetailView id={id} memory={typeof memory === 'string' ? memory : undefined} />
    </PrefetchedList>
  );
}
