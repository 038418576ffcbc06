import type { Metadata } from 'next';
import { firstQueries, parseAnalyticsParams } from '~/components/analytics/analytics-params';
import { AnalyticsView } from '~/components/analytics/analytics-view';
import { searchParamsOf } from '~/lib/list-params';
import type { SearchParamsProp } from '~/server/prefetch-list';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  // The render time goes to the view, so the browser asks for the days the server read.
  const now = Date.now();
  const params = parseAnalyticsParams(searchParamsOf(await searchParams), now);
  return (
    <Prefetched queries={firstQueries(params)}>
      <AnalyticsView now={now} />
    </Prefetched>
  );
}
