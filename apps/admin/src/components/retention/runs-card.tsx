'use client';

import { RETENTION_BOUNDS, type TRun } from '@bytelyst/routers/modules/retention/schema';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Badge, type Tone } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatDuration, formatRelative } from '~/lib/format';
import styles from './retention.module.css';

const STATUS: Record<TRun['status'], { tone: Tone; label: string }> = {
  running: { tone: 'info', label: 'Running' },
  succeeded: { tone: 'success', label: 'Succeeded' },
  failed: { tone: 'danger', label: 'Failed' },
  interrupted: { tone: 'warning', label: 'Interrupted' },
};

export function RunStatusBadge({ status }: { status: TRun['status'] }) {
  return (
    <Badge tone={STATUS[status].tone} dot>
      {STATUS[status].label}
    </Badge>
  );
}

export const removedIn = (run: TRun) => Object.values(run.removed).reduce((sum, n) => sum + n, 0);

// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
const COLORS: Record<string, string> = {
  audit_log: '#5b5bd6',
  telemetry_events: '#1e6fd9',
  sessions: '#1f8f52',
  export_files: '#b7791f',
  delivery_log: '#d93f3f',
  webhook_deliveries: '#8e4ec6',
  job_runs: '#12a594',
  events: '#8e8e99',
};

const dayLabel = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Removed per container over the recent runs, oldest first, in this product. */
function RemovedChart({ runs }: { runs: readonly TRun[] }) {
  const data = [...runs]
    .reverse()
    .map((run) => ({ label: dayLabel.format(new Date(run.startedAt)), ...run.removed }));
  const keys = Object.keys(COLORS).filter((key) => runs.some((run) => (run.removed[key] ?? 0) > 0));
  return (
    <div
      className={styles.chartBox}
      role="img"
      aria-label="Bar chart of documents removed per container by each run"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke="#ececf0" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke="#8e8e99" />
          <Tooltip
            cursor={{ fill: '#f3f3f8' }}
            contentStyle={{ borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {keys.map((key) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="removed"
              name={RETENTION_BOUNDS[key as keyof typeof RETENTION_BOUNDS]?.label ?? key}
              fill={COLORS[key]}
              maxBarSize={28}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      {keys.length === 0 ? <p className={styles.chartEmpty}>Nothing removed by the recent runs</p> : null}
    </div>
  );
}

const COLUMNS: readonly Column[] = [
  { label: 'Started' },
  { label: 'Status' },
  { label: 'Duration' },
  { label: 'Removed here', className: 'cell-right' },
  { label: 'Kept by holds', className: 'cell-right' },
  { label: 'All products', className: 'cell-right' },
];

const breakdown = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, n]) => `${RETENTION_BOUNDS[key as keyof typeof RETENTION_BOUNDS]?.label ?? key} ${n}`)
    .join(' · ');

export function RunsCard({ runs, now, ...state }: TableState & { runs: readonly TRun[]; now: number }) {
  return (
    <Card
      titleId="retention-runs"
      title="Recent runs"
      subtitle="What each cleanup run removed in this product"
    >
      {runs.length > 0 ? <RemovedChart runs={runs} /> : null}
      <DataTable
        {...state}
        columns={COLUMNS}
        rows={runs}
        emptyTitle="No cleanup has run yet"
        emptyHint="The retention-cleanup job runs daily; Run now starts it at once."
        renderRow={(run) => (
          <tr key={run.id} data-run={run.id}>
            <td>
              <div className="nowrap" title={formatDateTime(run.startedAt)}>
                {formatRelative(run.startedAt, now)}
              </div>
              <div className="cell-secondary">
                {run.trigger}
                {run.resumedFrom ? ' · took over an unfinished run' : ''}
              </div>
            </td>
            <td>
              <RunStatusBadge status={run.status} />
              {run.error ? <div className="cell-secondary">{run.error}</div> : null}
            </td>
            <td className="nowrap">{formatDuration(run.durationMs)}</td>
            <td className="cell-right">
              <div className="cell-primary tabular">{removedIn(run).toLocaleString()}</div>
              <div className="cell-secondary">{breakdown(run.removed)}</div>
            </td>
            <td className="cell-right tabular">
              {Object.values(run.exempt)
                .reduce((sum, n) => sum + n, 0)
                .toLocaleString()}
            </td>
            <td className="cell-right tabular">{run.totalRemoved.toLocaleString()}</td>
          </tr>
        )}
      />
    </Card>
  );
}
