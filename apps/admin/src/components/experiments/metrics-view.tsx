'use client';

import type { TMetricDefinition } from '@bytelyst/routers/modules/experiments/metrics-schema';
import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { trpc } from '~/lib/trpc';
import { ExperimentsHeader } from './experiments-header';
import { MetricDialog } from './metric-dialog';
import { MetricsTable } from './metrics-table';

export function MetricsView() {
  const list = trpc.experiments.metrics.list.useQuery();
  const [editing, setEditing] = useState<TMetricDefinition | null | undefined>(undefined);
  return (
    <>
      <ExperimentsHeader
        tab="metrics"
        actions={<NewButton label="New metric" onClick={() => setEditing(null)} />}
      />
      <section className="card" aria-label="Metric definitions">
        <MetricsTable metrics={list.data?.items ?? []} onEdit={setEditing} {...tableStateOf(list)} />
      </section>
      <MetricDialog
        open={editing !== undefined}
        metric={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
