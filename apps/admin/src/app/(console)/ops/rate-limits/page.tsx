import type { Metadata } from 'next';
import { IP_RULES_LIST, ipRulesListInput } from '~/components/ratelimit/ip-rules-list';
import { RateLimitsView } from '~/components/ratelimit/ratelimit-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Rate limits' };

export default function RateLimitsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={IP_RULES_LIST}
      queries={(filters, page) => [
        { path: 'ratelimit.stats' },
        { path: 'ratelimit.listBlocked' },
        { path: 'ratelimit.rules.list' },
        { path: 'ratelimit.overrides.list' },
        { path: 'ratelimit.ipRules.list', input: ipRulesListInput(filters, page) },
      ]}
    >
      <RateLimitsView />
    </PrefetchedList>
  );
}
