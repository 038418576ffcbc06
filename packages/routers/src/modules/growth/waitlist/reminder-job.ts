import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { DAY_MS } from '../../../lib/time';
import { mutateDoc, plain } from '../mutate';
import type { WaitlistDoc, WaitlistRepository } from './repository';

const PAGE = 200;
export const STALE_AFTER_DAYS = 14;

/**
 * Roadmap §2.1 waitlist-reminder, weekly: entries still waiting, or invited without joining, whose last
 * activity (join, invitation or previous follow-up) is older than `staleAfterDays` get `followUpAt` set and
 * one waitlist.reminder_due each. The mark moves `activityAt` to now with the etag before the emit, so a
 * rerun, or a second instance, finds nothing left to do until the entry goes stale again.
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
    const seen = new Set<string>();
    const metrics = { scanned: 0, marked: 0, waiting: 0, invited: 0 };
    while (!ctx.signal.aborted) {
      // Cross-product on purpose: the job is platform-wide. Marked entries leave the query's reach.
      const page = await deps.repo.entries().query({
        where: { status: { in: ['waiting', 'invited'] }, activityAt: { lte: cutoff } },
        limit: PAGE,
      });
      const fresh = page.items.filter((doc) => !seen.has(`${doc.productId}/${doc.id}`));
      if (fresh.length === 0) break;
      for (const doc of fresh) {
        seen.add(`${doc.productId}/${doc.id}`);
        metrics.scanned += 1;
        const { doc: saved, changed } = await mutateDoc(
          deps.repo.entries(),
          doc.productId,
          doc.id,
          (current): WaitlistDoc | null =>
            (current.status === 'waiting' || current.status === 'invited') && current.activityAt <= cutoff
              ? {
                  ...plain(current),
                  followUpAt: nowIso,
                  followUps: current.followUps + 1,
                  activityAt: nowIso,
                }
              : null,
        ).catch(() => ({ doc, changed: false }));
        if (!changed || (saved.status !== 'waiting' && saved.status !== 'invited')) continue;
        metrics.marked += 1;
        metrics[saved.status] += 1;
        await deps.bus.emit(
          'waitlist.reminder_due',
          {
            entryId: saved.id,
            email: saved.email,
            status: saved.status,
            position: saved.position,
            followUps: saved.followUps,
          },
          { productId: saved.productId },
        );
      }
    }
    ctx.log('info', `Marked ${metrics.marked} stale waitlist entries for follow-up`, metrics);
    return metrics;
  },
});
