import { bucketsOf, dayNumber, dayString } from './days';
import { oldestRollup, ratio, readRollups } from './read-rollups';
import type { AnalyticsRepository } from './repository';
import { REVENUE_METRIC, type RevenueDoc, type RevenueFigures } from './revenue-rollup';
import type { TRevenueInput } from './schema';
import type { TRevenueOutput, TRevenuePoint } from './schema-views';
import { segmentsFor } from './segments';

export const REVENUE_DEFINITIONS: Record<string, string> = {
  mrr: 'Monthly recurring revenue at the end of the period: the monthly price of every active or past-due subscription to a paid plan (annual plans ÷ 12); trials do not count.',
  new: 'MRR of customers who started paying for the first time.',
  expansion: 'MRR added by paying customers moving to a dearer plan.',
  contraction: 'MRR lost by paying customers moving to a cheaper plan.',
  churned: 'MRR of customers who stopped paying.',
  reactivation: 'MRR of former customers who started paying again.',
  customerChurnRate: 'Customers who stopped paying in the period ÷ paying customers at its start.',
  grossMrrChurnRate: '(churned + contraction) ÷ MRR at the start of the period (ChartMogul).',
  netMrrChurnRate:
    '(churned + contraction − expansion − reactivation) ÷ MRR at the start of the period (ChartMogul).',
  arpu: 'MRR ÷ paying customers at the end of the period (ARPA: one account per user).',
  ltv: 'ARPA ÷ monthly customer churn rate, the latter over the 30 days to the end of the period.',
  movements:
    "Each subscription's MRR at the end of a day against the day before: changes within one day net out.",
};

const MOVES = ['new', 'expansion', 'contraction', 'churned', 'reactivation'] as const;
const COUNTS = ['newCustomers', 'reactivatedCustomers', 'churnedCustomers'] as const;

/** MRR and its movements per period of the range (clipped to it), with churn, ARPU and LTV. */
export const readRevenue = async (
  repo: AnalyticsRepository,
  productId: string,
  input: TRevenueInput,
): Promise<TRevenueOutput> => {
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  const lead = from - 31;
  const docs = await readRollups<RevenueDoc>(
    repo,
    productId,
    REVENUE_METRIC,
    lead,
    to,
    dayString(lead),
    input.to,
  );
  const byDay = new Map(docs.map((doc) => [dayNumber(doc.day), doc]));
  const inRange = docs.filter((doc) => doc.day >= input.from);
  const present = docs.flatMap((doc) => Object.keys(doc.segments));
  const figures = (n: number, key: string): RevenueFigures | undefined => {
    const doc = byDay.get(n);
    return doc ? (doc.segments[key] ?? ({ mrr: 0, customers: 0 } as RevenueFigures)) : undefined;
  };
  const series = segmentsFor(input.breakdown, present).map(([key, label]) => {
    const points: TRevenuePoint[] = [];
    for (const bucket of bucketsOf(from, to, input.granularity)) {
      const start = Math.max(bucket.start, from);
      const end = Math.min(bucket.end, to);
      const last = figures(end, key);
      if (!last) continue;
      const first = figures(start - 1, key);
      const sums = Object.fromEntries([...MOVES, ...COUNTS].map((m) => [m, 0])) as Record<
        (typeof MOVES)[number] | (typeof COUNTS)[number],
        number
      >;
      for (let n = start; n <= end; n++) {
        const day = figures(n, key);
        if (!day) continue;
        for (const m of [...MOVES, ...COUNTS]) sums[m] += day[m] ?? 0;
      }
      let churned30 = 0;
      for (let n = end - 29; n <= end; n++) churned30 += figures(n, key)?.churnedCustomers ?? 0;
      const customers30 = figures(end - 30, key)?.customers ?? 0;
      const mrrStart = first?.mrr ?? 0;
      const customersStart = first?.customers ?? 0;
      const arpu = ratio(last.mrr, last.customers);
      const monthlyChurn = ratio(churned30, customers30);
      points.push({
        period: dayString(start),
        mrrStart,
        mrr: last.mrr,
        customersStart,
        customers: last.customers,
        ...sums,
        netNewMrr: sums.new + sums.expansion + sums.reactivation - sums.contraction - sums.churned,
        customerChurnRate: ratio(sums.churnedCustomers, customersStart),
        grossMrrChurnRate: ratio(sums.churned + sums.contraction, mrrStart),
        netMrrChurnRate: ratio(
          sums.churned + sums.contraction - sums.expansion - sums.reactivation,
          mrrStart,
        ),
        arpu,
        ltv: arpu !== null && monthlyChurn ? arpu / monthlyChurn : null,
      });
    }
    return { segment: label, points };
  });
  return {
    rolledUpAt: oldestRollup(inRange),
    breakdown: input.breakdown,
    granularity: input.granularity,
    currency: docs.at(-1)?.currency ?? null,
    definitions: REVENUE_DEFINITIONS,
    series,
  };
};
