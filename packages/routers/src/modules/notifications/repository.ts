import {
  type DocumentStore,
  type Filter,
  type Outbox,
  type Stored,
  StoreError,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { NOTIFICATIONS_CONTAINERS } from './containers';
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
  const devices = () => store.container<DeviceDoc>(NOTIFICATIONS_CONTAINERS.devices.name);
  const prefs = () => store.container<PrefsDoc>(NOTIFICATIONS_CONTAINERS.notificationPrefs.name);
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
      /**
       * Writes a registration in one batch of the product's partition: the device (created, or replaced under
       * the etag it was read with) and every other device that held its push token, released under theirs.
       * Throws StoreError `conflict`, `precondition_failed` or `not_found` when any of them changed meanwhile.
       */
      async register(
        doc: DeviceDoc,
        current: Stored<DeviceDoc> | undefined,
        holders: readonly Stored<DeviceDoc>[],
        outbox: Outbox,
      ): Promise<Stored<DeviceDoc>> {
        const saved = await devices().batch(
          doc.productId,
          [
            ...holders.map((other) => ({
              op: 'replace' as const,
              doc: { ...withoutSystemFields(other), pushToken: null },
              ifMatch: other._etag,
              ttl: -1,
            })),
            current
              ? { op: 'replace' as const, doc, ifMatch: current._etag, ttl: -1 }
              : { op: 'create' as const, doc, ttl: -1 },
          ],
          { outbox },
        );
        const device = saved.at(-1);
        if (!device) throw new StoreError('invalid', 'A device registration wrote no device');
        return device;
      },
      delete: (productId: string, id: string, outbox?: Outbox) => devices().delete(id, productId, { outbox }),
      mutate: (productId: string, id: string, change: (current: Stored<DeviceDoc>) => DeviceDoc | null) =>
        devices().mutate(id, productId, change),
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
      /** The devices holding a push token, bar one (at most 99: a batch holds 100 writes). */
      withPushToken: async (productId: string, pushToken: string, exceptId: string) =>
        (await queryDevices(productId, { pushToken: { eq: pushToken } }, 100)).items
          .filter((doc) => doc.id !== exceptId)
          .slice(0, 99),
    },
    prefs: {
      get: (productId: string, userId: string) => prefs().read(userId, productId),
      upsert: (doc: PrefsDoc, outbox?: Outbox) => prefs().upsert(doc, { ttl: -1, outbox }),
      delete: (productId: string, userId: string) => prefs().delete(userId, productId),
    },
  };
};

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
