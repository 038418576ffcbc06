import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';

const names = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Every events view: a replay moves deliveries between them. */
export const invalidateEvents = (u: TrpcUtils) => [
  u.events.get.invalidate(),
  u.events.list.invalidate(),
  u.events.listDeadLetters.invalidate(),
  u.events.stats.invalidate(),
];

/** Replays one event's dead deliveries (or one subscriber's) and refreshes every events view. */
export function useReplayEvent() {
  const replay = trpc.events.replay.useMutation(
    useMutationFeedback({
      success: ({ event, replayed }) =>
        `Replaying ${event.type} to ${names(replayed)}. It is delivered again within seconds.`,
      invalidate: invalidateEvents,
    }),
  );
  /** True while this replay (of one subscriber, or of every dead delivery when none is given) is in flight. */
  const isReplaying = (id: string, subscriber?: string) =>
    replay.isPending && replay.variables?.id === id && replay.variables.subscriber === subscriber;
  return { mutate: replay.mutate, isReplaying };
}
