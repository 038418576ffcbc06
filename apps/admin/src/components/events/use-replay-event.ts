import { useToast } from '~/components/kit/toast';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const names = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Replays one event's dead deliveries (or one subscriber's) and refreshes every events view. */
export function useReplayEvent() {
  const utils = trpc.useUtils();
  const toast = useToast();
  const replay = trpc.events.replay.useMutation({
    onSuccess: async ({ event, replayed }) => {
      toast.success(`Replaying ${event.type} to ${names(replayed)}. It is delivered again within seconds.`);
      await Promise.all([
        utils.events.get.invalidate(),
        utils.events.list.invalidate(),
        utils.events.deadLetters.invalidate(),
        utils.events.stats.invalidate(),
      ]);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  /** True while this replay (of one subscriber, or of every dead delivery when none is given) is in flight. */
  const isReplaying = (id: string, subscriber?: string) =>
    replay.isPending && replay.variables?.id === id && replay.variables.subscriber === subscriber;
  return { mutate: replay.mutate, isReplaying };
}
