import type { TJobInfo } from '@bytelyst/routers/modules/jobs/schema';
import { useToast } from '~/components/kit/toast';
import { errorCodeOf, errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';

/** Run now, pause and resume, with their toasts; the jobs table and the run history refresh after each. */
export function useJobActions() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const refresh = () => Promise.all([utils.jobs.list.invalidate(), utils.jobs.runs.invalidate()]);
  // Pause and resume answer with the job itself: show it at once rather than after the refetch.
  const showJob = (job: TJobInfo) =>
    utils.jobs.list.setData(undefined, (old) =>
      old ? { items: old.items.map((item) => (item.name === job.name ? job : item)) } : old,
    );
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const trigger = trpc.jobs.trigger.useMutation({
    onSuccess: async (run) => {
      toast.success(`${run.jobName} started. Its outcome appears in the run history.`);
      await refresh();
    },
    onError: (error, { name }) =>
      toast.error(
        errorCodeOf(error) === 'CONFLICT'
          ? `${name} is already running. Wait for that run to finish.`
          : errorMessage(error),
      ),
  });
  const pause = trpc.jobs.pause.useMutation({
    onSuccess: async (job) => {
      showJob(job);
      toast.success(`${job.name} is paused. Its slots pass without runs until it is resumed.`);
      await refresh();
    },
    onError,
  });
  const resume = trpc.jobs.resume.useMutation({
    onSuccess: async (job) => {
      showJob(job);
      toast.success(`${job.name} is resumed. Next run: ${formatDateTime(job.nextRuns[0])}.`);
      await refresh();
    },
    onError,
  });

  return {
    trigger: (name: string) => trigger.mutate({ name }),
    setEnabled: (name: string, enabled: boolean) => (enabled ? resume : pause).mutate({ name }),
    isTriggering: (name: string) => trigger.isPending && trigger.variables?.name === name,
    isToggling: (name: string) =>
      (pause.isPending && pause.variables?.name === name) ||
      (resume.isPending && resume.variables?.name === name),
  };
}
