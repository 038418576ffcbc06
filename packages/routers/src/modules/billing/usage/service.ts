import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { dayOf, startOfMonth } from '../../../lib/time';
import type { Entitlements } from '../entitlements';
import type { TQuota } from '../plans/schema';
import { periodWindow } from './periods';
import { fits, standing } from './quota';
import { recordUsage } from './record';
import type { DayCounterDoc, UsageRepository } from './repository';
import type { TMetricUsage, TUsageRecordOutput, TUsageSummary } from './schema';

export type UsageActor = { userId: string; roles: readonly string[] };

const isAdmin = (actor: UsageActor) => actor.roles.includes('admin') || actor.roles.includes('super_admin');

/** Whose usage a call touches: your own, or anyone's for an admin. */
const subjectOf = (actor: UsageActor, userId: string | undefined): string => {
  if (!userId || userId === actor.userId) return actor.userId;
  if (!isAdmin(actor)) {
    throw new AppError('FORBIDDEN', "Only an admin may record or read another user's usage", {
      fields: [{ path: 'userId', message: 'Leave it out to act on your own usage' }],
    });
  }
  return userId;
};

export const createUsageService = (deps: {
  repo: UsageRepository;
  entitlements: Entitlements;
  clock: Clock;
  bus: EventBus;
  random: () => number;
}) => {
  const { repo, clock } = deps;

  const quotaOf = async (productId: string, userId: string, metric: string): Promise<TQuota | null> => {
    const { plan } = await deps.entitlements.forUser(productId, userId);
    return plan?.quotas[metric] ?? null;
  };

  /** Used in the current period of every metric with a quota or with usage this month. */
  const standings = async (productId: string, userId: string) => {
    const now = clock();
    const { plan } = await deps.entitlements.forUser(productId, userId);
    const quotas = plan?.quotas ?? {};
    const today = dayOf(now);
    const counters = await repo.countersOf(productId, userId, dayOf(startOfMonth(now)), today);
    const metrics = new Set([...Object.keys(quotas), ...counters.map((c) => c.metric)]);
    const items: TMetricUsage[] = [...metrics].sort().map((metric) => {
      const quota = quotas[metric] ?? null;
      const window = periodWindow(quota?.period ?? 'month', now);
      const used = counters
        .filter((c) => c.metric === metric && c.day >= window.firstDay)
        .reduce((sum, c) => sum + c.count, 0);
      return standing(metric, quota, used, now);
    });
    return { plan, items };
  };

  return {
    async record(
      productId: string,
      actor: UsageActor,
      input: { metric: string; quantity: number; idempotencyKey: string; userId?: string | undefined },
    ): Promise<TUsageRecordOutput> {
      const userId = subjectOf(actor, input.userId);
      const quota = await quotaOf(productId, userId, input.metric);
      return recordUsage(deps, productId, { ...input, userId }, quota);
    },
    async check(
      productId: string,
      actor: UsageActor,
      input: { metric: string; quantity: number; userId?: string | undefined },
    ) {
      const userId = subjectOf(actor, input.userId);
      const now = clock();
      const quota = await quotaOf(productId, userId, input.metric);
      const window = periodWindow(quota?.period ?? 'month', now);
      const counters = await repo.countersOf(productId, userId, window.firstDay, dayOf(now), input.metric);
      const usage = standing(
        input.metric,
        quota,
        counters.reduce((sum, c) => sum + c.count, 0),
        now,
      );
      return { ...usage, quantity: input.quantity, allowed: fits(usage, input.quantity) };
    },
    /** The UTC days in [fromDay, toDay] on which the user recorded any usage, ascending. */
    async activeDays(productId: string, userId: string, fromDay: string, toDay: string): Promise<string[]> {
      const counters = await repo.countersOf(productId, userId, fromDay, toDay);
      return [...new Set(counters.filter((c) => c.count > 0).map((c) => c.day))].sort();
    },
    /**
     * Every daily counter of the named metrics in [fromDay, toDay], a page at a time: the experiments' metric
     * pipeline reads a product's usage in one pass.
     */
    async scanCounters(
      productId: string,
      range: { metrics: readonly string[]; fromDay: string; toDay: string },
      visit: (counters: readonly { userId: string; metric: string; day: string; count: number }[]) => void,
      signal?: AbortSignal,
    ): Promise<number> {
      if (range.metrics.length === 0) return 0;
      let continuation: string | undefined;
      let scanned = 0;
      do {
        if (signal?.aborted) break;
        const page = await repo.countersPage(
          { metric: { in: [...range.metrics] }, day: { gte: range.fromDay, lte: range.toDay } },
          { productId, limit: 1000, ...(continuation ? { continuation } : {}) },
        );
        visit(page.items.filter((doc): doc is Stored<DayCounterDoc> => doc.kind === 'day'));
        scanned += page.items.length;
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return scanned;
    },
    async summary(productId: string, userId: string): Promise<TUsageSummary> {
      const { plan, items } = await standings(productId, userId);
      const history = await repo.monthTotalsOf(productId, userId, 120);
      return {
        userId,
        planCode: plan?.code ?? null,
        planName: plan?.name ?? null,
        metrics: items,
        history: history.map((doc) => ({ month: doc.period, metric: doc.metric, total: doc.total })),
      };
    },
  };
};

export type UsageService = ReturnType<typeof createUsageService>;
