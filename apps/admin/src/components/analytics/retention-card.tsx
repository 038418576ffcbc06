'use client';

import { useState } from 'react';
import { Card } from '~/components/kit/card';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { type AnalyticsParams, CARD_DEFAULTS, retentionInput } from './analytics-params';
import { NOT_ROLLED_UP_HINT } from './chart-frame';
import { CsvButton } from './csv-button';
import { formatShare, segmentLabel } from './format';
import { RetentionHeatmap } from './retention-heatmap';
import { useReportRollup } from './rollup-time';

/** Who forms a cohort: sign-up, or activity counted from the first active day or from every one. */
const STARTS = [
  { value: 'signup', label: 'Sign-up', start: 'signup', mode: 'first_time' },
  { value: 'first_time', label: 'First activity', start: 'active', mode: 'first_time' },
  { value: 'recurring', label: 'Every active day', start: 'active', mode: 'recurring' },
] as const;
type StartValue = (typeof STARTS)[number]['value'];

/** Cohort retention as a heatmap, with the D1/D7/D14/D30 summary of the range's day cohorts. */
export function RetentionCard({ params }: { params: AnalyticsParams }) {
  const [granularity, setGranularity] = useState<'day' | 'week'>(CARD_DEFAULTS.retention.granularity);
  const [startValue, setStartValue] = useState<StartValue>('signup');
  const [count, setCount] = useState<'on' | 'onOrAfter'>('on');
  const [segmentPick, setSegmentPick] = useState('');
  const start = STARTS.find((s) => s.value === startValue) ?? STARTS[0];
  const input = retentionInput(params, { granularity, start: start.start, mode: start.mode });
  const query = trpc.analytics.getRetention.useQuery(input, KEEP_PREVIOUS);
  const data = query.data;
  useReportRollup('retention', data?.rolledUpAt);

  const series = data?.series ?? [];
  const current = series.find((s) => s.segment === segmentPick) ?? series[0];
  const cohorts = current?.cohorts ?? [];
  const shareKey = count === 'on' ? 'onShare' : 'onOrAfterShare';
  const empty = !data
    ? null
    : !data.rolledUpAt
      ? 'Not rolled up for this range'
      : cohorts.every((c) => c.size === 0)
        ? 'No cohort in this range has members'
        : null;
  const unit = granularity === 'day' ? 'day' : 'week';

  return (
    <Card
      titleId="analytics-retention-title"
      title="Retention"
      subtitle={`Share of each cohort active ${count === 'on' ? `on ${unit} N exactly` : `on ${unit} N or later`}; hover a cell for counts${data?.asOf ? ` · counted to ${data.asOf}` : ''}${data?.rolledUpAt ? ` · rolled up ${formatDateTime(data.rolledUpAt)}` : ''}`}
      actions={
        <div className={styles.cardActions}>
          <select
            className="select select-sm"
            aria-label="Cohorts by"
            value={granularity}
            onChange={(event) => setGranularity(event.target.value as 'day' | 'week')}
          >
            <option value="day">Daily cohorts</option>
            <option value="week">Weekly cohorts</option>
          </select>
          <select
            className="select select-sm"
            aria-label="Cohort start"
            value={startValue}
            onChange={(event) => setStartValue(event.target.value as StartValue)}
          >
            {STARTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          <select
            className="select select-sm"
            aria-label="Retention count"
            value={count}
            onChange={(event) => setCount(event.target.value as 'on' | 'onOrAfter')}
          >
            <option value="on">On {unit} N</option>
            <option value="onOrAfter">On {unit} N or later</option>
          </select>
          {params.breakdown !== 'none' && series.length > 0 ? (
            <select
              className="select select-sm"
              aria-label="Retention segment"
              value={current?.segment ?? ''}
              onChange={(event) => setSegmentPick(event.target.value)}
            >
              {series.map((s) => (
                <option key={s.segment} value={s.segment}>
                  {segmentLabel(s.segment)}
                </option>
              ))}
            </select>
          ) : null}
          <CsvButton label="retention" input={{ view: 'retention', ...input, granularity }} />
        </div>
      }
    >
      {query.isLoading ? (
        <div className={styles.chartBox} role="img" aria-busy="true" aria-label="Retention heatmap: loading">
          <span className={`skeleton ${styles.chartSkeleton}`} />
        </div>
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : empty ? (
        <EmptyState title={empty}>{data?.rolledUpAt ? null : NOT_ROLLED_UP_HINT}</EmptyState>
      ) : (
        <div className={styles.stack}>
          <dl className={styles.figures} aria-label="Retention summary">
            {(current?.summary ?? []).map((s) => (
              <div
                key={s.n}
                title={`${s[count]} of ${s.eligible} members of the range's day cohorts whose day ${s.n} is over`}
              >
                <dt>D{s.n}</dt>
                <dd>
                  {formatShare(s[shareKey])}{' '}
                  <span className={styles.figureHint}>
                    {s[count]} of {s.eligible}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
          <RetentionHeatmap
            cohorts={cohorts}
            granularity={granularity}
            count={count}
            caption={`${granularity === 'day' ? 'Daily' : 'Weekly'} cohorts by ${start.label.toLowerCase()}${current && params.breakdown !== 'none' ? `, ${params.breakdown} ${current.segment}` : ''}: share active ${count === 'on' ? `on ${unit} N` : `on ${unit} N or later`}`}
          />
        </div>
      )}
    </Card>
  );
}
