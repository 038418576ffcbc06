'use client';

import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { type AnalyticsParams, CARD_DEFAULTS, funnelInput } from './analytics-params';
import { ChartFrame, FigureTable, NOT_ROLLED_UP_HINT } from './chart-frame';
import { CsvButton } from './csv-button';
import {
  AXIS,
  CURSOR,
  colorAt,
  formatCount,
  formatDuration,
  formatShare,
  GRID,
  segmentLabel,
  TOOLTIP,
} from './format';
import { FunnelEditor, knownEventsOf } from './funnel-editor';
import { useReportRollup } from './rollup-time';

const DROP_OFF = '#e6e6ea';

/**
 * A funnel's steps over the entry days of the range: users at each step, conversion and drop-off, median time
 * between steps and to convert; the step editor saves the funnel through `analytics.setFunnel`.
 */
export function FunnelCard({ params }: { params: AnalyticsParams }) {
  const defs = trpc.analytics.getDefinitions.useQuery(undefined);
  const [picked, setPicked] = useState(CARD_DEFAULTS.funnel.funnelId);
  const funnels = defs.data?.funnels ?? [];
  const funnelId = funnels.some((f) => f.id === picked) ? picked : (funnels[0]?.id ?? picked);
  const input = funnelInput(params, funnelId, CARD_DEFAULTS.funnel.granularity);
  // Asked once the definitions say which funnels exist: a product may have deleted the default one.
  const noFunnels = defs.data !== undefined && funnels.length === 0;
  const query = trpc.analytics.getFunnel.useQuery(input, { ...KEEP_PREVIOUS, enabled: funnels.length > 0 });
  const data = query.data;
  useReportRollup('funnel', data?.rolledUpAt);
  const [editor, setEditor] = useState<{ open: boolean; creating: boolean; key: number }>({
    open: false,
    creating: false,
    key: 0,
  });
  const openEditor = (creating: boolean) => setEditor((e) => ({ open: true, creating, key: e.key + 1 }));
  const editing = funnels.find((f) => f.id === funnelId) ?? null;

  const series = data?.series ?? [];
  const split = params.breakdown !== 'none';
  const stepNames = data?.funnel.steps.map((s) => s.name) ?? [];
  const rows = stepNames.map((name, k) => {
    const row: Record<string, string | number | null> = { name };
    series.forEach((s, i) => {
      const step = s.steps[k];
      row[`s${i}`] = step?.count ?? 0;
      row[`d${i}`] = step?.dropOff ?? 0;
      row[`c${i}`] = formatShare(step?.conversionFromStart ?? null);
    });
    return row;
  });
  const entered = series.reduce((sum, s) => sum + (s.steps[0]?.count ?? 0), 0);
  const empty = noFunnels
    ? 'This product has no funnels'
    : !data
      ? null
      : data.rolledUpAt === null && data.stale
        ? 'Rolled up with an earlier version of this funnel'
        : !data.rolledUpAt
          ? 'Not rolled up for this range'
          : entered === 0
            ? 'Nobody entered this funnel in the range'
            : null;
  const whole = series[0];
  const last = whole?.steps.at(-1);

  return (
    <Card
      titleId="analytics-funnel-title"
      title="Funnel"
      subtitle={
        data
          ? `${data.funnel.name}: ${data.funnel.order}, within ${data.funnel.windowDays} days of entering; users who entered on the range's days${data.rolledUpAt ? ` · rolled up ${formatDateTime(data.rolledUpAt)}` : ''}`
          : 'Users who entered on the range’s days'
      }
      actions={
        <div className={styles.cardActions}>
          <select
            className="select select-sm"
            aria-label="Funnel"
            value={funnelId}
            onChange={(event) => setPicked(event.target.value)}
          >
            {funnels.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <Button size="sm" onClick={() => openEditor(false)} disabled={!editing}>
            Edit steps
          </Button>
          <Button size="sm" variant="ghost" onClick={() => openEditor(true)}>
            New funnel
          </Button>
          <CsvButton label="funnel" input={{ view: 'funnel', ...input }} />
        </div>
      }
      after={
        <FunnelEditor
          key={editor.key}
          open={editor.open}
          funnel={editor.creating ? null : editing}
          knownEvents={knownEventsOf(defs.data)}
          onClose={() => setEditor((e) => ({ ...e, open: false }))}
          onSaved={(id) => {
            setPicked(id);
            setEditor((e) => ({ ...e, open: false }));
          }}
        />
      }
    >
      <div className={styles.stack}>
        {data?.stale ? (
          <p className="alert alert-warning" role="status">
            Some days were rolled up with an earlier version of this funnel and are left out. Recompute the
            range to count them with the current steps.
          </p>
        ) : null}
        {data && !empty && whole && !split ? (
          <dl className={styles.figures} aria-label="Funnel summary">
            <div>
              <dt>Entered</dt>
              <dd>{formatCount(whole.steps[0]?.count)}</dd>
            </div>
            <div>
              <dt>Converted</dt>
              <dd>{formatCount(last?.count)}</dd>
            </div>
            <div>
              <dt>Conversion</dt>
              <dd>{formatShare(last?.conversionFromStart ?? null)}</dd>
            </div>
            <div title="From entering to the last step, among those who reached it">
              <dt>Median time to convert</dt>
              <dd>{formatDuration(whole.medianSecondsToConvert)}</dd>
            </div>
          </dl>
        ) : null}
        <ChartFrame
          query={{ ...query, isLoading: query.isLoading || defs.isLoading, error: query.error ?? defs.error }}
          empty={empty}
          emptyHint={
            noFunnels ? 'Create one with New funnel.' : data?.rolledUpAt ? undefined : NOT_ROLLED_UP_HINT
          }
          showTable
          label={`Bar chart of users reaching each step of ${data?.funnel.name ?? 'the funnel'}${split ? ` by ${params.breakdown}` : ''}, with conversion from the first step`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 20, right: 16, bottom: 0, left: -8 }}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis
                  dataKey="name"
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke={AXIS}
                  interval={0}
                />
                <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke={AXIS} />
                <Tooltip cursor={{ fill: CURSOR }} contentStyle={TOOLTIP} />
                {split ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
                {series.map((s, i) => (
                  <Bar
                    key={`s${i}`}
                    dataKey={`s${i}`}
                    name={split ? segmentLabel(s.segment) : 'Users'}
                    stackId={split ? undefined : 'funnel'}
                    fill={colorAt(i)}
                    maxBarSize={split ? 32 : 72}
                    isAnimationActive={false}
                  />
                ))}
                {split ? null : (
                  <Bar
                    dataKey="d0"
                    name="Dropped off"
                    stackId="funnel"
                    fill={DROP_OFF}
                    radius={[4, 4, 0, 0]}
                    maxBarSize={72}
                    isAnimationActive={false}
                  >
                    <LabelList dataKey="c0" position="top" fontSize={11} fill={AXIS} />
                  </Bar>
                )}
              </BarChart>
            </ResponsiveContainer>
          }
          table={
            <FigureTable
              caption="Funnel steps"
              header={[
                ...(split ? ['Segment'] : []),
                'Step',
                'Users',
                'From previous',
                'From start',
                'Dropped off',
                'Median time from previous',
              ]}
              rows={series.flatMap((s) =>
                s.steps.map((step) => [
                  ...(split ? [segmentLabel(s.segment)] : []),
                  `${step.index + 1}. ${step.name}`,
                  formatCount(step.count),
                  formatShare(step.conversionFromPrevious),
                  formatShare(step.conversionFromStart),
                  formatCount(step.dropOff),
                  formatDuration(step.medianSecondsFromPrevious),
                ]),
              )}
            />
          }
        />
      </div>
    </Card>
  );
}
