'use client';

import type { TErrorCluster } from '@bytelyst/routers/modules/telemetry/schema';
import { Button } from '~/components/kit/button';
import { useClusterStatus } from './use-cluster-status';

/** Resolve / ignore / reopen, whichever apply to the cluster's current status. */
export function ClusterActions({ cluster, label }: { cluster: TErrorCluster; label: string }) {
  const status = useClusterStatus();
  const pending = status.isPending(cluster.id);
  return (
    <div className="btn-group btn-group-end">
      {cluster.status === 'open' ? (
        <>
          <Button
            size="sm"
            aria-label={`Resolve ${label}`}
            disabled={pending}
            onClick={() => status.set(cluster.id, 'resolved')}
          >
            Resolve
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Ignore ${label}`}
            disabled={pending}
            onClick={() => status.set(cluster.id, 'ignored')}
          >
            Ignore
          </Button>
        </>
      ) : (
        <Button
          size="sm"
          aria-label={`Reopen ${label}`}
          disabled={pending}
          onClick={() => status.set(cluster.id, 'open')}
        >
          Reopen
        </Button>
      )}
    </div>
  );
}
