import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
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

export const createDevicesService = (deps: {
  repo: NotificationsRepository;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, bus } = deps;

  /** A push token addresses one installation: wherever else it is stored, it is stale there. */
  const releaseToken = async (productId: string, pushToken: string, keepId: string) => {
    for (const other of await repo.devices.withPushToken(productId, pushToken)) {
      if (other.id === keepId) continue;
      try {
        await repo.devices.releasePushToken(productId, other.id, pushToken);
      } catch {
        // Kept changing under us; the next registration of that device settles it.
      }
    }
  };

  return {
    async register(productId: string, userId: string, input: TRegisterDeviceInput): Promise<TDevice> {
      const existing = await repo.devices.get(productId, userId, input.deviceId);
      const now = isoNow(clock);
      const id = deviceDocId(userId, input.deviceId);
      const pushToken = input.pushToken === undefined ? (existing?.pushToken ?? null) : input.pushToken;
      // Releasing the token elsewhere is cleanup the event does not report; the registration commits with it.
      if (pushToken) await releaseToken(productId, pushToken, id);
      const staged = bus.stage(
        'device.registered',
        { userId, deviceId: input.deviceId, platform: input.platform, created: !existing },
        { productId, actorId: userId },
      );
      const saved = await repo.devices.upsert(
        {
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
        },
        staged,
      );
      return toDevice(withoutSystemFields(saved));
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
