import {
  FLAG_PLATFORMS,
  type TFlag,
  type TFlagTargeting,
  type TPlatform,
  ZAppVersion,
  ZFlagKey,
} from '@bytelyst/routers/modules/flags/schema';
import { passes } from '~/lib/schema-check';

export type FlagFormValues = {
  key: string;
  description: string;
  percentage: string;
  platforms: TPlatform[];
  minAppVersion: string;
  maxAppVersion: string;
  includeUserIds: string;
  excludeUserIds: string;
};

/** The targeting part of a form, as typed: ids one per line. Flags and experiments share it. */
export type TargetingValues = Pick<
  FlagFormValues,
  'platforms' | 'minAppVersion' | 'maxAppVersion' | 'includeUserIds' | 'excludeUserIds'
>;

export const EMPTY_TARGETING: TargetingValues = {
  platforms: [],
  minAppVersion: '',
  maxAppVersion: '',
  includeUserIds: '',
  excludeUserIds: '',
};

export const EMPTY_FLAG: FlagFormValues = {
  key: '',
  description: '',
  percentage: '100',
  platforms: [],
  minAppVersion: '',
  maxAppVersion: '',
  includeUserIds: '',
  excludeUserIds: '',
};

export const PLATFORM_LABELS: Record<TPlatform, string> = {
  ios: 'iOS',
  android: 'Android',
  web: 'Web',
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
};
export const PLATFORMS = FLAG_PLATFORMS;

export const valuesOf = (flag: TFlag): FlagFormValues => ({
  key: flag.key,
  description: flag.description,
  percentage: String(flag.percentage),
  platforms: [...flag.targeting.platforms],
  minAppVersion: flag.targeting.minAppVersion ?? '',
  maxAppVersion: flag.targeting.maxAppVersion ?? '',
  includeUserIds: flag.targeting.includeUserIds.join('\n'),
  excludeUserIds: flag.targeting.excludeUserIds.join('\n'),
});

/** One id per line (commas and spaces separate too), without blanks or repeats. */
const idsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
  ),
];

export const targetingOf = (form: TargetingValues): TFlagTargeting => ({
  platforms: form.platforms,
  minAppVersion: form.minAppVersion.trim() || null,
  maxAppVersion: form.maxAppVersion.trim() || null,
  includeUserIds: idsOf(form.includeUserIds),
  excludeUserIds: idsOf(form.excludeUserIds),
});

/** The checks the browser can make; the API makes them again and more (ranges, duplicates). */
export const checkFlag = (form: FlagFormValues, creating: boolean): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (creating && !passes(ZFlagKey, form.key)) {
    errors.key = 'Use lower-case kebab-case or snake_case, e.g. new-editor.';
  }
  const p = Number(form.percentage);
  if (form.percentage.trim() === '' || !Number.isFinite(p) || p < 0 || p > 100) {
    errors.percentage = 'Enter a percentage from 0 to 100.';
  } else if (Math.abs(Math.round(p * 100) - p * 100) > 1e-6) {
    errors.percentage = 'At most two decimals.';
  }
  return { ...errors, ...checkTargeting(form, 'targeting') };
};

/** The version bounds the browser can check, as errors under `prefix` (`targeting.minAppVersion`). */
export const checkTargeting = (form: TargetingValues, prefix: string): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const field of ['minAppVersion', 'maxAppVersion'] as const) {
    const v = form[field].trim();
    if (v && !passes(ZAppVersion, v)) errors[`${prefix}.${field}`] = 'Expected a version such as 2.4.1.';
  }
  return errors;
};

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A one-line description of who a flag targets, for the table. */
export const targetingSummary = (t: TFlagTargeting): string[] => {
  const parts: string[] = [];
  parts.push(t.platforms.length ? t.platforms.map((p) => PLATFORM_LABELS[p]).join(', ') : 'All platforms');
  if (t.minAppVersion && t.maxAppVersion) parts.push(`v${t.minAppVersion} – v${t.maxAppVersion}`);
  else if (t.minAppVersion) parts.push(`≥ v${t.minAppVersion}`);
  else if (t.maxAppVersion) parts.push(`≤ v${t.maxAppVersion}`);
  if (t.includeUserIds.length) parts.push(`+${plural(t.includeUserIds.length, 'user')}`);
  if (t.excludeUserIds.length) parts.push(`−${plural(t.excludeUserIds.length, 'user')}`);
  return parts;
};
