'use client';

import type { TIncident } from '@bytelyst/routers/modules/status/schema';
import { type ReactNode, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { IncidentUpdateDialog } from './incident-update-dialog';
import { INCIDENTS_LIST, type IncidentFilters, incidentsListInput } from './incidents-list';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS } from './labels';

const COLUMNS: readonly Column[] = [
  { label: 'Incident' },
  { label: 'Status' },
  { label: 'Impact' },
  { label: 'Latest update' },
  { label: 'Actions', className: 'cell-actions' },
];

const IMPACT_TONES = {
  none: 'neutral',
  degraded_performance: 'warning',
  partial_outage: 'warning',
  major_outage: 'danger',
} as const;

/** Incidents, newest first: post updates (and resolve), and write the postmortem once resolved. */
export function IncidentsCard({ now, actions }: { now: number; actions: ReactNode }) {
  const { filters, query, changeFilters, pager, page } = useListState(INCIDENTS_LIST);
  const incidents = trpc.status.incidents.list.useQuery(incidentsListInput(query, page), KEEP_PREVIOUS);
  const [target, setTarget] = useState<{ incident: TIncident; mode: 'update' | 'postmortem' } | null>(null);

  return (
    <section className="card" aria-labelledby="incidents-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="incidents-title">
            Incidents
          </h2>
          <p className="card-subtitle">
            Every update is public and timestamped; subscribers get each one by mail.
          </p>
        </div>
        {actions}
      </div>
      <search className="filters card-toolbar">
        <SelectField
          label="Show"
          value={filters.status}
          options={[
            { value: '', label: 'All incidents' },
            { value: 'open', label: 'Open' },
            { value: 'resolved', label: 'Resolved' },
          ]}
          onChange={(event) => changeFilters({ status: event.target.value as IncidentFilters['status'] })}
        />
      </search>
      <DataTable
        {...tableStateOf(incidents)}
        columns={COLUMNS}
        rows={incidents.data?.items ?? []}
        emptyTitle="No incidents"
        emptyHint="Open one when users are affected; the public page and subscribers hear of it at once."
        renderRow={(incident) => {
          const latest = incident.updates[0];
          return (
            <tr key={incident.id}>
              <td>
                <div className="cell-primary">{incident.title}</div>
                <div className="cell-muted">
                  {incident.components.map((c) => c.name).join(', ') || 'No component'} · opened{' '}
                  {formatRelative(incident.createdAt, now)}
                </div>
              </td>
              <td>
                <Badge tone={incident.status === 'resolved' ? 'success' : 'warning'} dot>
                  {INCIDENT_STATUS_LABELS[incident.status]}
                </Badge>
              </td>
              <td>
                <Badge tone={IMPACT_TONES[incident.impact]}>{IMPACT_LABELS[incident.impact]}</Badge>
              </td>
              <td className="cell-muted">
                <div className="truncate">{latest?.message}</div>
                <div>{latest ? formatRelative(latest.at, now) : ''}</div>
              </td>
              <td className="cell-actions">
                {incident.status === 'resolved' ? (
                  <Button
                    size="sm"
                    aria-label={`Postmortem of ${incident.title}`}
                    onClick={() => setTarget({ incident, mode: 'postmortem' })}
                  >
                    {incident.postmortem ? 'Edit postmortem' : 'Postmortem'}
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    aria-label={`Post an update on ${incident.title}`}
                    onClick={() => setTarget({ incident, mode: 'update' })}
                  >
                    Post update
                  </Button>
                )}
              </td>
            </tr>
          );
        }}
      />
      <Pager pager={pager} data={incidents.data} noun="incidents" />
      <IncidentUpdateDialog target={target} onClose={() => setTarget(null)} />
    </section>
  );
}
