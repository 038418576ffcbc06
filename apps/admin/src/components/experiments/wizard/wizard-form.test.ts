import { getBucketRanges } from '@bytelyst/routers/modules/experiments/assignment';
import { ZExperimentCreateInput } from '@bytelyst/routers/modules/experiments/schema';
import { describe, expect, it } from 'vitest';
import {
  bucketRangesOf,
  checkWizard,
  createInputOf,
  EMPTY_WIZARD,
  errorsOfStep,
  stepOfField,
  type WizardValues,
} from './wizard-form';

const valid: WizardValues = {
  ...EMPTY_WIZARD,
  key: 'new-checkout',
  name: 'New checkout',
  primaryMetric: 'purchase',
};
const withWeights = (weights: string[], coverage = '100'): WizardValues => ({
  ...valid,
  coverage,
  variants: weights.map((weight, i) => ({ id: i === 0 ? 'control' : `t${i}`, name: '', weight })),
});

describe('the wizard form', () => {
  it('turns valid values into an input the API schema accepts, percentages as shares of 1', () => {
    expect(checkWizard(valid)).toEqual({});
    const input = createInputOf({
      ...valid,
      coverage: '80',
      hashChoice: 'userId',
      fallbackToDevice: true,
      namespaceOn: true,
      namespaceId: 'checkout',
      namespaceStart: '0',
      namespaceEnd: '50',
      platforms: ['ios'],
      includeUserIds: 'qa-1\nqa-2',
    });
    const parsed = ZExperimentCreateInput.parse(input);
    expect(parsed).toMatchObject({
      coverage: 0.8,
      namespace: ['checkout', 0, 0.5],
      hashAttribute: 'userId',
      fallbackAttribute: 'deviceId',
      targetingRules: { platforms: ['ios'], includeUserIds: ['qa-1', 'qa-2'], percentage: 100 },
      variants: [
        { id: 'control', name: 'Control', weight: 50 },
        { id: 'treatment', name: 'Treatment', weight: 50 },
      ],
    });
  });

  it('draws the same bucket ranges as the backend compiles (weights / 100, coverage)', () => {
    const values = withWeights(['30', '70'], '80');
    expect(bucketRangesOf(values)).toEqual(getBucketRanges(2, 0.8, [0.3, 0.7]));
    const [control, treatment] = bucketRangesOf(values);
    expect(control?.[1]).toBeCloseTo(0.24, 12);
    expect(treatment?.[0]).toBeCloseTo(0.3, 12);
    expect(treatment?.[1]).toBeCloseTo(0.86, 12);
    // Weights that do not sum to 100 split evenly, as the SDK does; the check refuses them by field.
    expect(bucketRangesOf(withWeights(['60', '60']))).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(checkWizard(withWeights(['60', '60'])).variants).toBe(
      'Variant weights must sum to 100 (they sum to 120)',
    );
  });

  it('names each bad field by its API path, and each path belongs to its step', () => {
    const errors = checkWizard({
      ...withWeights(['50', 'x']),
      key: 'Not A Key',
      coverage: '150',
      primaryMetric: '',
      minAppVersion: 'soon',
      namespaceOn: true,
      namespaceId: 'ns',
      namespaceStart: '60',
      namespaceEnd: '40',
    });
    expect(Object.keys(errors).sort()).toEqual([
      'coverage',
      'key',
      'namespace.1',
      'primaryMetric',
      'targetingRules.minAppVersion',
      'variants.1.weight',
    ]);
    expect(errors['namespace.1']).toBe('The range start must be below its end');
    expect(Object.keys(errorsOfStep(errors, 0))).toEqual(['key']);
    expect(Object.keys(errorsOfStep(errors, 2))).toEqual(['targetingRules.minAppVersion']);
    // The wizard's own page is /experiments/new: no experiment may take that key.
    expect(checkWizard({ ...valid, key: 'new' }).key).toBe('This key is reserved');
    expect(stepOfField('variants.1.weight')).toBe(1);
    expect(stepOfField('primaryMetric')).toBe(3);
    expect(stepOfField('form')).toBe(4);
  });
});
