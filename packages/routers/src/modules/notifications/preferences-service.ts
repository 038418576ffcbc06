import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import type { NotificationsRepository } from './repository';
import {
  CHANNELS,
  NOTIFICATION_TYPES,
  type TChannel,
  type TNotificationType,
  type TPreferenceMatrix,
  type TPreferences,
  type TPreferencesUpdateInput,
} from './schema';

/** Opt-out for what the user needs, opt-in for marketing. */
export const DEFAULT_PREFERENCES: TPreferenceMatrix = {
  security: { email: true, push: true, in_app: true },
  billing: { email: true, push: false, in_app: true },
  product_updates: { email: true, push: true, in_app: true },
  marketing: { email: false, push: false, in_app: true },
};

/** Channels a user may not turn off for a type: security mail reaches every account. */
const LOCKED: Partial<Record<TNotificationType, readonly TChannel[]>> = { security: ['email'] };

const copy = (m: TPreferenceMatrix): TPreferenceMatrix => ({
  security: { ...m.security },
  billing: { ...m.billing },
  product_updates: { ...m.product_updates },
  marketing: { ...m.marketing },
});

export const createPreferencesService = (deps: {
  repo: NotificationsRepository;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock } = deps;

  const get = async (productId: string, userId: string): Promise<TPreferences> => {
    const doc = await repo.prefs.get(productId, userId);
    // Stored values over the defaults, so a type added later starts at its default.
    const preferences = copy(DEFAULT_PREFERENCES);
    for (const type of NOTIFICATION_TYPES) Object.assign(preferences[type], doc?.preferences[type]);
    return { userId, productId, preferences, updatedAt: doc?.updatedAt ?? null };
  };

  return {
    get,
    async update(productId: string, userId: string, input: TPreferencesUpdateInput): Promise<TPreferences> {
      const current = await get(productId, userId);
      const next = copy(current.preferences);
      const changes: string[] = [];
      for (const type of NOTIFICATION_TYPES) {
        const patch = input.preferences[type];
        if (!patch) continue;
        for (const channel of CHANNELS) {
          const value = patch[channel];
          if (value === undefined || value === next[type][channel]) continue;
          if (!value && LOCKED[type]?.includes(channel)) {
            throw new AppError('VALIDATION', `${type} notifications by ${channel} cannot be turned off`, {
              fields: [{ path: `preferences.${type}.${channel}`, message: 'Cannot be turned off' }],
            });
          }
          next[type][channel] = value;
          changes.push(`${type}.${channel}`);
        }
      }
      if (changes.length === 0) return current;
      const updatedAt = isoNow(clock);
      await repo.prefs.upsert(
        { id: userId, productId, preferences: next, updatedAt },
        deps.bus.stage('notification_prefs.updated', { userId, changes }, { productId, actorId: userId }),
      );
      return { userId, productId, preferences: next, updatedAt };
    },
    /** For the delivery workers: may `type` reach this user by `channel`? */
    async allows(productId: string, userId: string, type: TNotificationType, channel: TChannel) {
      if (LOCKED[type]?.includes(channel)) return true;
      return (await get(productId, userId)).preferences[type][channel];
    },
    delete: (productId: string, userId: string) => repo.prefs.delete(productId, userId),
  };
};

export type PreferencesService = ReturnType<typeof createPreferencesService>;
