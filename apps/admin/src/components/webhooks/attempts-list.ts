import type { TWebhookMessageStatus } from '@bytelyst/routers/modules/webhooks/schema';
import { endOfUtcDay, formatRelative } from '~/lib/format';
import type { ListConfig, ListPage } from '~/lib/list-params';

/** Dates are UTC days (`yyyy-mm-dd`) in the URL, so a shared link opens the same window. */
export type AttemptFilters = {
  status: TWebhookMessageStatus | '';
  eventType: string;
  since: string;
  until: string;
};

export const ATTEMPTS_LIST: ListConfig<AttemptFilters> = {
  defaults: { status: '', eventType: '', since: '', until: '' },
  pageSize: 25,
};

export const ATTEMPT_FILTER_KEYS = ['status', 'eventType', 'since', 'until'] as const;

/** The `webhooks.endpoints.listAttempts` input of the view and of the server's prefetch. */
export const attemptsListInput = (id: string, filters: AttemptFilters, page: ListPage) => ({
  id,
  status: filters.status || undefined,
  eventType: filters.eventType || undefined,
  since: filters.since ? `${filters.since}T00:00:00.000Z` : undefined,
  until: filters.until ? endOfUtcDay(filters.until) : undefined,
  ...page,
});

export const messageHref = (endpointId: string, messageId: string) =>
  `/ops/webhooks/${encodeURIComponent(endpointId)}/messages/${encodeURIComponent(messageId)}`;

/** Test sends get ids of their own; they are not events, so they have no page in /ops/events. */
export const isTestMessage = (messageId: string) => messageId.startsWith('msg_test_');

/** When a waiting message's next attempt is: to the second within a minute, since retries start 10 s apart. */
export const formatDue = (at: string | null, now: number): string => {
  if (!at) return '—';
  const ms = Date.parse(at) - now;
  if (Number.isNaN(ms)) return '—';
  if (ms <= 0) return 'due now';
  if (ms < 60_000) return `in ${Math.ceil(ms / 1000)} s`;
  return formatRelative(at, now);
};
