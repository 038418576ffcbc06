import type { TestHarness } from './harness';

type EventDoc = {
  id: string;
  type: string;
  productId: string;
  actorId: string | null;
  data: Record<string, unknown>;
};

/** The events of `type` written to the events container, oldest first. */
export const eventsOf = async (h: TestHarness, type: string): Promise<EventDoc[]> => {
  const page = await h.store
    .container<EventDoc>('events')
    .query({ where: { type: { eq: type } }, limit: 1000 });
  return page.items;
};
