'use client';

import type { TExperimentResults } from '@bytelyst/routers/modules/experiments/results-schema';
import type { TExperiment } from '@bytelyst/routers/modules/experiments/schema';
import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { Icon } from '~/components/kit/icon';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { DefinitionCard } from './definition-card';
import { ExperimentActions } from './experiment-actions';
import styles from './experiments.module.css';
import { daysRunning, ExperimentStatusBadge, formatDays, formatP } from './labels';
import { ResultsSection } from './results-section';

/** Blocking: while the split is off, the results cannot be trusted and conclusion needs an override. */
function SrmBanner({ results }: { results: TExperimentResults }) {
  const split = results.units.map((u) => `${u.variantId} ${u.units.toLocaleString()}`).join(', ');
  return (
    <div className={`alert alert-error ${styles.banner}`} role="alert" aria-label="Sample ratio mismatch">
      <Icon name="alert" size={16} />
      <div>
        <p className={styles.bannerTitle}>Sample ratio mismatch: do not trust these results</p>
        <p>
          The units ({split}) are not split as the weights say (χ² {formatP(results.srm.pValue)}, the
          threshold is 0.001). Look for the cause first: weights changed while running, targeting that differs
          between variants, exposures lost or logged twice. Concluding needs an override reason.
        </p>
      </div>
    </div>
  );
}

function Stats({ experiment, results }: { experiment: TExperiment; results: TExperimentResults | null }) {
  const now = useNow(60_000);
  const units = results?.units.reduce((sum, u) => sum + u.units, 0);
  const cards = [
    { label: 'Units', value: units?.toLocaleString() ?? '—', hint: 'Exposed, over every variant' },
    {
      label: 'Running for',
      value: formatDays(daysRunning(experiment, now)),
      hint: `Since ${formatDateTime(experiment.startedAt)}`,
    },
    {
      label: 'Last results',
      value: results ? formatRelative(results.computedAt, now) : '—',
      hint: results ? formatDateTime(results.computedAt) : 'Not computed yet',
    },
    {
      label: 'Sample ratio',
      value: results ? (results.srm.mismatch ? 'Mismatch' : 'OK') : '—',
      hint: results ? `χ² ${formatP(results.srm.pValue)}` : 'Checked with the results',
      danger: results?.srm.mismatch,
    },
  ];
  return (
    <section className="grid grid-stats" aria-label="Experiment at a glance">
      {cards.map((card) => (
        <div className={card.danger ? 'card stat stat-danger' : 'card stat'} key={card.label}>
          <p className="stat-label">{card.label}</p>
          <p className="stat-value">{card.value}</p>
          <p className="stat-hint">{card.hint}</p>
        </div>
      ))}
    </section>
  );
}

function ConclusionCard({ experiment: e }: { experiment: TExperiment }) {
  const c = e.conclusion;
  if (!c) return null;
  const rollout = {
    on: `Flag ${e.flagKey} rolled out to 100 %.`,
    off: `Flag ${e.flagKey} turned off.`,
    unchanged: e.flagKey ? `Flag ${e.flagKey} left as it was.` : 'No flag backs this experiment.',
  }[c.flagRollout];
  return (
    <Card titleId="conclusion-title" title="Conclusion">
      <dl className="dl">
        <dt>Decision</dt>
        <dd>{e.winningVariant ? `${e.winningVariant} wins` : 'Stopped without a winner'}</dd>
        <dt>Reason</dt>
        <dd>{c.reason}</dd>
        {c.srmOverrideReason ? (
          <>
            <dt>SRM override</dt>
            <dd>{c.srmOverrideReason}</dd>
          </>
        ) : null}
        <dt>Flag</dt>
        <dd>{rollout}</dd>
        <dt>By</dt>
        <dd>
          <UserRef userId={c.concludedBy} /> · {formatDateTime(e.concludedAt)}
        </dd>
      </dl>
    </Card>
  );
}

export function ExperimentDetailView({ id }: { id: string }) {
  const query = trpc.experiments.get.useQuery({ id });
  const resultsQuery = trpc.experiments.getResults.useQuery(
    { id },
    { enabled: query.data !== undefined && query.data.status !== 'draft' },
  );
  const breadcrumb = (
    <>
      <Link href="/experiments">Experiments</Link>
      <span aria-hidden="true">/</span>
      <span>{id}</span>
    </>
  );
  const state = detailState(query, {
    noun: 'Experiment',
    breadcrumb,
    notFound: {
      title: 'This experiment does not exist in the selected product',
      body: <Link href="/experiments">Back to the experiments</Link>,
    },
  });
  if (state || !query.data) return state;
  const e = query.data;
  const results = resultsQuery.data?.results ?? e.results;
  return (
    <>
      <PageHeader
        title={e.name}
        breadcrumb={breadcrumb}
        description={
          <span className="row">
            <ExperimentStatusBadge status={e.status} /> <code>{e.key}</code>
            {e.flagKey ? <span className="muted">backs flag {e.flagKey}</span> : null}
          </span>
        }
        actions={<ExperimentActions experiment={e} results={results} />}
      />
      <div className="stack">
        {results?.srm.mismatch && e.status !== 'concluded' ? <SrmBanner results={results} /> : null}
        {e.status === 'draft' ? null : <Stats experiment={e} results={results} />}
        <ConclusionCard experiment={e} />
        <ResultsSection experiment={e} />
        <DefinitionCard experiment={e} />
      </div>
    </>
  );
}
