import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore, Filter, Stored } from '@bytelyst/db/document-store';
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
      upsert: (doc: DeviceDoc) => devices().upsert(doc, { ttl: -1 }),
      replace: (doc: DeviceDoc, ifMatch: string) => devices().replace(doc, { ifMatch, ttl: -1 }),
      delete: (productId: string, id: string) => devices().delete(id, productId),
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
      upsert: (doc: PrefsDoc) => prefs().upsert(doc, { ttl: -1 }),
      delete: (productId: string, userId: string) => prefs().delete(userId, productId),
    },
  };
};

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
