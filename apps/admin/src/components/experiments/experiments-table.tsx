'use client';

import type { TExperiment } from '@bytelyst/routers/modules/experiments/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatRelative } from '~/lib/format';
import styles from './experiments.module.css';
import { daysRunning, ExperimentStatusBadge, formatDays, variantColor } from './labels';

const COLUMNS: readonly Column[] = [
  { label: 'Experiment' },
  { label: 'Status' },
  { label: 'Variants' },
  { label: 'Running for' },
  { label: 'Last results' },
];

export function ExperimentsTable({
  items,
  filtered,
  ...state
}: TableState & { items: readonly TExperiment[]; filtered: boolean }) {
  const now = useNow(60_000);
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={items}
      emptyTitle={filtered ? 'No experiments in this status' : 'No experiments yet'}
      emptyHint={
        filtered ? (
          'Try another status.'
        ) : (
          <>
            Define a <Link href="/experiments/metrics">metric</Link>, then create an experiment that moves it.
          </>
        )
      }
      renderRow={(e) => (
        <tr key={e.id}>
          <td>
            <div className="stack-tight">
              <Link className="table-link cell-primary" href={`/experiments/${encodeURIComponent(e.id)}`}>
                {e.name}
              </Link>
              <code className="cell-secondary">{e.key}</code>
            </div>
          </td>
          <td>
            <ExperimentStatusBadge status={e.status} />
            {e.results?.srm.mismatch ? (
              <div className="cell-secondary error-text">Sample ratio mismatch</div>
            ) : null}
          </td>
          <td>
            <ul className={`plain-list ${styles.variantList}`}>
              {e.variants.map((v, i) => (
                <li key={v.id}>
                  <span
                    className={styles.swatch}
                    style={{ background: variantColor(i) }}
                    aria-hidden="true"
                  />
                  <span className="mono">{v.id}</span> <span className="muted">{v.weight} %</span>
                  {e.winningVariant === v.id ? <span className="muted"> · winner</span> : null}
                </li>
              ))}
            </ul>
          </td>
          <td className="tabular">{formatDays(daysRunning(e, now))}</td>
          <td className="cell-muted nowrap" title={formatDateTime(e.results?.computedAt)}>
            {e.results ? formatRelative(e.results.computedAt, now) : 'Not computed'}
          </td>
        </tr>
      )}
    />
  );
}
