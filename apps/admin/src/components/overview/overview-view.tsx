'use client';

import { PageHeader } from '~/components/kit/page-header';
import { ActivityChart } from './activity-chart';
import { ApiHealthCard } from './api-health-card';
import { StatCards } from './stat-cards';

export function OverviewView({ now }: { now: number }) {
  return (
    <>
      <PageHeader title="Overview" description="The state of the platform for the selected product." />
      <StatCards />
      <div className="grid grid-2">
        <ActivityChart now={now} />
        <ApiHealthCard />
      </div>
    </>
  );
}
