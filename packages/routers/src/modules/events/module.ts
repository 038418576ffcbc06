import { defineModule } from '../../module';
import { deadLetterSweep } from './jobs';
import { createEventsRepository } from './repository';
import { createEventsService } from './service';

/** The bus seen by admins: events, deliveries, dead letters and replay, and the dead-letter sweep. */
export const eventsModule = defineModule({
  name: 'events',
  create: ({ store, clock, bus }) => {
    const service = createEventsService({
      repo: createEventsRepository(store),
      store,
      clock,
      subscribers: () => bus.subscribers(),
    });
    return { service, jobs: [deadLetterSweep({ events: service, bus })] };
  },
});
