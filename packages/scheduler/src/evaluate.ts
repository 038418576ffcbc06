import type { RegisteredJob } from './definition';
import { isHeld, type JobDefinitionDoc, type JobsRepository } from './repository';
import { planSlots, type SlotPlan } from './slot-plan';

const iso = (ms: number) => new Date(ms).toISOString();

/** First sight of a job: evaluated up to now, so nothing before registration is treated as missed. */
export const newDefinitionDoc = (job: RegisteredJob, now: number): JobDefinitionDoc => {
  const next = job.schedule.next(now);
  return {
    id: job.name,
    productId: job.productId,
    name: job.name,
    enabled: job.enabledByDefault,
    lastSlotAt: iso(now),
    nextRunAt: next === null ? null : iso(next),
    lastRun: null,
    updatedAt: iso(now),
  };
};

/** `held`: a maintenance hold (see hold.ts) kept it from running; `paused` is true then too. */
export type Evaluation = { plan: SlotPlan; paused: boolean; held: boolean; nextRunAt: number | null };

const NOTHING: SlotPlan = { run: [], missed: 0, skippedAt: null };

/**
 * Decides which slots of a due job to run and marks everything up to `now` as evaluated, in one optimistic
 * write of the definition, so a pause written by another process in between is never overwritten. A paused
 * job's slots pass without runs.
 */
export const evaluateJob = async (
  repo: JobsRepository,
  job: RegisteredJob,
  now: number,
  graceMs: number,
): Promise<Evaluation> => {
  const nextRunAt = job.schedule.next(now);
  let evaluation: Evaluation = { plan: NOTHING, paused: false, held: false, nextRunAt };
  await repo.updateDefinition(job.productId, job.name, (doc) => {
    if (!doc) {
      evaluation = { plan: NOTHING, paused: !job.enabledByDefault, held: false, nextRunAt };
      return newDefinitionDoc(job, now);
    }
    if (doc.enabled && isHeld(doc)) {
      // Nothing is written: the held slots stay unevaluated, to be judged as missed once the hold lifts.
      evaluation = { plan: NOTHING, paused: true, held: true, nextRunAt };
      return null;
    }
    const lastSlotAt = Date.parse(doc.lastSlotAt);
    const plan = doc.enabled
      ? planSlots(job.schedule, {
          lastSlotAt,
          now,
          graceMs,
          policy: job.missedRunPolicy,
          maxCatchUp: job.maxCatchUp,
        })
      : NOTHING;
    evaluation = { plan, paused: !doc.enabled, held: false, nextRunAt };
    return {
      ...doc,
      // Another instance's clock may be ahead; never move backwards.
      lastSlotAt: iso(Math.max(now, lastSlotAt)),
      nextRunAt: nextRunAt === null ? null : iso(nextRunAt),
      updatedAt: iso(now),
    };
  });
  return evaluation;
};
