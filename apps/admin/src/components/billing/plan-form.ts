import type { TPlan, TPlanInterval } from '@bytelyst/routers/modules/billing/plans/schema';
import { ZMetricName, ZPlanCode, ZPlanFields } from '@bytelyst/routers/modules/billing/plans/schema';
import { passes } from '~/lib/schema-check';
import type { QuotaRow } from './list-editors';

export type PlanFormValues = {
  code: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  interval: TPlanInterval;
  trialDays: string;
  maxDevices: string;
  sortOrder: string;
  stripePriceId: string;
  quotas: QuotaRow[];
  features: string[];
};

export const EMPTY_PLAN: PlanFormValues = {
  code: '',
  name: '',
  description: '',
  price: '0',
  currency: 'usd',
  interval: 'month',
  trialDays: '0',
  maxDevices: '1',
  sortOrder: '0',
  stripePriceId: '',
  quotas: [],
  features: [],
};

export const valuesOf = (plan: TPlan): PlanFormValues => ({
  code: plan.code,
  name: plan.name,
  description: plan.description,
  price: (plan.priceCents / 100).toFixed(2),
  currency: plan.currency,
  interval: plan.interval,
  trialDays: String(plan.trialDays),
  maxDevices: String(plan.maxDevices),
  sortOrder: String(plan.sortOrder),
  stripePriceId: plan.stripePriceId ?? '',
  quotas: Object.entries(plan.quotas).map(([metric, quota]) => ({
    metric,
    limit: quota.limit === null ? '' : String(quota.limit),
    period: quota.period,
  })),
  features: [...plan.features],
});

const wholeIn = (value: string, min: number, max: number) => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** Client-side checks (the API checks again) and the payload for plans.create / plans.update. */
export const parsePlanForm = (values: PlanFormValues, creating: boolean) => {
  const errors: Record<string, string> = {};
  if (creating && !passes(ZPlanCode, values.code))
    errors.code = '2-40 lowercase letters, digits or hyphens, starting with a letter.';
  if (!values.name.trim()) errors.name = 'Enter a name.';
  const price = Number(values.price);
  if (!Number.isFinite(price) || price < 0) errors.priceCents = 'Enter a price of 0 or more.';
  if (!passes(ZPlanFields.shape.currency, values.currency)) errors.currency = 'A 3-letter code such as usd.';
  const trialDays = wholeIn(values.trialDays, 0, 365);
  if (trialDays === null) errors.trialDays = 'A whole number of days from 0 to 365.';
  const maxDevices = wholeIn(values.maxDevices, 1, 1000);
  if (maxDevices === null) errors.maxDevices = 'A whole number from 1 to 1000.';
  const sortOrder = wholeIn(values.sortOrder, -10_000, 10_000);
  if (sortOrder === null) errors.sortOrder = 'A whole number.';
  const quotas: Record<string, { limit: number | null; period: 'day' | 'month' }> = {};
  for (const row of values.quotas) {
    const metric = row.metric.trim();
    if (!passes(ZMetricName, metric)) {
      errors.quotas = `"${metric || '(blank)'}" is not a metric name: lowercase letters, digits, dots, dashes.`;
      continue;
    }
    const limit = row.limit.trim() === '' ? null : wholeIn(row.limit, 0, Number.MAX_SAFE_INTEGER);
    if (row.limit.trim() !== '' && limit === null)
      errors.quotas = `The limit of ${metric} must be a whole number.`;
    if (quotas[metric]) errors.quotas = `${metric} is listed twice.`;
    quotas[metric] = { limit, period: row.period };
  }
  const features = values.features.map((f) => f.trim()).filter(Boolean);
  const payload = {
    code: values.code.trim().toLowerCase(),
    name: values.name.trim(),
    description: values.description.trim(),
    priceCents: Math.round(price * 100),
    currency: values.currency.trim().toLowerCase(),
    interval: values.interval,
    trialDays: trialDays ?? 0,
    maxDevices: maxDevices ?? 1,
    sortOrder: sortOrder ?? 0,
    stripePriceId: values.stripePriceId.trim() || null,
    quotas,
    features,
  };
  return { errors, payload };
};
