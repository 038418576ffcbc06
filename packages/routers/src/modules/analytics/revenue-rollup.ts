import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { type BillingTimeline, stateAt } from './billing-timeline';
import { dayNumberOf, dayString, periodOf } from './days';
import type { AnalyticsRepository, RollupDoc } from './repository';
import { ALL } from './segments';

/**
 * Revenue per day from the subscription timelines: MRR and paying customers at the end of the day, and the
 * day's movements, each subscription's end-of-day MRR compared with the day before's (changes within one day
 * net out). new: from 0 for the first time; reactivation: from 0 after having paid before; churned: to 0;
 * expansion / contraction: up / down while paying. Segment `plan:<code>` holds the subscriptions on that plan
 * at the end of the day; a movement is counted under the plan at the end of the day (a churn under the plan it
 * left), so per-plan movements do not reconcile across plan changes while `all` does.
 */

export const REVENUE_METRIC = 'revenue';

export type RevenueFigures = {
  mrr: number;
  customers: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
};
export type RevenueDoc = { day: string; currency: string | null; segments: Record<string, RevenueFigures> };

const empty = (): RevenueFigures => ({
  mrr: 0,
  customers: 0,
  new: 0,
  expansion: 0,
  contraction: 0,
  churned: 0,
  reactivation: 0,
  newCustomers: 0,
  reactivatedCustomers: 0,
  churnedCustomers: 0,
});

export const computeRevenue = (timeline: BillingTimeline, from: number, to: number): RevenueDoc[] => {
  /** Per day of [from, to]: MRR and customer deltas and movements, per segment. */
  const deltas = new Map<number, Map<string, RevenueFigures>>();
  const base = new Map<string, { mrr: number; customers: number }>();
  const figures = (n: number, segment: string): RevenueFigures => {
    let day = deltas.get(n);
    if (!day) {
      day = new Map();
      deltas.set(n, day);
    }
    let row = day.get(segment);
    if (!row) {
      row = empty();
      day.set(segment, row);
    }
    return row;
  };
  const shift = (n: number, segment: string, mrr: number, customers: number) => {
    if (n < from) {
      const row = base.get(segment) ?? { mrr: 0, customers: 0 };
      row.mrr += mrr;
      row.customers += customers;
      base.set(segment, row);
    } else if (n <= to) {
      const row = figures(n, segment);
      row.mrr += mrr;
      row.customers += customers;
    }
  };
  for (const states of timeline.states.values()) {
    const changeDays = [...new Set(states.map((state) => dayNumberOf(state.atMs)))].sort((a, b) => a - b);
    let prev = 0;
    let prevPlan = '';
    let everPaid = false;
    for (const n of changeDays) {
      if (n > to) break;
      const state = stateAt(states, (n + 1) * 86_400_000 - 1);
      const cur = timeline.mrrOf(state);
      const plan = state?.plan ?? '';
      if (cur === prev && (cur === 0 || plan === prevPlan)) continue;
      for (const segment of [ALL, `plan:${prevPlan}`]) if (prev > 0) shift(n, segment, -prev, -1);
      for (const segment of [ALL, `plan:${plan}`]) if (cur > 0) shift(n, segment, cur, 1);
      if (n >= from) {
        const seg = cur > 0 ? `plan:${plan}` : `plan:${prevPlan}`;
        for (const row of [figures(n, ALL), figures(n, seg)]) {
          if (prev === 0 && cur > 0) {
            if (everPaid) {
              row.reactivation += cur;
              row.reactivatedCustomers += 1;
            } else {
              row.new += cur;
              row.newCustomers += 1;
            }
          } else if (prev > 0 && cur === 0) {
            row.churned += prev;
            row.churnedCustomers += 1;
          } else if (cur > prev) row.expansion += cur - prev;
          else if (cur < prev) row.contraction += prev - cur;
        }
      }
      if (cur > 0) everPaid = true;
      prev = cur;
      prevPlan = plan;
    }
  }
  const docs: RevenueDoc[] = [];
  const running = new Map<string, { mrr: number; customers: number }>(
    [...base].map(([k, v]) => [k, { ...v }]),
  );
  running.set(ALL, running.get(ALL) ?? { mrr: 0, customers: 0 });
  for (let n = from; n <= to; n++) {
    const day = deltas.get(n) ?? new Map<string, RevenueFigures>();
    for (const [segment, row] of day) {
      const total = running.get(segment) ?? { mrr: 0, customers: 0 };
      total.mrr += row.mrr;
      total.customers += row.customers;
      running.set(segment, total);
    }
    const segments: Record<string, RevenueFigures> = {};
    for (const [segment, total] of running) {
      const moves = day.get(segment) ?? empty();
      if (segment !== ALL && total.customers === 0 && total.mrr === 0 && !day.has(segment)) continue;
      segments[segment] = { ...moves, mrr: total.mrr, customers: total.customers };
    }
    docs.push({ day: dayString(n), currency: timeline.currency, segments });
  }
  return docs;
};

export const writeRevenue = async (
  repo: AnalyticsRepository,
  clock: Clock,
  productId: string,
  docs: readonly RevenueDoc[],
): Promise<void> => {
  const rolledUpAt = isoNow(clock);
  await repo.rollups.write(
    docs.map((doc) => ({
      id: doc.day,
      productId,
      metric: REVENUE_METRIC,
      period: periodOf(Date.parse(`${doc.day}T00:00:00Z`) / 86_400_000),
      key: doc.day,
      rolledUpAt,
      ...doc,
    })) satisfies RollupDoc<RevenueDoc>[],
  );
};
