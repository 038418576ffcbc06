'use client';

import type { TBreakdown } from '@bytelyst/routers/modules/analytics/schema';
import { useEffect, useState } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { formatDateTime } from '~/lib/format';
import styles from './analytics.module.css';
import { type AnalyticsParams, PRESETS, presetRange, rangeProblem } from './analytics-params';
import { RecomputeButton, RecomputeProgress, useRecompute } from './recompute';

const BREAKDOWNS: readonly { value: TBreakdown; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'platform', label: 'Platform' },
  { value: 'plan', label: 'Plan' },
];

/**
 * The page's range (a preset or two days), its breakdown, when the rollups shown were made, and the recompute
 * that rebuilds them for the range.
 */
export function RangeBar({
  params,
  now,
  rolledUpAt,
  onChange,
}: {
  params: AnalyticsParams;
  now: number;
  /** The oldest rollup time among the charts on the page; null until one has been read. */
  rolledUpAt: string | null;
  onChange: (next: AnalyticsParams) => void;
}) {
  const [draft, setDraft] = useState({ from: params.from, to: params.to });
  useEffect(() => setDraft({ from: params.from, to: params.to }), [params.from, params.to]);
  const problem = rangeProblem(draft.from, draft.to);
  const recompute = useRecompute(params);

  const editDay = (key: 'from' | 'to', value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (rangeProblem(next.from, next.to) === null) onChange({ ...params, range: 'custom', ...next });
  };

  return (
    <section className="card" aria-label="Range and recompute">
      <div className={styles.toolbar}>
        <fieldset className={styles.rangeField}>
          <legend className={styles.groupLabel}>Range</legend>
          <div className={styles.presets}>
            {PRESETS.map((preset) => (
              <button
                key={preset.value}
                type="button"
                aria-pressed={params.range === preset.value}
                onClick={() =>
                  onChange({ ...params, range: preset.value, ...presetRange(preset.value, now) })
                }
              >
                {preset.label}
              </button>
            ))}
            <button
              type="button"
              aria-pressed={params.range === 'custom'}
              title="Keep these days when today moves on; pick them in From and To"
              onClick={() => onChange({ ...params, range: 'custom' })}
            >
              Custom
            </button>
          </div>
        </fieldset>
        <TextField
          className={styles.dayField}
          label="From"
          type="date"
          value={draft.from}
          max={draft.to}
          onChange={(event) => editDay('from', event.target.value)}
        />
        <TextField
          className={styles.dayField}
          label="To"
          type="date"
          value={draft.to}
          min={draft.from}
          onChange={(event) => editDay('to', event.target.value)}
          error={problem ?? undefined}
        />
        <SelectField
          label="Breakdown"
          value={params.breakdown}
          options={BREAKDOWNS}
          onChange={(event) => onChange({ ...params, breakdown: event.target.value as TBreakdown })}
        />
      </div>
      <div className={styles.statusRow}>
        <RecomputeProgress recompute={recompute.recompute} />
        <div className={styles.rollup}>
          <span>
            Rolled up at{' '}
            <strong>
              {rolledUpAt ? (
                <time dateTime={rolledUpAt} data-testid="rolled-up-at">
                  {formatDateTime(rolledUpAt)}
                </time>
              ) : (
                'never'
              )}
            </strong>
          </span>
          <RecomputeButton running={recompute.running} onStart={recompute.start} />
        </div>
      </div>
    </section>
  );
}
