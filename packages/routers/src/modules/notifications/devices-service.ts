import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { type DeviceDoc, deviceDocId, type NotificationsRepository } from './repository';
import type { TDevice, TDeviceListInput, TRegisterDeviceInput } from './schema';

export const toDevice = (doc: DeviceDoc): TDevice => ({
  deviceId: doc.deviceId,
  userId: doc.userId,
  productId: doc.productId,
  platform: doc.platform,
  hasPushToken: doc.pushToken !== null,
  pushTokenSuffix: doc.pushToken ? doc.pushToken.slice(-6) : null,
  appVersion: doc.appVersion,
  locale: doc.locale,
  timeZone: doc.timeZone,
  createdAt: doc.createdAt,
  lastSeenAt: doc.lastSeenAt,
});

/** Rounds of re-reading when other registrations change the same devices meanwhile. */
const MAX_REGISTER_ATTEMPTS = 10;

const isRace = (error: unknown) =>
  isStoreError(error, 'conflict') ||
  isStoreError(error, 'precondition_failed') ||
  isStoreError(error, 'not_found');

export const createDevicesService = (deps: {
  repo: NotificationsRepository;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, bus } = deps;

  return {
    /**
     * A push token addresses one installation: wherever else it is stored, it is stale there, so it moves to
     * this device in the same commit as the registration and its event. A concurrent change to any of those
     * devices makes it read them again.
     */
    async register(productId: string, userId: string, input: TRegisterDeviceInput): Promise<TDevice> {
      const id = deviceDocId(userId, input.deviceId);
      for (let attempt = 1; ; attempt++) {
        const existing = await repo.devices.get(productId, userId, input.deviceId);
        const now = isoNow(clock);
        const pushToken = input.pushToken === undefined ? (existing?.pushToken ?? null) : input.pushToken;
        const holders = pushToken ? await repo.devices.withPushToken(productId, pushToken, id) : [];
        const doc: DeviceDoc = {
          id,
          productId,
          userId,
          deviceId: input.deviceId,
          platform: input.platform,
          pushToken,
          appVersion: input.appVersion,
          locale: input.locale,
          timeZone: input.timeZone,
          createdAt: existing?.createdAt ?? now,
          lastSeenAt: now,
        };
        const staged = bus.stage(
          'device.registered',
          { userId, deviceId: input.deviceId, platform: input.platform, created: !existing },
          { productId, actorId: userId },
        );
        try {
          return toDevice(withoutSystemFields(await repo.devices.register(doc, existing, holders, staged)));
        } catch (error) {
          if (!isRace(error) || attempt >= MAX_REGISTER_ATTEMPTS) throw error;
        }
      }
    },
    async ofUser(productId: string, userId: string) {
      return {
        items: (await repo.devices.ofUser(productId, userId)).map((doc) =>
          toDevice(withoutSystemFields(doc)),
        ),
      };
    },
    async unregister(productId: string, userId: string, deviceId: string): Promise<{ deleted: boolean }> {
      const staged = bus.stage('device.unregistered', { userId, deviceId }, { productId, actorId: userId });
      const deleted = await repo.devices.delete(productId, deviceDocId(userId, deviceId), staged);
      if (!deleted) throw new AppError('NOT_FOUND', 'Device not found');
      return { deleted };
    },
    async list(productId: string, input: TDeviceListInput) {
      const where = {
        ...(input.platform ? { platform: { eq: input.platform } } : {}),
        ...(input.userId ? { userId: { eq: input.userId } } : {}),
      };
      const page = await repo.devices.query(productId, where, input.limit ?? 50, input.cursor);
      return {
        items: page.items.map((doc) => toDevice(withoutSystemFields(doc))),
        nextCursor: page.continuation,
      };
    },
    /** For the delivery workers: the push tokens a user's devices hold now, with each device's platform. */
    async pushTargets(productId: string, userId: string) {
      const docs = await repo.devices.ofUser(productId, userId);
      return docs.flatMap((d) =>
        d.pushToken
          ? [
              {
                deviceId: d.deviceId,
                platform: d.platform,
                pushToken: d.pushToken,
                locale: d.locale,
                timeZone: d.timeZone,
              },
            ]
          : [],
      );
    },
    /** Drops a token the push provider called invalid or unregistered; the device stays. True when one went. */
    async clearPushToken(productId: string, userId: string, deviceId: string): Promise<boolean> {
      const result = await repo.devices.mutate(productId, deviceDocId(userId, deviceId), (current) =>
        current.pushToken ? { ...withoutSystemFields(current), pushToken: null } : null,
      );
      return result?.changed ?? false;
    },
    async deleteOfUser(productId: string, userId: string): Promise<number> {
      let deleted = 0;
      for (const doc of await repo.devices.ofUser(productId, userId)) {
        if (await repo.devices.delete(productId, doc.id)) deleted += 1;
      }
      return deleted;
    },
  };
};

export type DevicesService = ReturnType<typeof createDevicesService>;
