import type { EventDoc } from '@bytelyst/events/event-doc';
import type { TestHarness } from './harness';

/** The events of `type` written to the events container, in emit order. */
export const eventsOf = async (h: TestHarness, type: string): Promise<EventDoc[]> => {
  const page = await h.store
    .container<EventDoc>('events')
    .query({ where: { type: { eq: type } }, limit: 1000 });
  return page.items.sort((a, b) => (a.seq < b.seq ? -1 : 1));
};
