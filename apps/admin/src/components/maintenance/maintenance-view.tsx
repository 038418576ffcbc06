'use client';

import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { PageHeader } from '~/components/kit/page-header';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { MaintenanceFormCard } from './maintenance-form';
import { MODE_LABELS, MODE_TONES } from './maintenance-labels';
import { ScheduleCard, SwitchChecklistCard } from './switch-checklist';

/** How long after a save the checklist is polled, while the bus carries the switch out. */
const FOLLOW_MS = 15_000;

export function MaintenanceView() {
  const [followUntil, setFollowUntil] = useState(0);
  const config = trpc.maintenance.get.useQuery();
  const schedule = trpc.maintenance.getSchedule.useQuery();
  const checklist = trpc.maintenance.getSwitch.useQuery(undefined, {
    refetchInterval: (query) =>
      query.state.data?.switch?.state === 'running' || Date.now() < followUntil ? 1000 : false,
  });

  return (
    <>
      <PageHeader
        title="Maintenance"
        description="Take the selected product down gracefully: refuse changes or every request, hold jobs and sends, tell users why."
        actions={
          config.data ? (
            <Badge tone={MODE_TONES[config.data.mode]} dot>
              {MODE_LABELS[config.data.mode]}
            </Badge>
          ) : null
        }
      />
      {config.error ? (
        <div className="card">
          <ErrorState error={config.error} onRetry={() => void config.refetch()} />
        </div>
      ) : config.data ? (
        <MaintenanceFormCard
          current={config.data}
          schedule={schedule.data}
          onSaved={() => setFollowUntil(Date.now() + FOLLOW_MS)}
        />
      ) : (
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '60%' }} />
        </div>
      )}
      <SwitchChecklistCard current={checklist.data?.switch ?? null} />
      <ScheduleCard schedule={schedule.data} />
    </>
  );
}
