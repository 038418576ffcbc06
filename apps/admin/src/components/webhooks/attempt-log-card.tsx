'use client';

import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { ATTEMPT_FILTER_KEYS, ATTEMPTS_LIST, type AttemptFilters, attemptsListInput } from './attempts-list';
import { AttemptsTable } from './attempts-table';
import { usePublicEvents } from './use-public-events';
import { isOpenMessage, STATUS_OPTIONS } from './webhook-badges';

/** Fast while a shown message waits for an attempt; otherwise often enough that new messages show up soon. */
const OPEN_REFRESH_MS = 1500;
const IDLE_REFRESH_MS = 5000;

/** The endpoint's messages, newest first, with their latest outcome; a message opens its attempts. */
export function AttemptLogCard({ endpointId, now }: { endpointId: string; now: number }) {
  const { filters, query, changeFilters, clearFilters, isFiltered, pager, page } =
    useListState(ATTEMPTS_LIST);
  const { events } = usePublicEvents();
  const log = trpc.webhooks.endpoints.listAttempts.useQuery(attemptsListInput(endpointId, query, page), {
    ...KEEP_PREVIOUS,
    refetchInterval: (q) =>
      q.state.data?.items.some((item) => isOpenMessage(item.status)) ? OPEN_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const set = <Key extends keyof AttemptFilters>(key: Key, next: AttemptFilters[Key]) =>
    changeFilters({ ...filters, [key]: next });

  return (
    <section className="card" aria-labelledby="attempt-log-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="attempt-log-title">
            Attempt log
          </h2>
          <p className="card-subtitle">
            One row per message, newest first. Open one for its body and every attempt.
          </p>
        </div>
      </div>
      <search className="filters card-toolbar">
        <SelectField
          label="Status"
          value={filters.status}
          options={[{ value: '', label: 'Any status' }, ...STATUS_OPTIONS]}
          onChange={(event) => set('status', event.target.value as AttemptFilters['status'])}
        />
        <SelectField
          label="Event type"
          value={filters.eventType}
          options={[
            { value: '', label: 'Any event type' },
            ...events.map((entry) => ({ value: entry.type, label: entry.type })),
          ]}
          onChange={(event) => set('eventType', event.target.value)}
        />
        <TextField
          label="Since"
          type="date"
          value={filters.since}
          max={filters.until || undefined}
          onChange={(event) => set('since', event.target.value)}
        />
        <TextField
          label="Until"
          type="date"
          value={filters.until}
          min={filters.since || undefined}
          onChange={(event) => set('until', event.target.value)}
        />
        {isFiltered(ATTEMPT_FILTER_KEYS) ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </search>
      <AttemptsTable
        messages={log.data?.items ?? []}
        filtered={isFiltered(ATTEMPT_FILTER_KEYS)}
        now={now}
        {...tableStateOf(log)}
      />
      <Pager pager={pager} data={log.data} noun="messages" />
    </section>
  );
}
