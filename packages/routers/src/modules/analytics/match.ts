import type { TStepFilter } from './schema';
import type { RawEvent } from './sources';

/** Names and `prefix*` patterns as one test: exact names in a set, prefixes checked in turn. */
export const patternMatcher = (patterns: readonly string[]): ((name: string) => boolean) => {
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
};

/** A source setting (`any`, `none` or patterns) as a test. */
export const settingMatcher = (setting: 'any' | 'none' | readonly string[]): ((name: string) => boolean) => {
  if (setting === 'any') return () => true;
  if (setting === 'none') return () => false;
  return patternMatcher(setting);
};

/** The value a filter reads: `platform` and `appVersion` are the event's own fields, anything else a prop. */
const propertyOf = (event: RawEvent, property: string): string | number | boolean | null | undefined => {
  if (property === 'platform') return event.platform;
  if (property === 'appVersion') return event.appVersion;
  return event.props[property];
};

export const filterMatches = (event: RawEvent, filter: TStepFilter): boolean => {
  const value = propertyOf(event, filter.property);
  switch (filter.operator) {
    case 'exists':
      return value !== undefined && value !== null;
    case 'eq':
      return value === filter.value;
    case 'neq':
      return value !== filter.value;
    case 'contains':
      return typeof value === 'string' && value.includes(String(filter.value));
    case 'gt':
      return typeof value === 'number' && typeof filter.value === 'number' && value > filter.value;
    case 'lt':
      return typeof value === 'number' && typeof filter.value === 'number' && value < filter.value;
  }
};
