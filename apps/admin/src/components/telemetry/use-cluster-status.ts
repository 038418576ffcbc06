'use client';

import type { TClusterStatus } from '@bytelyst/routers/modules/telemetry/schema';
import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const DONE: Record<TClusterStatus, string> = {
  open: 'Cluster reopened.',
  resolved: 'Cluster resolved: it reopens as a regression if it occurs again.',
  ignored: 'Cluster ignored: new occurrences are still counted.',
};

/** Changes a cluster's status with a toast, then refreshes the lists and the detail. */
export function useClusterStatus() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const mutation = trpc.telemetry.clusters.update.useMutation({
    onSuccess: async (cluster) => {
      toast.success(DONE[cluster.status]);
      await utils.telemetry.clusters.invalidate();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return {
    set: (id: string, status: TClusterStatus) => mutation.mutate({ id, status }),
    isPending: (id: string) => mutation.isPending && mutation.variables?.id === id,
  };
}
