import type { TExperimentCreateInput } from '../modules/experiments/schema';
import type { TestHarness } from './harness';

type Caller = Awaited<ReturnType<TestHarness['signIn']>>['caller'];

/** The metrics the experiment tests measure: a purchase conversion, a count of opens, revenue and usage. */
export const defineTestMetrics = async (admin: Caller) => {
  await admin.experiments.metrics.create({
    key: 'purchase',
    name: 'Purchase within 3 days',
    kind: 'conversion',
    numerator: { source: 'telemetry', event: 'checkout.purchase' },
    windowHours: 72,
  });
  await admin.experiments.metrics.create({
    key: 'opens',
    name: 'App opens',
    kind: 'count',
    numerator: { source: 'telemetry', event: 'app.open' },
    windowHours: null,
  });
  await admin.experiments.metrics.create({
    key: 'revenue-per-open',
    name: 'Revenue per open',
    kind: 'ratio',
    numerator: { source: 'telemetry', event: 'checkout.purchase', valueProp: 'amount' },
    denominator: { source: 'telemetry', event: 'app.open' },
    windowHours: null,
  });
  await admin.experiments.metrics.create({
    key: 'crashes',
    name: 'Crashes',
    kind: 'count',
    numerator: { source: 'telemetry', event: 'app.crash' },
    windowHours: null,
    direction: 'lower',
  });
};

/** A 50/50 experiment on `purchase`, overridable field by field. */
export const experimentInput = (
  key: string,
  over: Partial<Omit<TExperimentCreateInput, 'key'>> = {},
): Parameters<Caller['experiments']['create']>[0] => ({
  key,
  name: `Experiment ${key}`,
  hypothesis: 'The new design raises purchases',
  variants: [
    { id: 'control', weight: 50 },
    { id: 'treatment', weight: 50 },
  ],
  primaryMetric: 'purchase',
  ...over,
});
