/**
 * Wall-clock arithmetic in an IANA zone, for quiet hours and the daily cap: what hour it is for the user, and
 * when a given local hour next comes round (DST included).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export type LocalTime = { day: string; hour: number; minute: number };

export const localTime = (ms: number, timeZone: string): LocalTime => {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
};

/** A window of local hours, `start` inclusive to `end` exclusive; it wraps midnight when start > end. */
export type QuietHours = { start: number; end: number };

export const inQuietHours = (ms: number, timeZone: string, quiet: QuietHours): boolean => {
  const { hour } = localTime(ms, timeZone);
  return quiet.start <= quiet.end
    ? hour >= quiet.start && hour < quiet.end
    : hour >= quiet.start || hour < quiet.end;
};

/** The first instant after `ms` at which the local clock in `timeZone` shows `hour`:00. */
export const nextLocalHour = (ms: number, timeZone: string, hour: number): number => {
  const now = localTime(ms, timeZone);
  const minutesNow = now.hour * 60 + now.minute;
  let minutes = (hour * 60 - minutesNow + 1440) % 1440;
  if (minutes === 0) minutes = 1440;
  const startOfMinute = ms - (ms % 60_000);
  let candidate = startOfMinute + minutes * 60_000;
  // A DST change in between moves the wall clock by an hour: correct by what the candidate shows.
  const shown = localTime(candidate, timeZone);
  const drift = (shown.hour - hour) * 60 + shown.minute;
  if (drift !== 0 && Math.abs(drift) <= 120) candidate -= drift * 60_000;
  return candidate;
};
