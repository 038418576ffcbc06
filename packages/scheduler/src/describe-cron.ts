const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const NUMBER = /^\d+$/;
const STEP = /^\*\/(\d+)$/;

const num = (field: string): number | null => (NUMBER.test(field) ? Number(field) : null);
const stepOf = (field: string): number | null => {
  const match = STEP.exec(field);
  return match ? Number(match[1]) : null;
};
const pad = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, unit: string) => (n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`);

const dayOfWeek = (field: string): string | null => {
  const lower = field.toLowerCase();
  if (lower === '1-5' || lower === 'mon-fri') return 'every weekday';
  const n = num(field) ?? DAY_NAMES[lower];
  return n === undefined || n === null || n > 7 ? null : `weekly on ${DAYS[n]}`;
};

/** "at HH:MM" or "at HH:MM:SS", when hour and minute (and seconds) are plain numbers. */
const clock = (second: number, minute: string, hour: string): string | null => {
  const m = num(minute);
  const h = num(hour);
  if (m === null || h === null) return null;
  return `at ${pad(h)}:${pad(m)}${second ? `:${pad(second)}` : ''}`;
};

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Sub-daily shapes: every N seconds / minutes / hours, hourly at a minute. */
const describeInterval = (sec: string, min: string, hour: string): string | null => {
  const s = num(sec);
  if (min === '*' && hour === '*') {
    if (sec === '*') return 'Every second';
    const secondStep = stepOf(sec);
    if (secondStep !== null) return plural(secondStep, 'second');
    if (s === 0) return 'Every minute';
    return s === null ? null : `Every minute at second ${s}`;
  }
  if (s === null) return null;
  const suffix = s ? ` and ${s} s` : '';
  const minuteStep = stepOf(min);
  if (minuteStep !== null && hour === '*')
    return `${plural(minuteStep, 'minute')}${s ? ` at second ${s}` : ''}`;
  const m = num(min);
  if (m === null) return null;
  if (hour === '*') return m === 0 && !s ? 'Every hour' : `Every hour at minute ${m}${suffix}`;
  const hourStep = stepOf(hour);
  if (hourStep === null) return null;
  return m === 0 && !s ? plural(hourStep, 'hour') : `${plural(hourStep, 'hour')} at minute ${m}${suffix}`;
};

/**
 * The common cron shapes in words (every N seconds/minutes/hours, daily, weekly, monthly at a time); anything
 * else comes back as the raw expression.
 */
export const describeCron = (cron: string): string => {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return cron;
  const [sec = '0', min = '', hour = '', dom = '', month = '', dow = ''] =
    fields.length === 6 ? fields : ['0', ...fields];
  if (month !== '*') return cron;
  if (dom === '*' && dow === '*') {
    const interval = describeInterval(sec, min, hour);
    if (interval) return interval;
  }
  const s = num(sec);
  const at = s === null ? null : clock(s, min, hour);
  if (!at) return cron;
  if (dom === '*' && dow === '*') return `Daily ${at}`;
  if (dom === '*') {
    const day = dayOfWeek(dow);
    return day ? `${capitalise(day)} ${at}` : cron;
  }
  const d = num(dom);
  if (dow === '*' && d !== null && d >= 1 && d <= 31) return `Monthly on day ${d} ${at}`;
  if (dow === '*' && dom.toUpperCase() === 'L') return `Monthly on the last day ${at}`;
  return cron;
};
