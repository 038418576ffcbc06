import { getBucketRanges } from '@bytelyst/routers/modules/experiments/assignment';
import type { TExperiment } from '@bytelyst/routers/modules/experiments/schema';
import Link from 'next/link';
import { targetingSummary } from '~/components/flags/flag-form';
import { Card } from '~/components/kit/card';
import { formatDateTime } from '~/lib/format';
import { BucketBar } from './bucket-bar';

const list = (keys: readonly string[]) => (keys.length ? keys.join(', ') : '—');

/** What the experiment is: hypothesis, the split as assignment computes it, hashing, targeting, metrics. */
export function DefinitionCard({ experiment: e }: { experiment: TExperiment }) {
  const ranges = getBucketRanges(
    e.variants.length,
    e.coverage,
    e.variants.map((v) => v.weight / 100),
  );
  return (
    <Card titleId="definition-title" title="Definition">
      <dl className="dl">
        <dt>Hypothesis</dt>
        <dd>{e.hypothesis || '—'}</dd>
        <dt>Variants</dt>
        <dd>
          <BucketBar ranges={ranges} labels={e.variants.map((v) => v.id)} />
        </dd>
        <dt>Coverage</dt>
        <dd>{Number((e.coverage * 100).toFixed(2))} %</dd>
        <dt>Hashing</dt>
        <dd>
          <span className="mono">{e.hashAttribute}</span>
          {e.fallbackAttribute ? (
            <>
              {' '}
              (<span className="mono">{e.fallbackAttribute}</span> before sign-in)
            </>
          ) : null}
          , v{e.hashVersion}, seed <span className="mono">{e.seed}</span>
        </dd>
        <dt>Namespace</dt>
        <dd>
          {e.namespace
            ? `${e.namespace[0]}: ${(e.namespace[1] * 100).toFixed(0)}–${(e.namespace[2] * 100).toFixed(0)} %`
            : '—'}
        </dd>
        <dt>Targeting</dt>
        <dd>
          {e.targetingRules.percentage} % · {targetingSummary(e.targetingRules).join(' · ')}
        </dd>
        <dt>Primary metric</dt>
        <dd className="mono">{e.primaryMetric}</dd>
        <dt>Secondary</dt>
        <dd className="mono">{list(e.secondaryMetrics)}</dd>
        <dt>Guardrails</dt>
        <dd className="mono">{list(e.guardrailMetrics)}</dd>
        <dt>Feature flag</dt>
        <dd>
          {e.flagKey ? (
            <Link className="table-link mono" href={`/flags?search=${encodeURIComponent(e.flagKey)}`}>
              {e.flagKey}
            </Link>
          ) : (
            '—'
          )}
        </dd>
        <dt>Analysis</dt>
        <dd>
          α {e.analysis.alpha} · {e.analysis.sequential ? 'sequential' : 'fixed horizon'} · CUPED{' '}
          {e.analysis.cuped ? `on (${e.analysis.preExposureDays} days before exposure)` : 'off'} · decision at{' '}
          {Math.round(e.analysis.decisionThreshold * 100)} %
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(e.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(e.startedAt)}</dd>
        {e.concludedAt ? (
          <>
            <dt>Concluded</dt>
            <dd>{formatDateTime(e.concludedAt)}</dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
