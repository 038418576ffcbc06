import type { Subscriber } from '@bytelyst/events/bus';
import type { Assignments } from './assignments';

/** What the handlers need of the sessions and flags modules. */
export type HandlerNeeds = {
  sessionDevice(userId: string, sessionId: string): Promise<string | null>;
  rollout(productId: string, flagKey: string, on: boolean, actorId: string): Promise<void>;
};

/** On sign-in, the device's anonymous assignments merge into the user (see `Assignments.mergeDevice`). */
export const experimentsSignInMerge = (
  assignments: Pick<Assignments, 'mergeDevice'>,
  needs: Pick<HandlerNeeds, 'sessionDevice'>,
): Subscriber<'session.created'> => ({
  name: 'experiments-sign-in-merge',
  events: ['session.created'],
  description:
    "Merges an anonymous device's experiment assignments and exposures into the user who signed in on it.",
  handle: async (event) => {
    const deviceId = await needs.sessionDevice(event.data.userId, event.data.sessionId);
    if (deviceId) await assignments.mergeDevice(event.productId, event.data.userId, deviceId);
  },
});

/**
 * A concluded flag-backed experiment drives its flag: on at 100 % for a treatment winner, off for control.
 * Setting a flag to the state it has is a no-op, so a redelivery changes nothing.
 */
export const experimentsFlagRollout = (
  needs: Pick<HandlerNeeds, 'rollout'>,
): Subscriber<'experiment.concluded'> => ({
  name: 'experiments-flag-rollout',
  events: ['experiment.concluded'],
  description:
    "Rolls a concluded experiment's flag out to 100 % for a treatment winner, or turns it off for control.",
  handle: async (event) => {
    const { flagKey, flagRollout } = event.data;
    if (flagKey === null || flagRollout === 'unchanged') return;
    await needs.rollout(event.productId, flagKey, flagRollout === 'on', event.actorId ?? 'system');
  },
});
