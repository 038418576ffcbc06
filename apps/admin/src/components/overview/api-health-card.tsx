'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { formatDateTime } from '~/lib/format';
import styles from './overview.module.css';

type Health = { ok: boolean; status: number; latencyMs: number; details: unknown };

const fetchHealth = async (): Promise<Health> => {
  const response = await fetch('/api/health', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Health check failed (${response.status})`);
  return (await response.json()) as Health;
};

type Check = { name: string; ok: boolean; ms: number | undefined };

/** Dependency checks from the API's /health/ready body: `{ dependencies: { store: { ok, ms } } }`. */
function checksOf(details: unknown): Check[] {
  const deps = (details as { dependencies?: unknown; checks?: unknown } | null) ?? {};
  const source = deps.dependencies ?? deps.checks;
  if (!source || typeof source !== 'object') return [];
  return Object.entries(source as Record<string, unknown>).map(([name, value]) => {
    const check = (value ?? {}) as { ok?: unknown; ms?: unknown };
    return {
      name,
      ok: check.ok === true || value === true,
      ms: typeof check.ms === 'number' ? check.ms : undefined,
    };
  });
}

const CHECK_LABELS: Record<string, string> = { store: 'Document store', blob: 'Blob storage' };

export function ApiHealthCard() {
  const health = useQuery({ queryKey: ['api-health'], queryFn: fetchHealth, refetchInterval: 30_000 });
  const data = health.data;
  const state = health.isLoading ? 'checking' : data?.ok ? 'ok' : 'down';
  const checks = checksOf(data?.details);

  return (
    <Card
      titleId="api-health-title"
      title="API health"
      subtitle="Readiness of the API, its store and blob storage"
      bodyClassName="stack"
      actions={
        <Button size="sm" variant="ghost" onClick={() => void health.refetch()} loading={health.isFetching}>
          Recheck
        </Button>
      }
    >
      <div className={styles.health}>
        <span
          className={`${styles.healthDot} ${state === 'ok' ? styles.healthDotOk : state === 'down' ? styles.healthDotDown : ''}`}
          aria-hidden="true"
        />
        <strong>{state === 'checking' ? 'Checking…' : state === 'ok' ? 'Operational' : 'Unavailable'}</strong>
        {data ? <span className="muted">{data.latencyMs} ms</span> : null}
      </div>
      {checks.length > 0 ? (
        <dl className="dl dl-compact">
          {checks.map((check) => (
            <div key={check.name} style={{ display: 'contents' }}>
              <dt>{CHECK_LABELS[check.name] ?? check.name}</dt>
              <dd className="row">
                <Badge tone={check.ok ? 'success' : 'danger'} dot>
                  {check.ok ? 'Healthy' : 'Failing'}
                </Badge>
                {check.ms === undefined ? null : <span className="muted nowrap">{check.ms} ms</span>}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {health.dataUpdatedAt ? (
        <p className="field-hint">Last checked {formatDateTime(health.dataUpdatedAt)}</p>
      ) : null}
    </Card>
  );
}
