import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { isoNow } from '../../../lib/time';
import type { TQuota } from '../plans/schema';
import { periodWindow } from './periods';
import { flagId, type UsageRepository } from './repository';
import type { TMetricUsage, TUsagePeriod } from './schema';

/** Metrics without a quota in the plan are metered per calendar month and never refused. */
export const UNQUOTED_PERIOD: TUsagePeriod = 'month';

/** The standing of a metric given what is used in its current period. */
export const standing = (metric: string, quota: TQuota | null, used: number, now: number): TMetricUsage => {
  const period = quota?.period ?? UNQUOTED_PERIOD;
  const window = periodWindow(period, now);
  const limit = quota?.limit ?? null;
  return {
    metric,
    used,
    limit,
    remaining: limit === null ? null : Math.max(0, limit - used),
    period,
    periodStart: window.periodStart,
    resetsAt: window.resetsAt,
  };
};

export const fits = (usage: TMetricUsage, quantity: number) =>
  usage.limit === null || usage.used + quantity <= usage.limit;

/**
 * The refusal: 429 naming the metric, the limit and the reset time, also given as `quota.*` entries of the
 * error's `fields` so clients can read them without parsing the message.
 */
export const quotaError = (usage: TMetricUsage, quantity: number): AppError => {
  const limit = usage.limit ?? 0;
  const message =
    `Quota exceeded for metric '${usage.metric}': limit ${limit} per ${usage.period}, ` +
    `${usage.used} used, ${quantity} requested. Resets at ${usage.resetsAt}.`;
  return new AppError('TOO_MANY_REQUESTS', message, {
    fields: [
      { path: 'quota.metric', message: usage.metric },
      { path: 'quota.limit', message: String(limit) },
      { path: 'quota.period', message: usage.period },
      { path: 'quota.used', message: String(usage.used) },
      { path: 'quota.resetsAt', message: usage.resetsAt },
    ],
  });
};

/**
 * Emits usage.quota_exceeded the first time a user hits a quota in a period: the flag's create is the latch, and
 * the event commits with it.
 */
export const flagExceeded = async (
  deps: { repo: UsageRepository; clock: Clock; bus: EventBus },
  productId: string,
  userId: string,
  usage: TMetricUsage,
) => {
  if (usage.limit === null) return;
  const window = periodWindow(usage.period, Date.parse(usage.periodStart));
  await deps.repo.raiseFlag(
    {
      id: flagId(userId, usage.metric, window.key),
      kind: 'flag',
      productId,
      userId,
      metric: usage.metric,
      period: window.key,
      periodEnd: usage.resetsAt,
      limit: usage.limit,
      at: isoNow(deps.clock),
    },
    deps.bus.stage(
      'usage.quota_exceeded',
      { userId, metric: usage.metric, limit: usage.limit, period: usage.period, resetsAt: usage.resetsAt },
      { productId, actorId: userId },
    ),
  );
};
