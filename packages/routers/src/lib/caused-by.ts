/**
 * The bus event a side effect answers, and the subscriber that made it: a send or a job run records it, so
 * the event's page (events.getTimeline) can show everything the event caused.
 */
export type CausedBy = { eventId: string; subscriber: string };

/** What a subscriber passes on from the event it handles (`ctx` is its HandlerContext). */
export const causedBy = (event: { id: string }, ctx: { subscriber: string }): CausedBy => ({
  eventId: event.id,
  subscriber: ctx.subscriber,
});
