import type { BlobStore } from '@bytelyst/db/blob';
import type { DocumentStore } from '@bytelyst/db/document-store';
import type { MaintenanceGate } from '../maintenance/gate';
import type { RestoreGate } from './restore-plan';
import type { TBackupPolicy } from './schema';

/** Modes in which the platform is closed enough for a restore to empty and refill its containers. */
const CLOSED_MODES = ['maintenance', 'emergency'];

/**
 * A restore needs every product in maintenance (or emergency) mode: it rewrites data of every product at once.
 * Without a maintenance module nothing can close the platform, so nothing is checked.
 */
export const createRestoreGate =
  (deps: {
    maintenance?: { gate: MaintenanceGate };
    products: { list(): Promise<readonly { id: string }[]> };
    defaultProductId: string;
  }): RestoreGate =>
  async () => {
    if (!deps.maintenance)
      return { ok: true, message: 'No maintenance module is listed, so restores are not gated.' };
    const snapshot = await deps.maintenance.gate.current();
    const ids = new Set([
      deps.defaultProductId,
      ...(await deps.products.list()).map((product) => product.id),
    ]);
    const open = [...ids].filter((id) => !CLOSED_MODES.includes(snapshot.of(id).config.mode)).sort();
    if (open.length === 0) return { ok: true, message: 'Every product is in maintenance mode.' };
    return {
      ok: false,
      reason: 'maintenance_required',
      message:
        `A restore needs the platform in maintenance mode (maintenance or emergency) in every product; not in it: ` +
        `${open.join(', ')}. Switch it on in /ops/maintenance, then restore.`,
    };
  };

export const COSMOS_PITR_NOTE =
  'Continuous backup and point-in-time restore are settings of the Azure Cosmos DB account, managed through ' +
  'Azure Resource Manager (the portal, az cosmosdb, or the management API with an Azure AD identity), not ' +
  'through the data-plane key this API holds, so they are not shown here. With continuous backup (7 or 30 ' +
  'days) on, Azure restores the account as of any second in that window into a new account; point the API at ' +
  'it (COSMOS_ENDPOINT, COSMOS_KEY) once it is ready. The logical backups on this page work on either engine ' +
  'and restore into this account.';

export const describePolicy = async (deps: {
  store: DocumentStore;
  blob: BlobStore;
  gate: RestoreGate;
  settings: Omit<TBackupPolicy, 'driver' | 'blobDriver' | 'cosmos' | 'restoreAllowed'>;
}): Promise<TBackupPolicy> => {
  const gate = await deps.gate();
  let cosmos: TBackupPolicy['cosmos'] = null;
  if (deps.store.driver === 'cosmos' && deps.store.account) {
    const account = await deps.store.account();
    cosmos = { ...account, continuousBackup: null, note: COSMOS_PITR_NOTE };
  }
  return {
    ...deps.settings,
    driver: deps.store.driver,
    blobDriver: deps.blob.driver,
    cosmos,
    restoreAllowed: { ok: gate.ok, message: gate.message },
  };
};
