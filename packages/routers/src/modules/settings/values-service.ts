import { type Clock, isStoreError, type Stored } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { deviceDocId, type SettingsRepository, userDocId, type ValuesDoc } from './repository';
import {
  SETTINGS_MAX_BYTES,
  SETTINGS_MAX_KEYS,
  type TDeviceSettings,
  type TSettingsPatch,
  type TSettingsValues,
  type TUserSettings,
  type TUserSettingsDetail,
} from './schema';

/** Another writer changed the document between our read and write this many times in a row: give up. */
const MAX_WRITE_ATTEMPTS = 10;

const merge = (current: TSettingsValues, patch: TSettingsPatch): TSettingsValues => {
  const next: TSettingsValues = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  const keys = Object.keys(next).length;
  if (keys > SETTINGS_MAX_KEYS) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Settings hold at most ${SETTINGS_MAX_KEYS} keys (would be ${keys})`,
      {
        fields: [{ path: 'values', message: `At most ${SETTINGS_MAX_KEYS} keys` }],
      },
    );
  }
  const bytes = Buffer.byteLength(JSON.stringify(next));
  if (bytes > SETTINGS_MAX_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Settings hold at most ${SETTINGS_MAX_BYTES} bytes (would be ${bytes})`,
      {
        fields: [{ path: 'values', message: `At most ${SETTINGS_MAX_BYTES} bytes of JSON` }],
      },
    );
  }
  return next;
};

export const createValuesService = (deps: { repo: SettingsRepository; clock: Clock }) => {
  const { repo, clock } = deps;

  /**
   * Merge under the etag (a concurrent write makes it read again, so no patch is lost); the first patch
   * creates the document, and a lost race to create it merges into the winner's.
   */
  const patch = async (
    productId: string,
    target: { id: string; scope: ValuesDoc['scope']; ownerId: string; deviceId: string | null },
    values: TSettingsPatch,
  ): Promise<Stored<ValuesDoc>> => {
    const next = (current: TSettingsValues): ValuesDoc => ({
      ...target,
      productId,
      values: merge(current, values),
      updatedAt: isoNow(clock),
    });
    for (let attempt = 1; ; attempt++) {
      const mutated = await repo.mutate(productId, target.id, (doc) => next(doc.values), {
        attempts: MAX_WRITE_ATTEMPTS,
      });
      if (mutated) return mutated.doc;
      try {
        return await repo.create(next({}));
      } catch (error) {
        if (!isStoreError(error, 'conflict') || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  };

  const userView = (userId: string, doc: ValuesDoc | undefined): TUserSettings => ({
    userId,
    values: doc?.values ?? {},
    updatedAt: doc?.updatedAt ?? null,
  });
  const deviceView = (userId: string, deviceId: string, doc: ValuesDoc | undefined): TDeviceSettings => ({
    ...userView(userId, doc),
    deviceId,
  });

  return {
    async forUser(productId: string, userId: string): Promise<TUserSettings> {
      return userView(userId, await repo.read(productId, userDocId(userId)));
    },
    async patchUser(productId: string, userId: string, values: TSettingsPatch): Promise<TUserSettings> {
      const target = { id: userDocId(userId), scope: 'user' as const, ownerId: userId, deviceId: null };
      return userView(userId, await patch(productId, target, values));
    },
    /** Device settings live under the user, so a user reads and writes only their own devices' settings. */
    async forDevice(productId: string, userId: string, deviceId: string): Promise<TDeviceSettings> {
      return deviceView(userId, deviceId, await repo.read(productId, deviceDocId(userId, deviceId)));
    },
    async patchDevice(
      productId: string,
      userId: string,
      deviceId: string,
      values: TSettingsPatch,
    ): Promise<TDeviceSettings> {
      const target = {
        id: deviceDocId(userId, deviceId),
        scope: 'device' as const,
        ownerId: userId,
        deviceId,
      };
      return deviceView(userId, deviceId, await patch(productId, target, values));
    },
    async detail(productId: string, userId: string): Promise<TUserSettingsDetail> {
      const page = await repo.ownedBy(productId, userId, 101);
      const user = page.items.find((doc) => doc.scope === 'user');
      const devices = page.items
        .filter((doc) => doc.scope === 'device')
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, 100)
        .map((doc) => deviceView(userId, doc.deviceId ?? '', doc));
      return { user: userView(userId, user), devices };
    },
    /** Removes a user's settings and their devices' (on user deletion); returns how many documents went. */
    async deleteOwnedBy(productId: string, userId: string): Promise<number> {
      let deleted = 0;
      for (;;) {
        const page = await repo.ownedBy(productId, userId, 100);
        if (page.items.length === 0) return deleted;
        for (const doc of page.items) if (await repo.delete(productId, doc.id)) deleted += 1;
      }
    },
  };
};

export type ValuesService = ReturnType<typeof createValuesService>;
