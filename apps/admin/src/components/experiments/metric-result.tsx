'use client';

import type { TMetricResult, TVariantResult } from '@bytelyst/routers/modules/experiments/results-schema';
import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import styles from './experiments.module.css';
import {
  formatInterval,
  formatLift,
  formatMetricValue,
  formatPercent,
  formatPValue,
  KIND_LABELS,
  variantColor,
} from './labels';
import { IntervalChart } from './lift-charts';

export type Engine = 'frequentist' | 'bayesian';

const ROLE_LABELS: Record<TMetricResult['role'], string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  guardrail: 'Guardrail',
};

const ISSUES: Record<string, string> = {
  'too-few-units': 'Too few units to compare yet',
  'baseline-zero': 'Control is 0: a relative lift is undefined',
  'zero-variance': 'No variation in the data yet',
};

/** CUPED's share of the lift's variance removed, or why there is none. */
const cupedText = (reduction: number | null, on: boolean) => {
  if (reduction === null) return on ? 'Not applicable' : 'Off';
  return reduction < 0.0005 ? 'No reduction' : `−${formatPercent(reduction)} variance`;
};

const liftOf = (t: TVariantResult, engine: Engine) => (engine === 'bayesian' ? t.bayesian : t.frequentist);

/** Better in the metric's direction: green; worse: red; the sign alone says nothing about good or bad. */
const liftClass = (lift: number, direction: 'higher' | 'lower') => {
  if (lift === 0) return '';
  return lift > 0 === (direction === 'higher') ? styles.positive : styles.negative;
};

function Decision({ t }: { t: TVariantResult }) {
  if (t.bayesian.decision === 'treatment') return <Badge tone="success">Beats control</Badge>;
  if (t.bayesian.decision === 'control') return <Badge tone="danger">Loses to control</Badge>;
  return null;
}

/** One metric's results: per-variant units and values, lift with interval, chance to win, p-value, CUPED. */
export function MetricResultCard({
  metric,
  engine,
  cuped,
}: {
  metric: TMetricResult;
  engine: Engine;
  cuped: boolean;
}) {
  const titleId = `metric-${metric.metricKey}-title`;
  const adjusted = metric.treatments.length > 1;
  const kind = KIND_LABELS[metric.kind as keyof typeof KIND_LABELS] ?? metric.kind;
  const subtitle = (
    <span className={styles.metricHeader}>
      <Badge
        tone={metric.role === 'guardrail' ? 'warning' : metric.role === 'primary' ? 'accent' : 'neutral'}
      >
        {ROLE_LABELS[metric.role]}
      </Badge>
      <span>
        {kind} · {metric.direction === 'higher' ? 'higher' : 'lower'} is better
      </span>
      {metric.harmed ? <Badge tone="danger">Guardrail harmed</Badge> : null}
    </span>
  );
  const rows = metric.treatments.flatMap((t) =>
    t.issue
      ? []
      : [
          {
            variant: metric.variants[t.variationIndex]?.variantId ?? String(t.variationIndex),
            lift: liftOf(t, engine).lift,
            range: liftOf(t, engine).ci,
          },
        ],
  );
  return (
    <Card titleId={titleId} title={metric.name} subtitle={subtitle}>
      {metric.error ? (
        <p className="alert alert-warning">{metric.error}</p>
      ) : (
        <div className="stack">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Variant</th>
                  <th scope="col">Units</th>
                  <th scope="col">{metric.kind === 'conversion' ? 'Conversion' : 'Per unit'}</th>
                  <th scope="col">Lift</th>
                  <th scope="col">
                    {engine === 'bayesian' ? '95 % credible interval' : '95 % confidence interval'}
                  </th>
                  <th scope="col">Chance to win</th>
                  <th scope="col">{adjusted ? 'p-value (Holm)' : 'p-value'}</th>
                  <th scope="col">CUPED</th>
                </tr>
              </thead>
              <tbody>
                {metric.variants.map((v) => {
                  const t = metric.treatments.find((x) => x.variationIndex === v.variationIndex);
                  const lift = t ? liftOf(t, engine) : null;
                  return (
                    <tr key={v.variantId}>
                      <td className="cell-primary nowrap">
                        <span
                          className={styles.swatch}
                          style={{ background: variantColor(v.variationIndex) }}
                          aria-hidden="true"
                        />
                        <span className="mono">{v.variantId}</span>
                      </td>
                      <td className="tabular">{v.units.toLocaleString()}</td>
                      <td className="tabular">{formatMetricValue(v.mean, metric.kind)}</td>
                      {v.variationIndex === 0 ? (
                        <td colSpan={5} className="cell-muted">
                          Baseline
                        </td>
                      ) : !t || !lift ? (
                        <td colSpan={5} className="cell-muted">
                          Not compared yet
                        </td>
                      ) : t.issue ? (
                        <td colSpan={5} className="cell-muted">
                          {ISSUES[t.issue] ?? t.issue}
                        </td>
                      ) : (
                        <>
                          <td
                            className={`tabular ${styles.liftCell} ${liftClass(lift.lift, metric.direction)}`}
                          >
                            {formatLift(lift.lift)}
                          </td>
                          <td className="tabular nowrap">{formatInterval(lift.ci)}</td>
                          <td className="tabular">
                            <div className="stack-tight">
                              <span>{formatPercent(t.bayesian.chanceToWin)}</span>
                              <Decision t={t} />
                            </div>
                          </td>
                          <td className="tabular">
                            {formatPValue(adjusted ? t.frequentist.pValueAdjusted : t.frequentist.pValue)}
                            {t.frequentist.significant ? <span className="muted"> · significant</span> : null}
                          </td>
                          <td className="tabular">{cupedText(t.cupedVarianceReduction, cuped)}</td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length > 0 ? (
            <IntervalChart
              rows={rows}
              direction={metric.direction}
              label={`Relative lift of ${metric.name} against control with its ${
                engine === 'bayesian' ? 'credible' : 'confidence'
              } interval`}
            />
          ) : null}
        </div>
      )}
    </Card>
  );
}
