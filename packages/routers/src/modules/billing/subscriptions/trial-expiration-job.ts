import type { Filter } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobContext, JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../../lib/sweep';
import { DAY_MS } from '../../../lib/time';
import type { PlansService } from '../plans/service';
import type { StripeService } from '../stripe/service';
import { addInterval, rollForward } from './periods';
import type { SubscriptionsRepository } from './repository';
import type { TSubscription } from './schema';
import { type SubscriptionsService, withChange } from './service';

export const TRIAL_WARNING_DAYS = 7;
const PAGE = 100;

type Deps = {
  repo: SubscriptionsRepository;
  subscriptions: SubscriptionsService;
  plans: PlansService;
  stripe: Pick<StripeService, 'stripeActive' | 'paidSince'>;
  bus: EventBus;
};

export type TrialCheckMetrics = {
  scanned: number;
  activated: number;
  expired: number;
  canceled: number;
  rolled: number;
  trialWarnings: number;
  failed: number;
};

/** Walks the subscriptions of every product matching `where` (see `sweep`), adding to the run's metrics. */
const sweepWhere = async (
  deps: Deps,
  ctx: JobContext,
  metrics: TrialCheckMetrics,
  where: Filter<TSubscription>,
  handle: (sub: TSubscription) => Promise<boolean>,
) => {
  const swept = await sweep({
    signal: ctx.signal,
    page: (cursor) => deps.repo.list(undefined, where, [], PAGE, cursor),
    handle,
    onError: (sub, error) =>
      ctx.log('warn', `Subscription ${sub.productId}/${sub.id} failed: ${String(error)}`),
  });
  metrics.scanned += swept.scanned;
  metrics.failed += swept.failed;
};

/**
 * trial-expiration-check, hourly: trials past their end become active (paid at Stripe, or a payment since the
 * trial started) or expired; subscriptions set to cancel at period end are canceled once it passes; free plans
 * roll into their next period; trials ending within 7 days are announced once. Each change carries its events in
 * the same commit. Re-running changes nothing.
 */
export const createTrialExpirationJob = (deps: Deps): JobDefinition => ({
  name: 'trial-expiration-check',
  cron: '0 * * * *',
  timezone: 'UTC',
  description:
    'Expire or activate ended trials, cancel at period end, roll free periods, warn of ending trials',
  missedRunPolicy: 'once',
  async run(ctx) {
    const now = new Date(ctx.now()).toISOString();
    const metrics: TrialCheckMetrics = {
      scanned: 0,
      activated: 0,
      expired: 0,
      canceled: 0,
      rolled: 0,
      trialWarnings: 0,
      failed: 0,
    };
    const { subscriptions, bus } = deps;

    await sweepWhere(
      deps,
      ctx,
      metrics,
      { status: { eq: 'trialing' }, trialEnd: { lte: now } },
      async (sub) => {
        const trialEnd = sub.trialEnd ?? now;
        const paid =
          (await deps.stripe.stripeActive(sub)) || (await deps.stripe.paidSince(sub, sub.currentPeriodStart));
        const plan = await deps.plans.find(sub.productId, sub.planCode);
        const m = await subscriptions.mutate(
          sub.productId,
          sub.userId,
          (current) => {
            if (current.status !== 'trialing' || !current.trialEnd || current.trialEnd > now) return null;
            const next: TSubscription = paid
              ? {
                  ...current,
                  status: 'active',
                  currentPeriodStart: trialEnd,
                  currentPeriodEnd: addInterval(trialEnd, plan?.interval ?? 'month'),
                }
              : { ...current, status: 'expired', currentPeriodEnd: trialEnd };
            return withChange(current, next, now, paid ? 'trial converted' : 'trial ended', null);
          },
          (change) => {
            const changed = subscriptions.changedEvent(sub.productId, change, null);
            if (paid) return changed;
            return subscriptions.stageAlso(
              changed,
              'subscription.expired',
              { subscriptionId: sub.id, userId: sub.userId, plan: sub.planCode, trialEnd },
              { productId: sub.productId, actorId: null },
            );
          },
        );
        if (!m) return false;
        if (paid) metrics.activated += 1;
        else metrics.expired += 1;
        return true;
      },
    );

    await sweepWhere(
      deps,
      ctx,
      metrics,
      {
        cancelAtPeriodEnd: { eq: true },
        status: { in: ['trialing', 'active', 'past_due'] },
        currentPeriodEnd: { lte: now },
      },
      async (sub) => {
        const m = await subscriptions.mutate(
          sub.productId,
          sub.userId,
          (current) => {
            if (!current.cancelAtPeriodEnd || current.currentPeriodEnd > now) return null;
            if (current.status === 'canceled' || current.status === 'expired') return null;
            const next: TSubscription = { ...current, status: 'canceled', cancelAtPeriodEnd: false };
            return withChange(current, next, now, current.cancelReason ?? 'period ended', null);
          },
          (change) => subscriptions.changedEvent(sub.productId, change, null),
        );
        if (!m) return false;
        metrics.canceled += 1;
        return true;
      },
    );

    await sweepWhere(
      deps,
      ctx,
      metrics,
      { status: { eq: 'active' }, cancelAtPeriodEnd: { eq: false }, currentPeriodEnd: { lte: now } },
      async (sub) => {
        const plan = await deps.plans.find(sub.productId, sub.planCode);
        // Paid plans move with Stripe's invoices; only free ones are rolled here.
        if (!plan || plan.priceCents > 0) return false;
        const m = await subscriptions.mutate(sub.productId, sub.userId, (current) => {
          if (current.status !== 'active' || current.cancelAtPeriodEnd || current.currentPeriodEnd > now)
            return null;
          const period = rollForward(
            current.currentPeriodStart,
            current.currentPeriodEnd,
            plan.interval,
            now,
          );
          return {
            ...current,
            currentPeriodStart: period.start,
            currentPeriodEnd: period.end,
            updatedAt: now,
          };
        });
        if (m) metrics.rolled += 1;
        return Boolean(m);
      },
    );

    const horizon = new Date(ctx.now() + TRIAL_WARNING_DAYS * DAY_MS).toISOString();
    await sweepWhere(
      deps,
      ctx,
      metrics,
      { status: { eq: 'trialing' }, trialEnd: { gt: now, lte: horizon } },
      async (sub) => {
        if (sub.trialEndingNotifiedAt) return false;
        const m = await subscriptions.mutate(
          sub.productId,
          sub.userId,
          (current) =>
            current.status !== 'trialing' || current.trialEndingNotifiedAt
              ? null
              : { ...current, trialEndingNotifiedAt: now },
          ({ after }) =>
            after.trialEnd
              ? bus.stage(
                  'subscription.trial_ending',
                  {
                    subscriptionId: sub.id,
                    userId: sub.userId,
                    plan: sub.planCode,
                    trialEnd: after.trialEnd,
                    daysLeft: Math.max(0, Math.ceil((Date.parse(after.trialEnd) - ctx.now()) / DAY_MS)),
                  },
                  { productId: sub.productId, actorId: null },
                )
              : undefined,
        );
        if (!m?.after.trialEnd) return false;
        metrics.trialWarnings += 1;
        return true;
      },
    );

    ctx.log('info', 'Trial expiration check done', { ...metrics });
    return metrics;
  },
});
