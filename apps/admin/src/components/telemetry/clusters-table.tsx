'use client';

import type { TErrorCluster } from '@bytelyst/routers/modules/telemetry/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatRelative } from '~/lib/format';
import { ClusterActions } from './cluster-actions';
import styles from './telemetry.module.css';
import { ClusterStatusBadge, LevelBadge } from './telemetry-badges';

const COLUMNS: readonly Column[] = [
  { label: 'Error' },
  { label: 'Count' },
  { label: 'Users' },
  { label: 'Seen' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { clusters: readonly TErrorCluster[]; filtered: boolean; now: number };

export function ClustersTable({ clusters, filtered, now, ...state }: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={clusters}
      emptyTitle={filtered ? 'No clusters with this status' : 'No client errors yet'}
      emptyHint={
        filtered ? 'Choose another status.' : 'Error and fatal events are grouped here by their fingerprint.'
      }
      renderRow={(cluster) => (
        <tr key={cluster.id}>
          <td>
            <div className="row row-tight">
              <LevelBadge level={cluster.level} />
              <Link
                className={`table-link ${styles.title}`}
                href={`/telemetry/clusters/${cluster.id}`}
                title={cluster.title}
              >
                {cluster.title}
              </Link>
            </div>
            <div className="cell-secondary">
              <span className="mono">{cluster.id.slice(0, 12)}</span> · {cluster.platforms.join(', ')} ·{' '}
              {cluster.appVersions.length === 1
                ? `v${cluster.appVersions[0]}`
                : `${cluster.appVersions.length} versions`}
            </div>
          </td>
          <td className="tabular">{cluster.count.toLocaleString()}</td>
          <td className="tabular" title="Estimated from users and devices that reported it">
            {cluster.affectedUsers.toLocaleString()}
          </td>
          <td className="nowrap">
            <div title={`Last seen ${formatDateTime(cluster.lastSeenAt)}`}>
              Last {formatRelative(cluster.lastSeenAt, now)}
            </div>
            <div className="cell-secondary" title={`First seen ${formatDateTime(cluster.firstSeenAt)}`}>
              First {formatRelative(cluster.firstSeenAt, now)}
            </div>
          </td>
          <td>
            <ClusterStatusBadge status={cluster.status} regression={cluster.regression} />
          </td>
          <td className="cell-actions">
            <ClusterActions cluster={cluster} label={cluster.title} />
          </td>
        </tr>
      )}
    />
  );
}
