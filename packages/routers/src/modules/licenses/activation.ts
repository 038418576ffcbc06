import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { changeLicense } from './change-license';
import { hashLicenseKey, parseLicenseKey } from './key';
import type { LicenseDoc, LicensesRepository } from './repository';
import type { TActivateInput, TLicenseDevice, TValidateOutput } from './schema';
import { effectiveStatus } from './view';

/** lastSeenAt is refreshed at most this often, so validating on every launch is not a write each time. */
const SEEN_RESOLUTION_MS = 60 * 60_000;

const unusable = (doc: LicenseDoc, nowIso: string): AppError | null => {
  const status = effectiveStatus(doc, nowIso);
  if (status === 'revoked') return new AppError('FORBIDDEN', 'This license was revoked');
  if (status === 'expired') {
    return new AppError(
      'FORBIDDEN',
      `This license expired on ${doc.expiresAt ?? doc.expiredAt ?? 'an earlier date'}`,
    );
  }
  return null;
};

/** What clients do with a key: activate a device, release it, validate. Keys are checked before any read. */
export const createActivationService = (deps: { repo: LicensesRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock } = deps;

  const find = async (productId: string, key: string): Promise<Stored<LicenseDoc> | undefined> =>
    repo.findByHash(productId, hashLicenseKey(parseLicenseKey(key)));

  const findOrFail = async (productId: string, key: string) => {
    const doc = await find(productId, key);
    if (!doc) {
      throw new AppError('NOT_FOUND', 'License key not found', {
        fields: [{ path: 'key', message: 'No license with this key in this product' }],
      });
    }
    return doc;
  };

  return {
    async activate(productId: string, input: TActivateInput) {
      const found = await findOrFail(productId, input.key);
      let alreadyActive = false;
      const { doc } = await changeLicense(
        repo,
        productId,
        found.id,
        (current) => {
          const at = isoNow(clock);
          const refused = unusable(current, at);
          if (refused) throw refused;
          const bound = current.devices.find((d) => d.deviceId === input.deviceId);
          alreadyActive = bound !== undefined;
          if (bound) {
            const stale = clock() - Date.parse(bound.lastSeenAt) >= SEEN_RESOLUTION_MS;
            const renamed = input.deviceName !== undefined && input.deviceName !== bound.deviceName;
            if (!stale && !renamed) return null;
            const updated = {
              ...bound,
              lastSeenAt: at,
              ...(renamed ? { deviceName: input.deviceName ?? null } : {}),
            };
            return { ...current, devices: current.devices.map((d) => (d === bound ? updated : d)) };
          }
          if (current.devices.length >= current.maxDevices) {
            throw new AppError(
              'CONFLICT',
              `This license is already active on ${current.devices.length} of ${current.maxDevices} devices, ` +
                `the most it allows; deactivate one first`,
              { fields: [{ path: 'deviceId', message: `Device limit of ${current.maxDevices} reached` }] },
            );
          }
          const device: TLicenseDevice = {
            deviceId: input.deviceId,
            deviceName: input.deviceName ?? null,
            platform: input.platform ?? null,
            activatedAt: at,
            lastSeenAt: at,
          };
          return { ...current, devices: [...current.devices, device], updatedAt: at };
        },
        // A device seen again or renamed is no new activation.
        (next) =>
          alreadyActive
            ? undefined
            : deps.bus.stage(
                'license.activated',
                { licenseId: next.id, userId: next.userId, deviceId: input.deviceId },
                { productId, actorId: next.userId },
              ),
      );
      const device = doc.devices.find((d) => d.deviceId === input.deviceId);
      if (!device) throw new AppError('INTERNAL', 'Activated device missing from the license');
      return {
        licenseId: doc.id,
        status: effectiveStatus(doc, isoNow(clock)),
        expiresAt: doc.expiresAt,
        maxDevices: doc.maxDevices,
        activeDevices: doc.devices.length,
        device,
        alreadyActive,
      };
    },
    async deactivate(productId: string, input: { key: string; deviceId: string }) {
      const found = await findOrFail(productId, input.key);
      const { doc, changed } = await changeLicense(
        repo,
        productId,
        found.id,
        (current) =>
          current.devices.some((d) => d.deviceId === input.deviceId)
            ? {
                ...current,
                devices: current.devices.filter((d) => d.deviceId !== input.deviceId),
                updatedAt: isoNow(clock),
              }
            : null,
        (next) =>
          deps.bus.stage(
            'license.deactivated',
            { licenseId: next.id, userId: next.userId, deviceId: input.deviceId },
            { productId, actorId: next.userId },
          ),
      );
      return {
        licenseId: doc.id,
        deviceId: input.deviceId,
        deactivated: changed,
        activeDevices: doc.devices.length,
      };
    },
    async validate(productId: string, input: { key: string; deviceId: string }): Promise<TValidateOutput> {
      const doc = await find(productId, input.key);
      if (!doc) {
        return {
          valid: false,
          status: null,
          reason: 'not_found',
          expiresAt: null,
          maxDevices: null,
          activeDevices: null,
        };
      }
      const at = isoNow(clock);
      const status = effectiveStatus(doc, at);
      const base = {
        status,
        expiresAt: doc.expiresAt,
        maxDevices: doc.maxDevices,
        activeDevices: doc.devices.length,
      };
      if (status !== 'active') return { ...base, valid: false, reason: status };
      const device = doc.devices.find((d) => d.deviceId === input.deviceId);
      if (!device) return { ...base, valid: false, reason: 'device_not_activated' };
      if (clock() - Date.parse(device.lastSeenAt) >= SEEN_RESOLUTION_MS) {
        // Best effort: a lost race or a failed write never fails a validation.
        await repo
          .mutate(productId, doc.id, (current) => ({
            ...current,
            devices: current.devices.map((d) =>
              d.deviceId === input.deviceId ? { ...d, lastSeenAt: at } : d,
            ),
          }))
          .catch(() => undefined);
      }
      return { ...base, valid: true, reason: 'ok' };
    },
  };
};

export type ActivationService = ReturnType<typeof createActivationService>;
