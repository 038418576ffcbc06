import type { Metadata } from 'next';
import { activityInput } from '~/components/overview/activity';
import { OverviewView } from '~/components/overview/overview-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  const now = Date.now();
  // The API health card is left to the browser: a live probe of the console's /api/health (not tRPC), re-run
  // every 30 s, that shows when it last checked in the viewer's time zone.
  return (
    <Prefetched
      queries={[
        { path: 'system.getOverview' },
        { path: 'analytics.getActiveUsers', input: activityInput(now) },
      ]}
    >
      <OverviewView now={now} />
    </Prefetched>
  );
}
