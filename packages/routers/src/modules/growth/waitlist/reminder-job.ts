import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../../lib/sweep';
import { DAY_MS } from '../../../lib/time';
import type { WaitlistDoc, WaitlistRepository } from './repository';

const PAGE = 200;
export const STALE_AFTER_DAYS = 14;

/**
 * Weekly: entries still waiting, or invited without joining, whose last
 * activity (join, invitation or previous follow-up) is older than `staleAfterDays` get `followUpAt` set and
 * one waitlist.reminder_due each, committed with the mark. The mark moves `activityAt` to now under the etag,
 * so a rerun, or a second instance, finds nothing left to do until the entry goes stale again.
 */
export const createWaitlistReminderJob = (deps: {
  repo: WaitlistRepository;
  bus: EventBus;
  staleAfterDays?: number;
}): JobDefinition => ({
  name: 'waitlist-reminder',
  cron: '0 9 * * 1',
  timezone: 'UTC',
  description: 'Mark waitlist entries waiting or invited for too long for follow-up',
  missedRunPolicy: 'once',
  async run(ctx) {
    const now = ctx.now();
    const nowIso = new Date(now).toISOString();
    const cutoff = new Date(now - (deps.staleAfterDays ?? STALE_AFTER_DAYS) * DAY_MS).toISOString();
    const isStale = (doc: WaitlistDoc) =>
      (doc.status === 'waiting' || doc.status === 'invited') && doc.activityAt <= cutoff;
    const metrics = { marked: 0, waiting: 0, invited: 0 };
    const { scanned } = await sweep({
      signal: ctx.signal,
      page: (cursor) => deps.repo.stale(cutoff, PAGE, cursor),
      async handle(doc) {
        const marked = await deps.repo.mutate(
          doc.productId,
          doc.id,
          (current): WaitlistDoc | null =>
            isStale(current)
              ? {
                  ...withoutSystemFields(current),
                  followUpAt: nowIso,
                  followUps: current.followUps + 1,
                  activityAt: nowIso,
                }
              : null,
          (next) =>
            next.status === 'waiting' || next.status === 'invited'
              ? deps.bus.stage(
                  'waitlist.reminder_due',
                  {
                    entryId: next.id,
                    email: next.email,
                    status: next.status,
                    position: next.position,
                    followUps: next.followUps,
                  },
                  { productId: next.productId },
                )
              : undefined,
        );
        const status = marked?.doc.status;
        if (!marked?.changed || (status !== 'waiting' && status !== 'invited')) return false;
        metrics.marked += 1;
        metrics[status] += 1;
        return true;
      },
      onError: (doc, error) =>
        ctx.log('warn', `Could not mark waitlist entry ${doc.productId}/${doc.id}`, { error: String(error) }),
    });
    ctx.log('info', `Marked ${metrics.marked} stale waitlist entries for follow-up`, { scanned, ...metrics });
    return { scanned, ...metrics };
  },
});
