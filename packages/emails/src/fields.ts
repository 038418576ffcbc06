import { z } from 'zod';

/** The recipient's name as the greeting uses it; optional everywhere, the greeting then says "there". */
export const ZPersonName = z.string().trim().min(1).max(100);

/** Instants travel as ISO strings so props survive JSON (queues, the console's preview form). */
export const ZInstant = z.iso.datetime({ offset: true });

// Mails are formatted in UTC and say so: the sender does not know the reader's time zone.
// Formatters are built once; constructing Intl objects costs more than a whole render.
const DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** `2025-03-14T09:30:00Z` -> `March 14, 2025`. */
export const formatDate = (iso: string) => DATE.format(new Date(iso));

/** `2025-03-14T09:30:00Z` -> `March 14, 2025 at 9:30 AM UTC`. */
export const formatDateTime = (iso: string) => `${DATE_TIME.format(new Date(iso))} UTC`;

/** 60 -> `1 hour`, 90 -> `90 minutes`, 2880 -> `2 days`. */
export function formatDuration(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

const MONEY = new Map<string, Intl.NumberFormat>();

/** Amounts come in the currency's minor unit, as payment providers send them: 4900 USD -> `$49.00`, 4900 JPY -> `¥4,900`. */
export function formatMoney(amountMinor: number, currency: string): string {
  const code = currency.toUpperCase();
  let format = MONEY.get(code);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    MONEY.set(code, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 code the runtime can format. */
export const ZCurrency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 currency code')
  .refine((code) => CURRENCIES.has(code.toUpperCase()), 'an unknown currency');
