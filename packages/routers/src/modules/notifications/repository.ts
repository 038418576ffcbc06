import { CONTAINERS } from '@bytelyst/db/containers';
import {
  type DocumentStore,
  type Filter,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { TDevicePlatform, TPreferenceMatrix } from './schema';

export type DeviceDoc = {
  id: string;
  productId: string;
  userId: string;
  deviceId: string;
  platform: TDevicePlatform;
  pushToken: string | null;
  appVersion: string;
  locale: string;
  timeZone: string;
  createdAt: string;
  lastSeenAt: string;
};

export type PrefsDoc = { id: string; productId: string; preferences: TPreferenceMatrix; updatedAt: string };

export const deviceDocId = (userId: string, deviceId: string) => `${userId}:${deviceId}`;

export const createNotificationsRepository = (store: DocumentStore) => {
  const devices = () => store.container<DeviceDoc>(CONTAINERS.devices.name);
  const prefs = () => store.container<PrefsDoc>(CONTAINERS.notificationPrefs.name);
  const queryDevices = (productId: string, where: Filter<DeviceDoc>, limit: number, continuation?: string) =>
    devices().query({
      partitionKey: productId,
      where,
      orderBy: [{ field: 'lastSeenAt', direction: 'desc' }],
      limit,
      ...(continuation ? { continuation } : {}),
    });
  return {
    devices: {
      get: (productId: string, userId: string, deviceId: string) =>
        devices().read(deviceDocId(userId, deviceId), productId),
      upsert: (doc: DeviceDoc, outbox?: Outbox) => devices().upsert(doc, { ttl: -1, outbox }),
      /** Clears the push token of a device that still holds `pushToken` (re-checked under the etag). */
      releasePushToken: (productId: string, id: string, pushToken: string) =>
        devices().mutate(
          id,
          productId,
          (current) =>
            current.pushToken === pushToken ? { ...withoutSystemFields(current), pushToken: null } : null,
          { ttl: -1 },
        ),
      delete: (productId: string, id: string, outbox?: Outbox) => devices().delete(id, productId, { outbox }),
      query: queryDevices,
      /** All of one user's devices (a user has a handful). */
      async ofUser(productId: string, userId: string): Promise<Stored<DeviceDoc>[]> {
        const out: Stored<DeviceDoc>[] = [];
        let cursor: string | undefined;
        do {
          const page = await queryDevices(productId, { userId: { eq: userId } }, 200, cursor);
          out.push(...page.items);
          cursor = page.continuation ?? undefined;
        } while (cursor);
        return out;
      },
      withPushToken: async (productId: string, pushToken: string) =>
        (await queryDevices(productId, { pushToken: { eq: pushToken } }, 100)).items,
    },
    prefs: {
      get: (productId: string, userId: string) => prefs().read(userId, productId),
      upsert: (doc: PrefsDoc, outbox?: Outbox) => prefs().upsert(doc, { ttl: -1, outbox }),
      delete: (productId: string, userId: string) => prefs().delete(userId, productId),
    },
  };
};

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
