import {
  type DocumentStore,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { SETTINGS_CONTAINERS } from '../settings/containers';
import type { TMaintenanceConfig, TMaintenanceMode, TSwitchStep, TWindowMode } from './schema';

/**
 * A product's maintenance config (`product:maintenance`), beside its kill switch in the `settings` container
 * (roadmap §2.10: one document per product, field `maintenanceConfig`).
 */
export type MaintenanceDoc = {
  id: string;
  productId: string;
  scope: 'maintenance';
  ownerId: null;
  maintenanceConfig: TMaintenanceConfig;
  /** The mode the planned window switches on at `scheduledStart`; null when no start is planned. */
  scheduledMode: TWindowMode | null;
  /** When the planned window's start was carried out (by its job or because it was already on). */
  windowStartedAt: string | null;
  updatedAt: string;
};

/** The coordinated switch's checklist for the product's latest mode change (`product:maintenance-switch`). */
export type SwitchDoc = {
  id: string;
  productId: string;
  scope: 'maintenance_switch';
  ownerId: null;
  eventId: string;
  /** The event's time: an older event never overwrites a newer one's checklist. */
  eventAt: string;
  from: TMaintenanceMode;
  to: TMaintenanceMode;
  cause: 'manual' | 'schedule';
  startedAt: string;
  finishedAt: string | null;
  steps: TSwitchStep[];
  /** The status page window begun for the current maintenance; null when none is open. */
  windowKey: string | null;
  /** Whether the switch raised the kill switch (and so may lower it); one an admin raised is left alone. */
  killSwitchRaised: boolean;
  updatedAt: string;
};

export const CONFIG_ID = 'product:maintenance';
export const SWITCH_ID = 'product:maintenance-switch';
const MAX_RACES = 8;

const lostRace = (error: unknown) =>
  isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict');

type Change<T> = (current: T | undefined) => T | null | Promise<T | null>;

export const createMaintenanceRepository = (store: DocumentStore) => {
  const container = <T extends { id: string; productId: string }>() =>
    store.container<T>(SETTINGS_CONTAINERS.settings.name);

  /** Read-apply-write under the etag, creating the document when absent; null from `change` writes nothing. */
  const upsertWith = async <T extends { id: string; productId: string }>(
    id: string,
    productId: string,
    change: Change<T>,
    outbox?: (next: T, current: T | undefined) => Outbox | undefined,
  ): Promise<{ doc: T | undefined; changed: boolean }> => {
    for (let race = 0; ; race += 1) {
      const stored: Stored<T> | undefined = await container<T>().read(id, productId);
      const current = stored ? withoutSystemFields(stored) : undefined;
      const next = await change(current);
      if (!next) return { doc: current, changed: false };
      const staged = outbox?.(next, current);
      try {
        const written = stored
          ? await container<T>().replace(next, { ifMatch: stored._etag, outbox: staged })
          : await container<T>().create(next, { outbox: staged });
        return { doc: withoutSystemFields(written), changed: true };
      } catch (error) {
        if (!lostRace(error) || race >= MAX_RACES) throw error;
      }
    }
  };

  return {
    readConfig: async (productId: string): Promise<MaintenanceDoc | undefined> => {
      const doc = await container<MaintenanceDoc>().read(CONFIG_ID, productId);
      return doc ? withoutSystemFields(doc) : undefined;
    },
    updateConfig: (
      productId: string,
      change: Change<MaintenanceDoc>,
      outbox?: (next: MaintenanceDoc, current: MaintenanceDoc | undefined) => Outbox | undefined,
    ) => upsertWith(CONFIG_ID, productId, change, outbox),
    /** Every product's config document (one per product that ever set one). */
    async listConfigs(): Promise<MaintenanceDoc[]> {
      const out: MaintenanceDoc[] = [];
      let continuation: string | undefined;
      do {
        const page = await container<MaintenanceDoc>().query({
          where: { scope: { eq: 'maintenance' } },
          limit: 500,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items.map((doc) => withoutSystemFields(doc)));
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return out;
    },
    readSwitch: async (productId: string): Promise<SwitchDoc | undefined> => {
      const doc = await container<SwitchDoc>().read(SWITCH_ID, productId);
      return doc ? withoutSystemFields(doc) : undefined;
    },
    updateSwitch: (
      productId: string,
      change: Change<SwitchDoc>,
      outbox?: (next: SwitchDoc, current: SwitchDoc | undefined) => Outbox | undefined,
    ) => upsertWith(SWITCH_ID, productId, change, outbox),
  };
};

export type MaintenanceRepository = ReturnType<typeof createMaintenanceRepository>;
