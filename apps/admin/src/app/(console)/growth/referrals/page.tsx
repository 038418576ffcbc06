import type { Metadata } from 'next';
import { REFERRALS_LIST, referralsListInput } from '~/components/growth/growth-lists';
import { ReferralsView } from '~/components/growth/referrals-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Referrals' };

export default function GrowthReferralsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={REFERRALS_LIST}
      queries={(filters, page) => [
        { path: 'referrals.stats' },
        { path: 'referrals.list', input: referralsListInput(filters, page) },
      ]}
    >
      <ReferralsView />
    </PrefetchedList>
  );
}
