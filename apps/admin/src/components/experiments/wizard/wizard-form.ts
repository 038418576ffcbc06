import { getBucketRanges } from '@bytelyst/routers/modules/experiments/assignment';
import { MAX_VARIANTS, ZExperimentCreateInput } from '@bytelyst/routers/modules/experiments/schema';
import {
  checkTargeting,
  EMPTY_TARGETING,
  type TargetingValues,
  targetingOf,
} from '~/components/flags/flag-form';
import type { FieldErrors } from '~/lib/api-errors';

export type VariantRow = { id: string; name: string; weight: string };
export type HashChoice = 'userId' | 'deviceId' | 'custom';

/** The wizard's values as typed: numbers as text, percentages where the API takes shares of 1. */
export type WizardValues = TargetingValues & {
  key: string;
  name: string;
  hypothesis: string;
  /** '' = not backed by a flag. */
  flagKey: string;
  variants: VariantRow[];
  /** Percent of the targeted units that enter the experiment. */
  coverage: string;
  hashChoice: HashChoice;
  customAttribute: string;
  /** Hash deviceId while userId is missing (before sign-in). */
  fallbackToDevice: boolean;
  hashVersion: '1' | '2';
  namespaceOn: boolean;
  namespaceId: string;
  /** Percent, 0..100. */
  namespaceStart: string;
  namespaceEnd: string;
  /** The targeting's own percentage (bucketed by the experiment key, like a flag's rollout). */
  targetedPercentage: string;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrailMetrics: string[];
  cuped: boolean;
  sequential: boolean;
};

export const EMPTY_WIZARD: WizardValues = {
  ...EMPTY_TARGETING,
  key: '',
  name: '',
  hypothesis: '',
  flagKey: '',
  variants: [
    { id: 'control', name: 'Control', weight: '50' },
    { id: 'treatment', name: 'Treatment', weight: '50' },
  ],
  coverage: '100',
  hashChoice: 'userId',
  customAttribute: '',
  fallbackToDevice: false,
  hashVersion: '2',
  namespaceOn: false,
  namespaceId: '',
  namespaceStart: '0',
  namespaceEnd: '50',
  targetedPercentage: '100',
  primaryMetric: '',
  secondaryMetrics: [],
  guardrailMetrics: [],
  cuped: true,
  sequential: false,
};

export type WizardStep = { id: string; label: string; fields: readonly string[] };

/** The steps, and which input fields each edits: an error on a field opens its step. */
export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: 'basics', label: 'Basics', fields: ['key', 'name', 'hypothesis', 'flagKey'] },
  {
    id: 'traffic',
    label: 'Variants and traffic',
    fields: [
      'variants',
      'coverage',
      'namespace',
      'hashAttribute',
      'fallbackAttribute',
      'hashVersion',
      'seed',
    ],
  },
  { id: 'targeting', label: 'Targeting', fields: ['targetingRules'] },
  {
    id: 'metrics',
    label: 'Metrics',
    fields: ['primaryMetric', 'secondaryMetrics', 'guardrailMetrics', 'analysis'],
  },
  { id: 'review', label: 'Review', fields: [] },
];

/** The step holding a field path (`variants.1.weight` → the traffic step); the last step when none does. */
export const stepOfField = (path: string): number => {
  const head = path.split('.')[0] ?? '';
  const index = WIZARD_STEPS.findIndex((step) => step.fields.includes(head));
  return index < 0 ? WIZARD_STEPS.length - 1 : index;
};

const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export const hashAttributeOf = (v: WizardValues) =>
  v.hashChoice === 'custom' ? v.customAttribute.trim() : v.hashChoice;

/** The weights as shares of 1, as `getBucketRanges` takes them (the API divides its percentages by 100). */
export const weightsOf = (v: Pick<WizardValues, 'variants'>) =>
  v.variants.map((row) => num(row.weight) / 100);

/** The bucket ranges the API will compile from these values: the backend's own `getBucketRanges`. */
export const bucketRangesOf = (v: Pick<WizardValues, 'variants' | 'coverage'>) => {
  const coverage = num(v.coverage);
  return getBucketRanges(
    v.variants.length,
    Number.isFinite(coverage) ? coverage / 100 : 1,
    weightsOf(v).map((w) => (Number.isFinite(w) ? w : 0)),
  );
};

export const weightTotal = (v: Pick<WizardValues, 'variants'>) =>
  v.variants.reduce((sum, row) => sum + (Number.isFinite(num(row.weight)) ? num(row.weight) : 0), 0);

/** `experiments.create`'s input from the typed values (unparsed: the schema says what is wrong). */
export const createInputOf = (v: WizardValues) => ({
  key: v.key.trim(),
  name: v.name.trim(),
  hypothesis: v.hypothesis.trim(),
  variants: v.variants.map((row) => ({
    id: row.id.trim(),
    ...(row.name.trim() ? { name: row.name.trim() } : {}),
    weight: num(row.weight),
  })),
  targetingRules: { ...targetingOf(v), percentage: num(v.targetedPercentage) },
  primaryMetric: v.primaryMetric,
  secondaryMetrics: v.secondaryMetrics,
  guardrailMetrics: v.guardrailMetrics,
  hashAttribute: hashAttributeOf(v),
  fallbackAttribute: v.hashChoice === 'userId' && v.fallbackToDevice ? ('deviceId' as const) : null,
  hashVersion: v.hashVersion === '1' ? (1 as const) : (2 as const),
  coverage: num(v.coverage) / 100,
  namespace: v.namespaceOn
    ? ([v.namespaceId.trim(), num(v.namespaceStart) / 100, num(v.namespaceEnd) / 100] as [
        string,
        number,
        number,
      ])
    : null,
  flagKey: v.flagKey || null,
  analysis: {
    alpha: 0.05,
    sequential: v.sequential,
    cuped: v.cuped,
    preExposureDays: 14,
    decisionThreshold: 0.95,
  },
});

const percentIssue = (text: string) => {
  const n = num(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? null : 'Enter a percentage from 0 to 100.';
};

/**
 * Every problem with the values, by the API's field paths: numbers typed as text first (in words a person
 * reads), then the create schema itself, so the browser refuses exactly what the API would.
 */
export const checkWizard = (v: WizardValues): FieldErrors => {
  const errors: FieldErrors = {};
  v.variants.forEach((row, i) => {
    const issue = percentIssue(row.weight);
    if (issue) errors[`variants.${i}.weight`] = issue;
  });
  const coverage = percentIssue(v.coverage);
  if (coverage) errors.coverage = coverage;
  const targeted = percentIssue(v.targetedPercentage);
  if (targeted) errors['targetingRules.percentage'] = targeted;
  if (v.namespaceOn) {
    for (const [field, text] of [
      ['namespace.1', v.namespaceStart],
      ['namespace.2', v.namespaceEnd],
    ] as const) {
      const issue = percentIssue(text);
      if (issue) errors[field] = issue;
    }
  }
  if (v.variants.length > MAX_VARIANTS) errors.variants = `At most ${MAX_VARIANTS} variants.`;
  Object.assign(errors, checkTargeting(v, 'targetingRules'));
  if (!v.primaryMetric) errors.primaryMetric = 'Pick the metric that decides the experiment.';
  const parsed = ZExperimentCreateInput.safeParse(createInputOf(v));
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    if (path === 'namespace') {
      errors['namespace.1'] ??= issue.message;
      continue;
    }
    errors[path || 'form'] ??= issue.message;
  }
  return errors;
};

/** The errors that belong to one step. */
export const errorsOfStep = (errors: FieldErrors, step: number): FieldErrors =>
  Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfField(path) === step));
