import type { DocumentStore, MutateOptions, Outbox, Stored } from '@bytelyst/db/document-store';
import { SETTINGS_CONTAINERS } from './containers';
import type { TSettingsValues } from './schema';

/** A user's (`user:<userId>`) or one of their devices' (`device:<userId>:<deviceId>`) settings. */
export type ValuesDoc = {
  id: string;
  productId: string;
  scope: 'user' | 'device';
  ownerId: string;
  deviceId: string | null;
  values: TSettingsValues;
  updatedAt: string;
};

/** The product's kill switch, id `product:kill-switch`. */
export type KillSwitchDoc = {
  id: string;
  productId: string;
  scope: 'product';
  ownerId: null;
  enabled: boolean;
  message: string;
  minAppVersion: string | null;
  updatedAt: string;
  updatedBy: string;
};

export const KILL_SWITCH_ID = 'product:kill-switch';
export const userDocId = (userId: string) => `user:${userId}`;
export const deviceDocId = (userId: string, deviceId: string) => `device:${userId}:${deviceId}`;

export const createSettingsRepository = (store: DocumentStore) => {
  const values = () => store.container<ValuesDoc>(SETTINGS_CONTAINERS.settings.name);
  const killSwitch = () => store.container<KillSwitchDoc>(SETTINGS_CONTAINERS.settings.name);
  return {
    read: (productId: string, id: string) => values().read(id, productId),
    create: (doc: ValuesDoc) => values().create(doc),
    /** Read-apply-replace under the etag; undefined when the document does not exist. */
    mutate: (
      productId: string,
      id: string,
      change: (current: Stored<ValuesDoc>) => ValuesDoc | null,
      options?: MutateOptions<ValuesDoc>,
    ) => values().mutate(id, productId, change, options),
    delete: (productId: string, id: string) => values().delete(id, productId),
    /** A user's documents (their settings and their devices'), newest first. */
    ownedBy: (productId: string, ownerId: string, limit = 100) =>
      values().query({
        partitionKey: productId,
        where: { ownerId: { eq: ownerId } },
        orderBy: [{ field: 'ownerId' }],
        limit,
      }),
    readKillSwitch: (productId: string) => killSwitch().read(KILL_SWITCH_ID, productId),
    upsertKillSwitch: (doc: KillSwitchDoc, outbox?: Outbox) => killSwitch().upsert(doc, { outbox }),
  };
};

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
