'use client';

import type { TClusterStatus } from '@bytelyst/routers/modules/telemetry/schema';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

const DONE: Record<TClusterStatus, string> = {
  open: 'Cluster reopened.',
  resolved: 'Cluster resolved: it reopens as a regression if it occurs again.',
  ignored: 'Cluster ignored: new occurrences are still counted.',
};

/** Changes a cluster's status with a toast, then refreshes the lists and the detail. */
export function useClusterStatus() {
  const mutation = trpc.telemetry.clusters.update.useMutation(
    useMutationFeedback({
      success: (cluster) => DONE[cluster.status],
      invalidate: (u) => [u.telemetry.clusters.invalidate()],
    }),
  );
  return {
    set: (id: string, status: TClusterStatus) => mutation.mutate({ id, status }),
    isPending: (id: string) => mutation.isPending && mutation.variables?.id === id,
  };
}
