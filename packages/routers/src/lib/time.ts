/** Time arithmetic in UTC, shared by every module; "now" always comes from an injected clock. */
import type { Clock } from '@bytelyst/db/document-store';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const DAY_SECONDS = DAY_MS / SECOND_MS;

export const isoNow = (clock: Clock): string => new Date(clock()).toISOString();

export const isoIn = (clock: Clock, seconds: number): string =>
  new Date(clock() + seconds * SECOND_MS).toISOString();

/** An instant `days` (may be negative or fractional) after `ms`. */
export const addDays = (ms: number, days: number): number => ms + days * DAY_MS;

/** The ISO instant `days` after the ISO instant `iso`. */
export const addDaysIso = (iso: string, days: number): string =>
  new Date(addDays(Date.parse(iso), days)).toISOString();

/** The UTC day `yyyy-mm-dd` of an instant. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC month `yyyy-mm` of an instant. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export const startOfDay = (ms: number): number => Date.parse(`${dayOf(ms)}T00:00:00.000Z`);

export const startOfMonth = (ms: number): number => Date.parse(`${monthOf(ms)}-01T00:00:00.000Z`);

export const startOfNextMonth = (ms: number): number => {
  const d = new Date(startOfMonth(ms));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

/** How many days from `from` to `to` inclusive (both `yyyy-mm-dd`). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
