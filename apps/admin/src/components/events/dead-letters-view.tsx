'use client';

import type { TDeadLetter } from '@bytelyst/routers/modules/events/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import { Pager } from '~/components/kit/pager';
import { useEventScope } from '~/hooks/use-event-scope';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { DeadLettersTable } from './dead-letters-table';
import { EventsHeader } from './events-header';
import { DEAD_LETTERS_LIST, deadLettersListInput, deadLettersMatch } from './events-list';
import { ReplayAllDialog } from './replay-all-dialog';
import { useEventTypeOptions } from './use-event-types';
import { invalidateEvents, useReplayEvent } from './use-replay-event';

/** New dead letters appear without a reload; they are rare, so a slow refresh is enough. */
const REFRESH_MS = 10_000;

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function DeadLettersView() {
  const { scope, setScope } = useEventScope();
  const { filters, changeFilters, clearFilters, pager, page } = useListState(DEAD_LETTERS_LIST);
  const [confirming, setConfirming] = useState(false);
  const now = useNow();
  const replay = useReplayEvent();
  const typeOptions = useEventTypeOptions();
  const subscribers = trpc.events.listSubscribers.useQuery(undefined, {
    staleTime: Number.POSITIVE_INFINITY,
  });

  const match = deadLettersMatch(filters, scope);
  const list = trpc.events.listDeadLetters.useQuery(deadLettersListInput(filters, page, scope), {
    ...KEEP_PREVIOUS,
    refetchInterval: REFRESH_MS,
  });
  const replayAll = trpc.events.replayDeadLetters.useMutation(
    useMutationFeedback({
      success: (result) =>
        result.deliveries === 0
          ? 'Nothing to replay: no dead letters match.'
          : `Replaying ${count(result.deliveries, 'delivery', 'deliveries')} of ${count(result.events, 'event', 'events')}.${
              result.more ? ' More matched than one run replays: run it again.' : ''
            }`,
      onDone: () => setConfirming(false),
      invalidate: invalidateEvents,
      error: false,
    }),
  );

  const onReplay = (letter: TDeadLetter) =>
    replay.mutate({
      id: letter.eventId,
      subscriber: letter.subscriber,
      // Outside the current product the API must be told where the event lives.
      ...(scope === 'current' ? {} : { productId: letter.productId }),
    });
  const letters = list.data?.items ?? [];
  const morePages = Boolean(list.data?.nextCursor);

  return (
    <>
      <EventsHeader tab="dead-letters" scope={scope} onScopeChange={setScope} />
      <search className="filters">
        <SelectField
          label="Type"
          value={filters.type}
          options={typeOptions}
          onChange={(event) => changeFilters({ ...filters, type: event.target.value })}
        />
        <SelectField
          label="Subscriber"
          value={filters.subscriber}
          options={[
            { value: '', label: 'All subscribers' },
            ...(subscribers.data?.items ?? []).map((s) => ({ value: s.name, label: s.name })),
          ]}
          onChange={(event) => changeFilters({ ...filters, subscriber: event.target.value })}
        />
        {filters.type || filters.subscriber ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
        <span className="spacer" />
        <Button
          variant="primary"
          disabled={letters.length === 0 && !morePages}
          onClick={() => {
            replayAll.reset();
            setConfirming(true);
          }}
        >
          <Icon name="replay" size={14} />
          Replay all matching
        </Button>
      </search>
      <section className="card" aria-label="Dead letters">
        <DeadLettersTable
          letters={letters}
          {...tableStateOf(list)}
          scope={scope}
          filtered={Boolean(filters.type || filters.subscriber)}
          now={now}
          isReplaying={(letter) => replay.isReplaying(letter.eventId, letter.subscriber)}
          onReplay={onReplay}
        />
        <Pager pager={pager} data={list.data} noun="dead letters" />
      </section>
      <ReplayAllDialog
        open={confirming}
        scope={scope}
        type={filters.type}
        subscriber={filters.subscriber}
        shown={letters.length}
        morePages={morePages}
        pending={replayAll.isPending}
        error={replayAll.error}
        onConfirm={() => replayAll.mutate(match)}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
