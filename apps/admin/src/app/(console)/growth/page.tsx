import type { Metadata } from 'next';
import { INVITATIONS_LIST, invitationsListInput } from '~/components/growth/growth-lists';
import { InvitationsView } from '~/components/growth/invitations-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Invitations' };

export default function GrowthInvitationsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={INVITATIONS_LIST}
      queries={(filters, page) => [{ path: 'invitations.list', input: invitationsListInput(filters, page) }]}
    >
      <InvitationsView />
    </PrefetchedList>
  );
}
