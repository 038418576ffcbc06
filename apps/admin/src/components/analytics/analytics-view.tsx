'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { ActiveUsersCard } from './active-users-card';
import { AdoptionCard } from './adoption-card';
import { type AnalyticsParams, parseAnalyticsParams, writeAnalyticsParams } from './analytics-params';
import { FunnelCard } from './funnel-card';
import { RangeBar } from './range-bar';
import { RetentionCard } from './retention-card';
import { RevenueCard } from './revenue-card';
import { RollupReportProvider, useRollupTimes } from './rollup-time';

/**
 * `/analytics`: every view reads rollups, never raw events. The range and breakdown live in the URL (written
 * with `history.replaceState`, which the App Router syncs without a server round trip), so a reload or a shared
 * link opens the same view. `now` is the page's render time from the server, so both sides ask for the same days.
 */
export function AnalyticsView({ now }: { now: number }) {
  const search = useSearchParams();
  const pathname = usePathname();
  const [params, setParams] = useState<AnalyticsParams>(() => parseAnalyticsParams(search, now));
  const query = search.toString();
  // A URL changed elsewhere (a link to the bare page, back and forward) is adopted.
  useEffect(() => {
    setParams((current) => {
      const next = parseAnalyticsParams(new URLSearchParams(query), now);
      return writeAnalyticsParams(next) === writeAnalyticsParams(current) ? current : next;
    });
  }, [query, now]);
  const { oldest, report } = useRollupTimes();

  const change = (next: AnalyticsParams) => {
    setParams(next);
    window.history.replaceState(null, '', `${pathname}${writeAnalyticsParams(next)}`);
  };

  return (
    <RollupReportProvider value={report}>
      <PageHeader
        title="Analytics"
        description="Active users, retention, funnels, feature adoption and revenue, read from the rollups. Days are UTC."
      />
      <div className="stack">
        <RangeBar params={params} now={now} rolledUpAt={oldest} onChange={change} />
        <ActiveUsersCard params={params} />
        <RetentionCard params={params} />
        <FunnelCard params={params} />
        <AdoptionCard params={params} />
        <RevenueCard params={params} />
      </div>
    </RollupReportProvider>
  );
}
