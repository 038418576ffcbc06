import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { PLATFORM_SCOPE } from './schema';
import type { EventsService } from './service';

const EVERY_MS = 15 * 60 * 1000;

/**
 * The dead-letter sweep: every 15 minutes, counts dead deliveries by subscriber and reports them as a
 * `bus.dead_letters_reported` platform event (the delivery module turns that into an admin notification).
 */
export const deadLetterSweep = (deps: { events: EventsService; bus: EventBus }): JobDefinition => ({
  name: 'dead-letter-sweep',
  cron: '*/15 * * * *',
  description: 'Counts event deliveries that exhausted their retries and reports them.',
  timeoutMs: 60_000,
  missedRunPolicy: 'once',
  run: async (ctx) => {
    const since = new Date(ctx.now() - EVERY_MS).toISOString();
    const report = await deps.events.deadLetterReport(since);
    if (report.total > 0) {
      ctx.log('warn', `${report.total} dead letters (${report.newSinceLastSweep} new)`, report.bySubscriber);
      await deps.bus.emit('bus.dead_letters_reported', report, { productId: PLATFORM_SCOPE });
    } else {
      ctx.log('info', 'no dead letters');
    }
    return { deadLetters: report.total, newDeadLetters: report.newSinceLastSweep };
  },
});
