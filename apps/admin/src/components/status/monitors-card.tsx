'use client';

import type { TStatusComponent, TStatusMonitor } from '@bytelyst/routers/modules/status/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { MONITOR_STATUS_LABELS, MONITOR_STATUS_TONES } from './labels';
import { MonitorDialog } from './monitor-dialog';
import styles from './status-admin.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Monitor' },
  { label: 'Target' },
  { label: 'Schedule' },
  { label: 'Verdict' },
  { label: 'Actions', className: 'cell-actions' },
];

const CHECK_LABELS = {
  store: 'Document store ping',
  blob: 'Blob store ping',
  event_backlog: 'Event backlog',
  dead_letters: 'Dead letters',
  job_runner: 'Job runner lease',
} as const;

const targetOf = (m: TStatusMonitor, apiUrl: string) => {
  if (m.type === 'http') return `GET ${m.url ?? ''}${m.keyword ? ` · “${m.keyword}”` : ''}`;
  if (m.type === 'tcp') return `TCP ${m.host ?? ''}:${m.port ?? ''}`;
  if (m.type === 'internal') {
    const label = m.check ? CHECK_LABELS[m.check] : 'Internal';
    return m.threshold === null ? label : `${label} ≤ ${m.threshold}`;
  }
  return `Push ${apiUrl}${m.pushPath ?? ''}`;
};

type Props = TableState & {
  monitors: readonly TStatusMonitor[];
  components: readonly TStatusComponent[];
  apiUrl: string;
  now: number;
};

/** Monitors CRUD with "Check now"; the verdict is the last check's, retries included. */
export function MonitorsCard({ monitors, components, apiUrl, now, ...state }: Props) {
  const [editing, setEditing] = useState<TStatusMonitor | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<TStatusMonitor | null>(null);
  const names = new Map(components.map((c) => [c.id, c.name]));
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [u.status.invalidate()];
  const checkNow = trpc.status.monitors.check.useMutation(
    useMutationFeedback({
      success: (r) => `Checked: ${MONITOR_STATUS_LABELS[r.status]}${r.message ? ` (${r.message})` : ''}.`,
      invalidate,
    }),
  );
  const toggle = trpc.status.monitors.update.useMutation(
    useMutationFeedback({
      success: (m) => `${m.name} was ${m.enabled ? 'enabled' : 'disabled'}.`,
      invalidate,
    }),
  );
  const remove = trpc.status.monitors.delete.useMutation(
    useMutationFeedback({
      success: `${deleting?.name ?? 'The monitor'} was deleted.`,
      onDone: () => setDeleting(null),
      invalidate,
      error: false,
    }),
  );
  return (
    <section className="card" aria-labelledby="monitors-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="monitors-title">
            Monitors
          </h2>
          <p className="card-subtitle">
            A component is down when all its monitors are, partly down when some are, degraded when one is
            slow.
          </p>
        </div>
        <NewButton label="New monitor" onClick={() => setEditing(null)} />
      </div>
      <DataTable
        {...state}
        columns={COLUMNS}
        rows={monitors}
        emptyTitle="No monitors"
        emptyHint="Add an HTTP(S), TCP, internal or heartbeat monitor to a component."
        renderRow={(m) => (
          <tr key={m.id}>
            <td>
              <div className="cell-primary">{m.name}</div>
              <div className="cell-muted">{names.get(m.componentId) ?? m.componentId}</div>
            </td>
            <td className="cell-muted">
              <div className={`truncate ${styles.target}`} title={targetOf(m, apiUrl)}>
                <code>{targetOf(m, apiUrl)}</code>
              </div>
            </td>
            <td className="cell-muted">
              every {m.intervalSeconds} s · {m.retries} retr{m.retries === 1 ? 'y' : 'ies'}
            </td>
            <td>
              {m.enabled ? (
                <Badge tone={MONITOR_STATUS_TONES[m.status]} dot>
                  {MONITOR_STATUS_LABELS[m.status]}
                </Badge>
              ) : (
                <Badge>Disabled</Badge>
              )}
              {m.lastCheckedAt ? (
                <div className="cell-muted">
                  {formatRelative(m.lastCheckedAt, now)}
                  {m.lastLatencyMs !== null ? ` · ${m.lastLatencyMs} ms` : ''}
                </div>
              ) : null}
              {m.lastMessage && m.status !== 'up' ? (
                <div className="cell-muted truncate">{m.lastMessage}</div>
              ) : null}
            </td>
            <td className="cell-actions">
              <div className="btn-group">
                <Button
                  size="sm"
                  aria-label={`Check ${m.name} now`}
                  loading={checkNow.isPending && checkNow.variables?.id === m.id}
                  onClick={() => checkNow.mutate({ id: m.id })}
                >
                  Check now
                </Button>
                <Button size="sm" aria-label={`Edit ${m.name}`} onClick={() => setEditing(m)}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  aria-label={`${m.enabled ? 'Disable' : 'Enable'} ${m.name}`}
                  loading={toggle.isPending && toggle.variables?.id === m.id}
                  onClick={() => toggle.mutate({ id: m.id, enabled: !m.enabled })}
                >
                  {m.enabled ? 'Disable' : 'Enable'}
                </Button>
                {m.builtin ? null : (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete ${m.name}`}
                    onClick={() => setDeleting(m)}
                  >
                    Delete
                  </Button>
                )}
              </div>
            </td>
          </tr>
        )}
      />
      <MonitorDialog
        open={editing !== undefined}
        monitor={editing ?? null}
        components={components}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmRemoveDialog
        target={deleting}
        mutation={remove}
        title={`Delete ${deleting?.name ?? 'the monitor'}?`}
        description="Its checks stay in the history; the component no longer counts this monitor."
        confirmLabel="Delete monitor"
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
