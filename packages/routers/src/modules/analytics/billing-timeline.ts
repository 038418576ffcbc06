import { DAY_MS } from '../../lib/time';
import type { TPlan } from '../billing/plans/schema';
import {
  ENTITLED_STATUSES,
  type TSubscription,
  type TSubscriptionStatus,
} from '../billing/subscriptions/schema';
import { isoMs } from './days';
import type { Sources } from './sources';

/**
 * Subscriptions as timelines rebuilt from each subscription's `history` (plan and status at every change, newest
 * last): the plan a user is on at the end of any day, their MRR at any time, and the moments they start paying.
 * Prices are the plans' current ones: plans keep no price history.
 */

export type SubscriptionState = { atMs: number; plan: string; status: TSubscriptionStatus };

/** Statuses in which a paid plan counts toward MRR (a trial does not). */
export const PAYING_STATUSES: readonly TSubscriptionStatus[] = ['active', 'past_due'];

/** A plan's price per month in minor units: annual plans divided by 12, rounded to the cent. */
export const monthlyCents = (plan: Pick<TPlan, 'priceCents' | 'interval'> | undefined): number =>
  plan ? (plan.interval === 'year' ? Math.round(plan.priceCents / 12) : plan.priceCents) : 0;

/** The states of a subscription, oldest first: its first state at creation, then one per recorded change. */
export const statesOf = (subscription: TSubscription): SubscriptionState[] => {
  const createdMs = isoMs(subscription.createdAt);
  const first = subscription.history[0];
  const out: SubscriptionState[] = [
    first
      ? { atMs: createdMs, plan: first.fromPlan ?? first.toPlan, status: first.fromStatus ?? first.toStatus }
      : { atMs: createdMs, plan: subscription.planCode, status: subscription.status },
  ];
  for (const change of subscription.history) {
    out.push({ atMs: isoMs(change.at), plan: change.toPlan, status: change.toStatus });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
};

/** The state in effect at `ms` (the last one at or before it); undefined before the subscription existed. */
export const stateAt = (states: readonly SubscriptionState[], ms: number): SubscriptionState | undefined => {
  let found: SubscriptionState | undefined;
  for (const state of states) {
    if (state.atMs > ms) break;
    found = state;
  }
  return found;
};

export type BillingTimeline = {
  /** Plan code a user is on at the end of day `n`: their subscription's while entitled, else the default plan. */
  planOn(userId: string, n: number): string;
  /** The same from the user's states (`states.get(userId)`), for callers that keep them by user index. */
  planIn(states: readonly SubscriptionState[] | undefined, n: number): string;
  /** MRR (minor units) of a state: its plan's monthly price while paying, else 0. */
  mrrOf(state: SubscriptionState | undefined): number;
  /** Every subscription's states, by user id. */
  states: ReadonlyMap<string, SubscriptionState[]>;
  /** Times a user starts paying (from not paying), oldest first: the `$subscription` funnel event. */
  payingStarts(userId: string): number[];
  plans: ReadonlyMap<string, TPlan>;
  currency: string | null;
};

export const NO_PLAN = 'none';

export const loadBillingTimeline = async (sources: Sources, productId: string): Promise<BillingTimeline> => {
  const planList = await sources.plans(productId);
  const plans = new Map(planList.map((plan) => [plan.code, plan]));
  const defaultPlan = planList.find((plan) => plan.isDefault)?.code ?? NO_PLAN;
  const states = new Map<string, SubscriptionState[]>();
  for await (const page of sources.subscriptions(productId)) {
    for (const subscription of page) states.set(subscription.userId, statesOf(subscription));
  }
  const mrrOf = (state: SubscriptionState | undefined): number =>
    state && PAYING_STATUSES.includes(state.status) ? monthlyCents(plans.get(state.plan)) : 0;
  const paid = planList.find((plan) => plan.priceCents > 0);
  const planIn = (list: readonly SubscriptionState[] | undefined, n: number): string => {
    const state = list ? stateAt(list, (n + 1) * DAY_MS - 1) : undefined;
    return state && ENTITLED_STATUSES.includes(state.status) ? state.plan : defaultPlan;
  };
  return {
    states,
    plans,
    mrrOf,
    currency: paid?.currency ?? planList[0]?.currency ?? null,
    planOn(userId, n) {
      return planIn(states.get(userId), n);
    },
    planIn,
    payingStarts(userId) {
      const out: number[] = [];
      let paying = false;
      for (const state of states.get(userId) ?? []) {
        const now = mrrOf(state) > 0;
        if (now && !paying) out.push(state.atMs);
        paying = now;
      }
      return out;
    },
  };
};
