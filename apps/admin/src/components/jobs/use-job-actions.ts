import type { TJobInfo } from '@bytelyst/routers/modules/jobs/schema';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorCodeOf, errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';

/** Run now, pause and resume, with their toasts; the jobs table and the run history refresh after each. */
export function useJobActions() {
  const utils = trpc.useUtils();
  // Pause and resume answer with the job itself: show it at once rather than after the refetch.
  const showJob = (job: TJobInfo) =>
    utils.jobs.list.setData(undefined, (old) =>
      old ? { items: old.items.map((item) => (item.name === job.name ? job : item)) } : old,
    );
  const refresh = (u: TrpcUtils) => [u.jobs.list.invalidate(), u.jobs.listRuns.invalidate()];

  const trigger = trpc.jobs.trigger.useMutation(
    useMutationFeedback({
      success: (run) => `${run.jobName} started. Its outcome appears in the run history.`,
      invalidate: refresh,
      error: (error, { name }: { name: string }) =>
        errorCodeOf(error) === 'CONFLICT'
          ? `${name} is already running. Wait for that run to finish.`
          : errorMessage(error),
    }),
  );
  const pause = trpc.jobs.pause.useMutation(
    useMutationFeedback({
      success: (job) => `${job.name} is paused. Its slots pass without runs until it is resumed.`,
      onDone: showJob,
      invalidate: refresh,
    }),
  );
  const resume = trpc.jobs.resume.useMutation(
    useMutationFeedback({
      success: (job) => `${job.name} is resumed. Next run: ${formatDateTime(job.nextRuns[0])}.`,
      onDone: showJob,
      invalidate: refresh,
    }),
  );

  return {
    trigger: (name: string) => trigger.mutate({ name }),
    setEnabled: (name: string, enabled: boolean) => (enabled ? resume : pause).mutate({ name }),
    isTriggering: (name: string) => trigger.isPending && trigger.variables?.name === name,
    isToggling: (name: string) =>
      (pause.isPending && pause.variables?.name === name) ||
      (resume.isPending && resume.variables?.name === name),
  };
}
