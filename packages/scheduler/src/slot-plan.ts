import type { JobSchedule } from './schedule';
import type { TMissedRunPolicy } from './schema';

export type PlannedSlot = { slotAt: number; trigger: 'schedule' | 'catch_up' };

export type SlotPlan = {
  /** Slots to run, oldest first (catch-up slots before on-time ones). */
  run: PlannedSlot[];
  /** Slots missed during an outage (capped at MISSED_COUNT_CAP); all of them, whatever the policy. */
  missed: number;
  /** With policy 'skip' and missed slots: the latest missed slot, recorded as one skipped run. */
  skippedAt: number | null;
};

/** Counting missed slots is only for the log, so a long outage of an every-second job stays cheap. */
export const MISSED_COUNT_CAP = 10_000;
/** A tick never runs more on-time slots of one job than this (only a sub-second cron on a slow tick gets near). */
const ON_TIME_CAP = 1000;

/**
 * Which slots in (lastSlotAt, now] to run. Slots before `now - graceMs` were missed (the schedule was not
 * evaluated in time, e.g. every instance was down) and follow the job's policy; later ones are on time.
 */
export const planSlots = (
  schedule: JobSchedule,
  opts: { lastSlotAt: number; now: number; graceMs: number; policy: TMissedRunPolicy; maxCatchUp: number },
): SlotPlan => {
  const { lastSlotAt, now, policy } = opts;
  const missedEnd = now - opts.graceMs;
  let missed = 0;
  let latestMissed: number | null = null;
  for (let t = schedule.next(lastSlotAt); t !== null && t < missedEnd; t = schedule.next(t)) {
    missed += 1;
    latestMissed = t;
    if (missed >= MISSED_COUNT_CAP) break;
  }
  const run: PlannedSlot[] = [];
  if (missed > 0 && policy !== 'skip') {
    const keep = policy === 'all' ? opts.maxCatchUp : 1;
    // previousN reaches the latest slots directly instead of walking the whole outage.
    for (const slotAt of schedule.previousN(keep, missedEnd)) {
      if (slotAt > lastSlotAt) run.push({ slotAt, trigger: 'catch_up' });
    }
  }
  // 1 ms back so a slot exactly at `now - grace` counts as on time (croner searches strictly after).
  const from = Math.max(lastSlotAt, missedEnd - 1);
  for (let t = schedule.next(from); t !== null && t <= now; t = schedule.next(t)) {
    run.push({ slotAt: t, trigger: 'schedule' });
    if (run.length >= ON_TIME_CAP) break;
  }
  return { run, missed, skippedAt: policy === 'skip' ? latestMissed : null };
};
