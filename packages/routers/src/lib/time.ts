import type { Clock } from '@bytelyst/db/document-store';

export const isoNow = (clock: Clock): string => new Date(clock()).toISOString();

export const isoIn = (clock: Clock, seconds: number): string =>
  new Date(clock() + seconds * 1000).toISOString();

export const DAY_SECONDS = 24 * 60 * 60;
