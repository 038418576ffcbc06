'use client';

import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { tableStateOf } from '~/components/kit/data-table';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { ClusterActions } from './cluster-actions';
import { EventsTable } from './events-table';
import styles from './telemetry.module.css';
import { ClusterStatusBadge, LevelBadge } from './telemetry-badges';

export function ClusterDetailView({ id }: { id: string }) {
  const now = useNow();
  const cluster = trpc.telemetry.clusters.get.useQuery({ id });
  const breadcrumb = (
    <>
      <Link href="/telemetry/clusters">Error clusters</Link>
      <span aria-hidden="true">/</span>
      <span className="mono">{id.slice(0, 12)}</span>
    </>
  );
  const state = detailState(cluster, {
    noun: 'Error cluster',
    breadcrumb,
    notFound: {
      title: 'No error cluster has this fingerprint in this product',
      body: <Link href="/telemetry/clusters">Back to error clusters</Link>,
    },
  });
  if (state || !cluster.data) return state;
  const data = cluster.data;

  return (
    <>
      <PageHeader
        title={data.title}
        breadcrumb={breadcrumb}
        description={
          <span className="row">
            <LevelBadge level={data.level} />
            <ClusterStatusBadge status={data.status} regression={data.regression} />
            <span>
              {data.count.toLocaleString()} occurrences, last {formatRelative(data.lastSeenAt, now)}
            </span>
          </span>
        }
        actions={<ClusterActions cluster={data} label="this cluster" />}
      />
      <div className="grid grid-halves">
        <Card titleId="cluster-facts" title="Overview">
          <dl className="dl">
            <dt>Fingerprint</dt>
            <dd className="mono">{data.id}</dd>
            <dt>Occurrences</dt>
            <dd className="tabular">{data.count.toLocaleString()}</dd>
            <dt>Affected users</dt>
            <dd className="tabular">≈ {data.affectedUsers.toLocaleString()}</dd>
            <dt>First seen</dt>
            <dd>{formatDateTime(data.firstSeenAt)}</dd>
            <dt>Last seen</dt>
            <dd>{formatDateTime(data.lastSeenAt)}</dd>
            <dt>Platforms</dt>
            <dd>{data.platforms.join(', ')}</dd>
            <dt>App versions</dt>
            <dd>{data.appVersions.join(', ')}</dd>
            <dt>Status changed</dt>
            <dd>{data.statusChangedAt ? formatDateTime(data.statusChangedAt) : 'Never'}</dd>
          </dl>
        </Card>
        <Card
          titleId="cluster-sample"
          title="Latest sample"
          subtitle={data.sampleMessage ?? 'No sample kept'}
        >
          {data.sampleStack ? (
            <pre className={`code-block ${styles.stack}`}>
              <code>{data.sampleStack}</code>
            </pre>
          ) : (
            <p className="muted">No stack was sent with this error.</p>
          )}
        </Card>
      </div>
      <Card
        titleId="cluster-events"
        title="Recent events"
        subtitle={<Link href={`/telemetry?fingerprint=${data.id}`}>All events of this cluster</Link>}
        bodyClassName="card-body-flush"
      >
        <EventsTable events={data.recentEvents} {...tableStateOf(cluster)} filtered={false} now={now} />
      </Card>
    </>
  );
}
