import { GrowthBook } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { prepareSubject } from '../flags/evaluate';
import {
  type CompiledExperiment,
  chooseVariation,
  compileExperiment,
  decide,
  type ExperimentDefinition,
  getBucketRanges,
  hash,
  inNamespace,
  type Unit,
  type VariationRange,
} from './assignment';
import cases from './growthbook-cases.json';

type RunCase = [
  string,
  { attributes: Record<string, string> },
  {
    key: string;
    variations: number[];
    weights?: number[];
    coverage?: number;
    namespace?: [string, number, number];
    seed?: string;
    hashVersion?: number;
  },
  number,
  boolean,
  boolean,
];

describe('GrowthBook SDK test cases (vendored, see growthbook-cases.json for the source)', () => {
  it.each(cases.hash as [string, string, number, number | null][])(
    'hash(%j, %j, v%i) = %j',
    (seed, value, version, expected) => {
      expect(hash(seed, value, version)).toBe(expected);
    },
  );

  it.each(cases.getBucketRange.map((c) => [c[0], c[1], c[2]] as const))(
    'getBucketRanges: %s',
    (_, args, expected) => {
      const [n, coverage, weights] = args as [number, number, number[] | null];
      const ranges = getBucketRanges(n, coverage, weights ?? undefined);
      expect(ranges.map(([a, b]) => [roundTo(a), roundTo(b)])).toEqual(expected);
    },
  );

  it.each(cases.chooseVariation as [string, number, [number, number][], number][])(
    'chooseVariation: %s',
    (_, n, ranges, expected) => {
      expect(chooseVariation(n, ranges as VariationRange[])).toBe(expected);
    },
  );

  it.each(cases.inNamespace as [string, string, [string, number, number], boolean][])(
    'inNamespace: %s',
    (_, id, namespace, expected) => {
      expect(inNamespace(id, namespace)).toBe(expected);
    },
  );

  it.each(cases.run as unknown as RunCase[])('run: %s', (_, context, exp, value, inExperiment) => {
    const n = exp.variations.length;
    const compiled = compileExperiment({
      id: exp.key,
      key: exp.key,
      variants: exp.variations.map((v, i) => ({ id: String(v), weight: (exp.weights?.[i] ?? 1 / n) * 100 })),
      hashAttribute: 'id',
      fallbackAttribute: null,
      seed: exp.seed ?? exp.key,
      hashVersion: exp.hashVersion === 2 ? 2 : 1,
      coverage: exp.coverage ?? 1,
      namespace: exp.namespace ?? null,
      targetingRules: everyone,
      forcedVariants: [],
    });
    const d = decide(compiled, { attributes: context.attributes, subject: prepareSubject({}) });
    expect(d.kind === 'assigned').toBe(inExperiment);
    expect(d.kind === 'assigned' ? d.variationIndex : 0).toBe(value);
  });
});

/** The SDK's expected ranges are written to four decimals; sums such as 0.2 + 0.3 are not exact in binary. */
const roundTo = (x: number) => Math.round(x * 1e6) / 1e6;

const everyone = {
  platforms: [],
  minAppVersion: null,
  maxAppVersion: null,
  includeUserIds: [],
  excludeUserIds: [],
  percentage: 100,
};

/** mulberry32: a seeded generator, so a failure names a reproducible unit. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_:./@éüß中文😀';

const definitions: ExperimentDefinition[] = [
  { key: 'checkout-button', variants: [50, 50], hashVersion: 2 },
  { key: 'onboarding', variants: [20, 30, 50], hashVersion: 1, coverage: 0.6 },
  { key: 'pricing-a', variants: [10, 90], namespace: ['pricing', 0.2, 0.7] as const, seed: 'custom-seed' },
  { key: 'anon-banner', variants: [25, 25, 25, 25], hashAttribute: 'anonymousId', coverage: 0.3 },
  { key: 'device-layout', variants: [33.33, 33.33, 33.34], hashAttribute: 'deviceId', hashVersion: 1 },
  {
    key: 'search',
    variants: [5, 95],
    coverage: 0.95,
    namespace: ['search', 0, 0.5] as const,
    hashVersion: 1,
  },
].map((d) => ({
  id: d.key,
  key: d.key,
  variants: d.variants.map((weight, i) => ({ id: i === 0 ? 'control' : `treatment-${i}`, weight })),
  hashAttribute: d.hashAttribute ?? 'userId',
  fallbackAttribute: null,
  seed: d.seed ?? d.key,
  hashVersion: (d.hashVersion ?? 2) as 1 | 2,
  coverage: d.coverage ?? 1,
  namespace: d.namespace ?? null,
  targetingRules: everyone,
  forcedVariants: [],
}));

describe('assignment against the GrowthBook SDK (oracle)', () => {
  const random = seeded(20260601);
  const text = (length: number) =>
    Array.from({ length }, () => [...ALPHABET][Math.floor(random() * [...ALPHABET].length)]).join('');
  const units = Array.from({ length: 4000 }, (_, i) => {
    const attributes: Record<string, string | number> = {
      userId: i % 7 === 0 ? `usr_${i}` : text(1 + Math.floor(random() * 24)),
      deviceId: `dev-${text(12)}`,
    };
    if (i % 3 !== 0) attributes.anonymousId = text(16);
    if (i % 11 === 0) attributes.userId = i; // numbers hash as their text, as in the SDK
    return attributes;
  });

  it.each(definitions.map((d) => [d.key, d] as const))(
    '%s: every unit lands where the SDK puts it',
    (_, d) => {
      const compiled: CompiledExperiment = compileExperiment(d);
      let inExperiment = 0;
      for (const attributes of units) {
        const gb = new GrowthBook({ attributes }).run({
          key: d.key,
          variations: d.variants.map((v) => v.id) as [string, string, ...string[]],
          weights: d.variants.map((v) => v.weight / 100),
          coverage: d.coverage,
          ...(d.namespace ? { namespace: [...d.namespace] as [string, number, number] } : {}),
          hashVersion: d.hashVersion,
          seed: d.seed,
          hashAttribute: d.hashAttribute,
        });
        const unit: Unit = {
          attributes,
          subject: prepareSubject({
            userId: String(attributes.userId),
            deviceId: String(attributes.deviceId),
          }),
        };
        const ours = decide(compiled, unit);
        const assigned = ours.kind === 'assigned';
        const label = `${d.key} ${JSON.stringify(attributes)}`;
        expect(assigned, label).toBe(gb.inExperiment);
        expect(assigned ? ours.variationIndex : 0, label).toBe(gb.variationId);
        if (ours.kind !== 'untargeted') {
          expect(ours.hashAttribute, label).toBe(gb.hashAttribute);
          expect(ours.hashValue, label).toBe(gb.hashValue === '' ? '' : String(gb.hashValue));
        }
        if (assigned) inExperiment += 1;
      }
      // The definitions exclude some units and include many: neither side is trivially empty.
      expect(inExperiment).toBeGreaterThan(units.length * 0.1);
      expect(inExperiment).toBeLessThanOrEqual(units.length);
    },
  );

  it('keeps a sticky variation when weights and coverage change, and forces QA users', () => {
    const [first] = definitions;
    if (!first) throw new Error('no definition');
    const before = compileExperiment(first);
    const after = compileExperiment({
      ...first,
      coverage: 0.2,
      variants: [
        { id: 'control', weight: 90 },
        { id: 'treatment-1', weight: 10 },
      ],
      forcedVariants: [{ userId: 'qa-ada', variant: 'treatment-1' }],
    });
    let moved = 0;
    for (const attributes of units.slice(0, 500)) {
      const unit: Unit = { attributes, subject: prepareSubject({ userId: String(attributes.userId) }) };
      const was = decide(before, unit);
      if (was.kind !== 'assigned') continue;
      const fresh = decide(after, unit);
      if (fresh.kind !== 'assigned' || fresh.variationIndex !== was.variationIndex) moved += 1;
      expect(decide(after, unit, was.variationIndex)).toMatchObject({
        kind: 'assigned',
        variationIndex: was.variationIndex,
        sticky: true,
      });
    }
    // Without the sticky record the new weights would have moved many of them.
    expect(moved).toBeGreaterThan(100);
    const qa: Unit = { attributes: { userId: 'qa-ada' }, subject: prepareSubject({ userId: 'qa-ada' }) };
    expect(decide(after, qa)).toMatchObject({ kind: 'forced', variationIndex: 1 });
  });
});
