import { Cron } from 'croner';

/** A cron expression in one time zone, evaluated in real time (DST rules as croner: Vixie cron). */
export type JobSchedule = {
  /** The first slot strictly after `afterMs` (epoch ms), or null when there is none. */
  next(afterMs: number): number | null;
  /** Up to `n` slots strictly after `afterMs`, oldest first. */
  nextN(n: number, afterMs: number): number[];
  /** Up to `n` latest slots strictly before `beforeMs`, oldest first. */
  previousN(n: number, beforeMs: number): number[];
};

/** Throws croner's own message (it names the bad field) when the expression or the zone is invalid. */
export const createSchedule = (cron: string, timezone: string): JobSchedule => {
  // Intl rejects unknown zones up front; croner only notices on the first evaluation.
  new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  const pattern = new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' });
  // Jobs sharing a schedule ask for the same instant in one tick; one evaluation answers them all.
  let memo: { after: number; next: number | null } | undefined;
  return {
    next: (afterMs) => {
      if (memo?.after !== afterMs)
        memo = { after: afterMs, next: pattern.nextRun(new Date(afterMs))?.getTime() ?? null };
      return memo.next;
    },
    nextN: (n, afterMs) => pattern.nextRuns(n, new Date(afterMs)).map((d) => d.getTime()),
    previousN: (n, beforeMs) =>
      pattern
        .previousRuns(n, new Date(beforeMs))
        .map((d) => d.getTime())
        .reverse(),
  };
};
