import type { TMigration } from '@bytelyst/routers/modules/migrations/schema';
import { useToast } from '~/components/kit/toast';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

export type MigrationAction = 'approve' | 'retry' | 'rollback';

const STATUS_WORDS: Partial<Record<TMigration['status'], string>> = {
  applied: 'is applied',
  rolled_back: 'is rolled back',
  running: 'is running',
};

/**
 * Approve, retry and roll back; the list refreshes after each. The call succeeds when the migration ran, so a
 * run that failed is told as an error, with the migration's own error.
 */
export function useMigrationActions(onDone: () => void) {
  const toast = useToast();
  const told = (m: TMigration) => {
    if (m.status === 'failed') toast.error(`${m.id} failed: ${m.error ?? 'no error was recorded'}`);
    else toast.success(`${m.id} ${STATUS_WORDS[m.status] ?? `is ${m.status}`}.`);
    onDone();
  };
  const feedback = {
    onDone: told,
    invalidate: (u: TrpcUtils) => [u.migrations.list.invalidate()],
    error: false as const,
  };
  const approve = trpc.migrations.approve.useMutation(useMutationFeedback(feedback));
  const retry = trpc.migrations.retry.useMutation(useMutationFeedback(feedback));
  const rollback = trpc.migrations.rollback.useMutation(useMutationFeedback(feedback));
  const mutations = { approve, retry, rollback };
  return {
    run: (action: MigrationAction, id: string) => mutations[action].mutate({ id }),
    pending: (action: MigrationAction) => mutations[action].isPending,
    error: (action: MigrationAction) => mutations[action].error,
    reset: () => {
      approve.reset();
      retry.reset();
      rollback.reset();
    },
  };
}
