import { bucketFromSeed, bucketSeed, rolloutThreshold } from './fnv1a';
import type { TFlagRule, TFlagTargeting, TFlagTargetingRules, TPlatform } from './schema';
import { compareVersions, parseVersion, type Version } from './semver';

/**
 * Flag evaluation, pure and precompiled (the evaluate endpoint runs it for every flag of a product per call).
 *
 * Order, first match decides:
 *  1. the flag is disabled                              -> off  (disabled)
 *  2. the user id is in excludeUserIds                  -> off  (excluded)
 *  3. the user id is in includeUserIds                  -> on   (included)
 *  4. platforms are listed and the caller's is not one  -> off  (platform)
 *  5. a version bound is set and the app version is missing, unparsable or outside [min, max] -> off (app_version)
 *  6. percentage 100                                    -> on   (in_rollout)
 *     no user id nor device id to bucket on             -> off  (no_subject)
 *     bucket(FNV-1a-32(`${key}:${id}`) % 10000) < percentage * 100 -> on (in_rollout), else off (outside_rollout)
 * The bucket of an id never changes, so raising the percentage only adds holders.
 */

/** The caller, prepared once per request: the version is parsed once, not once per flag. */
export type Subject = {
  userId: string | null;
  /** userId, else deviceId: the id the rollout buckets on. */
  bucketId: string | null;
  platform: TPlatform | null;
  appVersion: Version | null;
};

export const prepareSubject = (input: {
  userId?: string | null;
  deviceId?: string | null;
  platform?: TPlatform | null;
  appVersion?: string | null;
}): Subject => ({
  userId: input.userId ?? null,
  bucketId: input.userId ?? input.deviceId ?? null,
  platform: input.platform ?? null,
  appVersion: input.appVersion ? parseVersion(input.appVersion) : null,
});

export type CompiledTargeting = {
  platforms: ReadonlySet<TPlatform> | null;
  minVersion: Version | null;
  maxVersion: Version | null;
  include: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
};

export type CompiledFlag = {
  key: string;
  enabled: boolean;
  seed: number;
  threshold: number;
  targeting: CompiledTargeting;
};

const versionOrNull = (text: string | null): Version | null => (text ? parseVersion(text) : null);

export const compileTargeting = (t: TFlagTargeting): CompiledTargeting => ({
  platforms: t.platforms.length > 0 ? new Set(t.platforms) : null,
  minVersion: versionOrNull(t.minAppVersion),
  maxVersion: versionOrNull(t.maxAppVersion),
  include: new Set(t.includeUserIds),
  exclude: new Set(t.excludeUserIds),
});

export const compileFlag = (flag: {
  key: string;
  enabled: boolean;
  percentage: number;
  targeting: TFlagTargeting;
}): CompiledFlag => ({
  key: flag.key,
  enabled: flag.enabled,
  seed: bucketSeed(flag.key),
  threshold: rolloutThreshold(flag.percentage),
  targeting: compileTargeting(flag.targeting),
});

/** Rules 2–5 (ids, platform, version): the rule that decided, or null when the rollout decides. */
export const matchTargeting = (t: CompiledTargeting, s: Subject): TFlagRule | null => {
  if (s.userId !== null) {
    if (t.exclude.has(s.userId)) return 'excluded';
    if (t.include.has(s.userId)) return 'included';
  }
  if (t.platforms !== null && (s.platform === null || !t.platforms.has(s.platform))) return 'platform';
  if (t.minVersion !== null || t.maxVersion !== null) {
    const v = s.appVersion;
    if (v === null) return 'app_version';
    if (t.minVersion !== null && compareVersions(v, t.minVersion) < 0) return 'app_version';
    if (t.maxVersion !== null && compareVersions(v, t.maxVersion) > 0) return 'app_version';
  }
  return null;
};

const rolloutRule = (seed: number, threshold: number, s: Subject): TFlagRule => {
  if (threshold >= 10_000) return 'in_rollout';
  if (s.bucketId === null) return threshold <= 0 ? 'outside_rollout' : 'no_subject';
  return bucketFromSeed(seed, s.bucketId) < threshold ? 'in_rollout' : 'outside_rollout';
};

export const decide = (flag: CompiledFlag, s: Subject): TFlagRule => {
  if (!flag.enabled) return 'disabled';
  return matchTargeting(flag.targeting, s) ?? rolloutRule(flag.seed, flag.threshold, s);
};

export const isOn = (rule: TFlagRule): boolean => rule === 'included' || rule === 'in_rollout';

/** Targeting plus percentage, for callers (experiments) that hold `TFlagTargetingRules` and their own key. */
export const compileRules = (key: string, rules: TFlagTargetingRules): CompiledFlag =>
  compileFlag({ key, enabled: true, percentage: rules.percentage, targeting: rules });

/** Every flag's value for one subject: the evaluate endpoint's body. */
export const evaluateAll = (flags: readonly CompiledFlag[], s: Subject): Record<string, boolean> => {
  const out: Record<string, boolean> = {};
  for (const flag of flags) out[flag.key] = isOn(decide(flag, s));
  return out;
};
