import {
  type TMetricDefinition,
  type TMetricEvent,
  type TMetricKind,
  type TMetricSource,
  ZMetricCreateInput,
  ZMetricUpdateInput,
} from '@bytelyst/routers/modules/experiments/metrics-schema';
import type { FieldErrors } from '~/lib/api-errors';

export type MetricValues = {
  key: string;
  name: string;
  description: string;
  kind: TMetricKind;
  numSource: TMetricSource;
  numEvent: string;
  numProp: string;
  denSource: TMetricSource;
  denEvent: string;
  denProp: string;
  /** Hours after the first exposure; '' counts to the end of the data window. */
  windowHours: string;
  direction: 'higher' | 'lower';
};

export const EMPTY_METRIC: MetricValues = {
  key: '',
  name: '',
  description: '',
  kind: 'conversion',
  numSource: 'telemetry',
  numEvent: '',
  numProp: '',
  denSource: 'telemetry',
  denEvent: '',
  denProp: '',
  windowHours: '72',
  direction: 'higher',
};

export const SOURCE_LABELS: Record<TMetricSource, string> = {
  telemetry: 'Telemetry event',
  usage: 'Usage metric',
};

export const valuesOf = (m: TMetricDefinition): MetricValues => ({
  key: m.key,
  name: m.name,
  description: m.description,
  kind: m.kind,
  numSource: m.numerator.source,
  numEvent: m.numerator.event,
  numProp: m.numerator.valueProp ?? '',
  denSource: m.denominator?.source ?? 'telemetry',
  denEvent: m.denominator?.event ?? '',
  denProp: m.denominator?.valueProp ?? '',
  windowHours: m.windowHours === null ? '' : String(m.windowHours),
  direction: m.direction,
});

/** Only sums and ratios add up a prop; a telemetry count or conversion counts events. */
export const takesValueProp = (kind: TMetricKind, source: TMetricSource) =>
  source === 'telemetry' && (kind === 'sum' || kind === 'ratio');

const eventOf = (kind: TMetricKind, source: TMetricSource, event: string, prop: string): TMetricEvent => ({
  source,
  event: event.trim(),
  valueProp: takesValueProp(kind, source) && prop.trim() ? prop.trim() : null,
});

/** The fields every create and update sends (the key only on create). */
export const metricFieldsOf = (v: MetricValues) => ({
  name: v.name.trim(),
  description: v.description.trim(),
  kind: v.kind,
  numerator: eventOf(v.kind, v.numSource, v.numEvent, v.numProp),
  denominator: v.kind === 'ratio' ? eventOf(v.kind, v.denSource, v.denEvent, v.denProp) : null,
  windowHours: v.windowHours.trim() === '' ? null : Number(v.windowHours),
  direction: v.direction,
});

const issuesOf = (result: {
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join('.') || 'form'] ??= issue.message;
  return errors;
};

/** What the API's own schema says about the values, by field path. */
export const checkMetric = (v: MetricValues, creating: boolean): FieldErrors => {
  const errors: FieldErrors = {};
  const hours = v.windowHours.trim();
  if (hours !== '' && !(Number.isInteger(Number(hours)) && Number(hours) >= 1)) {
    errors.windowHours = 'Whole hours from 1, or empty for the whole data window.';
  }
  const fields = metricFieldsOf(v);
  const parsed = creating
    ? ZMetricCreateInput.safeParse({ key: v.key.trim(), ...fields })
    : ZMetricUpdateInput.safeParse({ key: v.key, ...fields });
  return { ...issuesOf(parsed), ...errors };
};

/** "checkout.purchase", "sum of amount in checkout.purchase", "usage: exports". */
export const describeEvent = (e: TMetricEvent) => {
  const name = e.source === 'usage' ? `usage: ${e.event}` : e.event;
  return e.valueProp ? `${e.valueProp} of ${name}` : name;
};
