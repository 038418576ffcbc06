'use client';

import type { TExperimentResults } from '@bytelyst/routers/modules/experiments/results-schema';
import type { TExperiment } from '@bytelyst/routers/modules/experiments/schema';
import { useState } from 'react';
import { Switch } from '~/components/flags/switch';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { useToast } from '~/components/kit/toast';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './experiments.module.css';
import { formatP, formatPercent, variantColor } from './labels';
import { LiftHistoryChart } from './lift-charts';
import { type Engine, MetricResultCard } from './metric-result';

function UnitsTable({ experiment, results }: { experiment: TExperiment; results: TExperimentResults }) {
  const total = results.units.reduce((sum, u) => sum + u.units, 0);
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Weight</th>
            <th scope="col">Units</th>
            <th scope="col">Observed share</th>
          </tr>
        </thead>
        <tbody>
          {results.units.map((u) => (
            <tr key={u.variantId}>
              <td className="cell-primary">
                <span
                  className={styles.swatch}
                  style={{ background: variantColor(u.variationIndex) }}
                  aria-hidden="true"
                />
                <span className="mono">{u.variantId}</span>
              </td>
              <td className="tabular">{experiment.variants[u.variationIndex]?.weight ?? '—'} %</td>
              <td className="tabular">{u.units.toLocaleString()}</td>
              <td className="tabular">{total > 0 ? formatPercent(u.units / total) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The results of a started experiment: units against the weights (the SRM check), every metric's comparison,
 * and the primary lift over time. Refresh computes now; the CUPED switch changes the experiment's analysis and
 * computes again, so the same numbers come back with and without the covariate.
 */
export function ResultsSection({ experiment }: { experiment: TExperiment }) {
  const id = experiment.id;
  const utils = trpc.useUtils();
  const toast = useToast();
  const query = trpc.experiments.getResults.useQuery({ id }, { enabled: experiment.status !== 'draft' });
  const [engine, setEngine] = useState<Engine>('frequentist');
  const [refreshing, setRefreshing] = useState(false);

  const refresh = async (message: string) => {
    setRefreshing(true);
    try {
      const data = await utils.experiments.getResults.fetch({ id, refresh: true }, { staleTime: 0 });
      utils.experiments.getResults.setData({ id }, data);
      await Promise.all([utils.experiments.get.invalidate({ id }), utils.experiments.list.invalidate()]);
      toast.success(message);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setRefreshing(false);
    }
  };
  const cuped = trpc.experiments.update.useMutation(
    useMutationFeedback({
      onDone: (e) =>
        void refresh(
          e.analysis.cuped
            ? 'CUPED is on; results were computed again.'
            : 'CUPED is off; results were computed again.',
        ),
    }),
  );

  if (experiment.status === 'draft') {
    return (
      <Card titleId="results-title" title="Results">
        <EmptyState title="No results before the start">
          Start the experiment: clients are then assigned and their exposures recorded.
        </EmptyState>
      </Card>
    );
  }
  if (query.error) {
    return (
      <Card titleId="results-title" title="Results">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  }
  const data = query.data;
  const results = data?.results ?? null;
  const concluded = experiment.status === 'concluded';
  const cupedOn = experiment.analysis.cuped;

  const actions = (
    <div className={styles.resultsActions}>
      <span className="checkbox-row">
        <Switch
          checked={cupedOn}
          label="CUPED"
          disabled={concluded || cuped.isPending || refreshing}
          onChange={(next) => cuped.mutate({ id, analysis: { cuped: next } })}
        />
        <span aria-hidden="true">CUPED</span>
      </span>
      <select
        className="select select-sm"
        aria-label="Intervals"
        value={engine}
        onChange={(event) => setEngine(event.target.value as Engine)}
      >
        <option value="frequentist">Frequentist</option>
        <option value="bayesian">Bayesian</option>
      </select>
      <Button size="sm" loading={refreshing} onClick={() => void refresh('Results were computed.')}>
        Refresh results
      </Button>
    </div>
  );

  return (
    <>
      <Card
        titleId="results-title"
        title="Results"
        subtitle={
          results ? (
            <span title={formatDateTime(results.computedAt)}>
              Computed {formatRelative(results.computedAt)} (
              {results.trigger === 'job' ? 'hourly job' : 'on demand'}) · data{' '}
              {formatDateTime(results.window.from)} to {formatDateTime(results.window.to)}
              {concluded ? ' · concluded: CUPED can no longer change' : ''}
            </span>
          ) : (
            'Not computed yet'
          )
        }
        actions={actions}
      >
        {results ? (
          <div className="stack">
            <UnitsTable experiment={experiment} results={results} />
            <p className={results.srm.mismatch ? 'error-text' : 'muted'}>
              Sample ratio check: χ² = {results.srm.chiSquared.toFixed(2)}, {formatP(results.srm.pValue)}
              {results.srm.mismatch
                ? ' — the split is not what the weights say.'
                : ' — the split matches the weights.'}
            </p>
          </div>
        ) : data ? (
          <EmptyState title="Nothing computed yet">Refresh to compute the results now.</EmptyState>
        ) : (
          <span className="skeleton" />
        )}
      </Card>
      {results?.metrics.map((metric) => (
        <MetricResultCard
          key={`${metric.role}-${metric.metricKey}`}
          metric={metric}
          engine={engine}
          cuped={cupedOn}
        />
      ))}
      {data ? (
        <Card
          titleId="lift-history-title"
          title="Lift over time"
          subtitle="Primary metric, first treatment against control, at each computation (frequentist, 95 % interval)"
        >
          <LiftHistoryChart history={data.history} />
        </Card>
      ) : null}
    </>
  );
}
