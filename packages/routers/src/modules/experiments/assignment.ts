import { type CompiledTargeting, compileTargeting, matchTargeting, type Subject } from '../flags/evaluate';
import { bucketFromSeed, bucketSeed, rolloutThreshold } from '../flags/fnv1a';
import type { TFlagTargetingRules } from '../flags/schema';

/**
 * Variant assignment exactly as the GrowthBook SDK specifies it (https://docs.growthbook.io/lib/build-your-own),
 * so a unit lands in the same variant here as in any GrowthBook SDK given the same experiment definition.
 */

export type VariationRange = readonly [number, number];

/**
 * FNV-1a 32-bit over UTF-16 code units, as GrowthBook's `hashFnv32a` (`charCodeAt`, not UTF-8 bytes: the flags
 * module's FNV hashes bytes and differs from this on non-ASCII text). The multiply by the FNV prime is the SDK's
 * shift-and-add, done in one `Math.imul`.
 */
export const fnv32a = (text: string): number => fnv32aContinue(0x811c9dc5, text);

/** The hash of `prefix + text` from the state after `prefix`: assignment hashes only the unit's value. */
export const fnv32aContinue = (state: number, text: string): number => {
  let hash = state;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

/** `hash(seed, value, version)` with fnv32a's state after the seed (v2) precomputed; same result. */
const hashFromSeedState = (seed: string, seedState: number, value: string, version: 1 | 2): number =>
  version === 2
    ? (fnv32a(String(fnv32aContinue(seedState, value))) % 10000) / 10000
    : (fnv32aContinue(fnv32a(value), seed) % 1000) / 1000;

/** v1: `fnv32a(value + seed) % 1000 / 1000`; v2: `fnv32a(String(fnv32a(seed + value))) % 10000 / 10000`. */
export const hash = (seed: string, value: string, version: number): number | null => {
  if (version === 2) return (fnv32a(String(fnv32a(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnv32a(value + seed) % 1000) / 1000;
  return null;
};

export const getEqualWeights = (n: number): number[] => (n <= 0 ? [] : new Array<number>(n).fill(1 / n));

/** Coverage is clamped to [0, 1]; weights of the wrong length or not summing to 1 (±0.01) become equal. */
export const getBucketRanges = (
  numVariations: number,
  coverage: number | undefined,
  weights?: readonly number[],
): VariationRange[] => {
  const cover = coverage === undefined ? 1 : Math.min(1, Math.max(0, coverage));
  const equal = getEqualWeights(numVariations);
  let w: readonly number[] = weights ?? equal;
  if (w.length !== numVariations) w = equal;
  const total = w.reduce((sum, x) => sum + x, 0);
  if (total < 0.99 || total > 1.01) w = equal;
  let cumulative = 0;
  return w.map((x) => {
    const start = cumulative;
    cumulative += x;
    return [start, start + cover * x] as const;
  });
};

export const inRange = (n: number, range: VariationRange): boolean => n >= range[0] && n < range[1];

export const chooseVariation = (n: number, ranges: readonly VariationRange[]): number => {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i];
    if (range && inRange(n, range)) return i;
  }
  return -1;
};

/** Namespaces hash with v1 and the seed `__${id}`: the unit is in when its hash falls in [start, end). */
export const inNamespace = (hashValue: string, namespace: readonly [string, number, number]): boolean => {
  const n = hash(`__${namespace[0]}`, hashValue, 1);
  return n !== null && n >= namespace[1] && n < namespace[2];
};

/** What an experiment needs at assignment time, prepared once per definition. */
export type CompiledExperiment = {
  id: string;
  key: string;
  variationKeys: readonly string[];
  hashAttribute: string;
  fallbackAttribute: string | null;
  seed: string;
  /** fnv32a's state after the seed, so a v2 hash hashes only the unit's value. */
  seedState: number;
  hashVersion: 1 | 2;
  ranges: readonly VariationRange[];
  namespace: readonly [string, number, number] | null;
  targeting: CompiledTargeting;
  rolloutSeed: number;
  rolloutThreshold: number;
  /** QA users by user id -> the variation index they always see. */
  forced: ReadonlyMap<string, number>;
};

export type ExperimentDefinition = {
  id: string;
  key: string;
  variants: readonly { id: string; weight: number }[];
  hashAttribute: string;
  fallbackAttribute: string | null;
  seed: string;
  hashVersion: 1 | 2;
  coverage: number;
  namespace: readonly [string, number, number] | null;
  targetingRules: TFlagTargetingRules;
  forcedVariants: readonly { userId: string; variant: string }[];
};

export const compileExperiment = (e: ExperimentDefinition): CompiledExperiment => {
  const forced = new Map<string, number>();
  for (const f of e.forcedVariants) {
    const index = e.variants.findIndex((v) => v.id === f.variant);
    if (index >= 0) forced.set(f.userId, index);
  }
  return {
    id: e.id,
    key: e.key,
    variationKeys: e.variants.map((v) => v.id),
    hashAttribute: e.hashAttribute,
    fallbackAttribute: e.fallbackAttribute,
    seed: e.seed,
    seedState: fnv32a(e.seed),
    hashVersion: e.hashVersion,
    // The roadmap's weights are percentages; GrowthBook's are shares of 1.
    ranges: getBucketRanges(
      e.variants.length,
      e.coverage,
      e.variants.map((v) => v.weight / 100),
    ),
    namespace: e.namespace,
    targeting: compileTargeting(e.targetingRules),
    rolloutSeed: bucketSeed(e.key),
    rolloutThreshold: rolloutThreshold(e.targetingRules.percentage),
    forced,
  };
};

/** The unit being assigned: its attributes by name (userId and deviceId among them) and its targeting facts. */
export type Unit = {
  attributes: Readonly<Record<string, string | number | boolean | null | undefined>>;
  subject: Subject;
};

/** A GrowthBook hash value: a truthy attribute, as text (the SDK concatenates it to the seed). */
const attributeValue = (unit: Unit, name: string): string | null => {
  const value = unit.attributes[name];
  return value ? String(value) : null;
};

/** The hash attribute, else the fallback (GrowthBook with sticky bucketing), and its value; null when neither. */
export const hashAttributeOf = (
  e: CompiledExperiment,
  unit: Unit,
): { hashAttribute: string; hashValue: string } | null => {
  const own = attributeValue(unit, e.hashAttribute);
  if (own !== null) return { hashAttribute: e.hashAttribute, hashValue: own };
  if (e.fallbackAttribute === null) return null;
  const fallback = attributeValue(unit, e.fallbackAttribute);
  return fallback === null ? null : { hashAttribute: e.fallbackAttribute, hashValue: fallback };
};

export type Decision =
  /** Not targeted (targeting rules or their percentage): not reported to the client. */
  | { kind: 'untargeted' }
  /** Targeted but not in the experiment (no hash value, namespace, coverage): reported, not exposed. */
  | { kind: 'excluded'; hashAttribute: string; hashValue: string }
  /** A QA user's forced variant: reported, never an exposure. */
  | { kind: 'forced'; variationIndex: number; hashAttribute: string; hashValue: string }
  | { kind: 'assigned'; variationIndex: number; hashAttribute: string; hashValue: string; sticky: boolean };

/**
 * One experiment for one unit, in the SDK's order: forced variation (QA users), targeting, hash attribute,
 * sticky bucket, namespace, then hash -> bucket ranges -> variation. `sticky` is the variation stored for this
 * unit, if any: like GrowthBook's sticky bucketing it skips namespace, coverage and weights, so changing them
 * while running reshuffles no one; targeting still applies, so narrowing it takes units out.
 */
export const decide = (e: CompiledExperiment, unit: Unit, sticky?: number): Decision => {
  const userId = unit.subject.userId;
  const attribute = hashAttributeOf(e, unit);
  if (userId !== null) {
    const forced = e.forced.get(userId);
    if (forced !== undefined) {
      return {
        kind: 'forced',
        variationIndex: forced,
        hashAttribute: attribute?.hashAttribute ?? e.hashAttribute,
        hashValue: attribute?.hashValue ?? '',
      };
    }
  }
  if (!targeted(e, unit)) return { kind: 'untargeted' };
  if (attribute === null) return { kind: 'excluded', hashAttribute: e.hashAttribute, hashValue: '' };
  if (sticky !== undefined && sticky >= 0 && sticky < e.variationKeys.length) {
    return { kind: 'assigned', variationIndex: sticky, ...attribute, sticky: true };
  }
  if (e.namespace !== null && !inNamespace(attribute.hashValue, e.namespace)) {
    return { kind: 'excluded', ...attribute };
  }
  const index = chooseVariation(
    hashFromSeedState(e.seed, e.seedState, attribute.hashValue, e.hashVersion),
    e.ranges,
  );
  if (index < 0) return { kind: 'excluded', ...attribute };
  return { kind: 'assigned', variationIndex: index, ...attribute, sticky: false };
};

/** The flags module's targeting (ids, platform, app version) and its percentage rollout. */
const targeted = (e: CompiledExperiment, unit: Unit): boolean => {
  const rule = matchTargeting(e.targeting, unit.subject);
  if (rule === 'included') return true;
  if (rule !== null) return false;
  if (e.rolloutThreshold >= 10_000) return true;
  const id = unit.subject.bucketId;
  return id !== null && bucketFromSeed(e.rolloutSeed, id) < e.rolloutThreshold;
};
