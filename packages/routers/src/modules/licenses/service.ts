import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { Entitlements } from '../billing/entitlements';
import { changeLicense } from './change-license';
import { generateLicenseKey, hashLicenseKey, keyHint } from './key';
import type { LicenseDoc, LicensesRepository } from './repository';
import type { TLicense, TLicenseGenerateInput, TLicenseListInput, TLicenseUpdateInput } from './schema';
import { toLicense, toOwn, toSummary } from './view';

export type LicensesServiceDeps = {
  repo: LicensesRepository;
  entitlements: Entitlements;
  userExists(productId: string, userId: string): Promise<boolean>;
  clock: Clock;
  bus: EventBus;
};

const notFuture = (field: string) =>
  new AppError('BAD_REQUEST', `${field} must be in the future`, {
    fields: [{ path: field, message: 'Must be in the future' }],
  });

/** Admin side of licenses: generate, list, read, update, revoke, release a device. */
export const createLicensesService = (deps: LicensesServiceDeps) => {
  const { repo, clock, bus } = deps;
  const now = () => isoNow(clock);
  const load = async (productId: string, id: string) => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'License not found');
    return doc;
  };

  /** The device limit: given, else the named plan's, else the user's current plan's. */
  const devicesFor = async (productId: string, input: TLicenseGenerateInput) => {
    if (input.planCode) {
      const plan = await deps.entitlements.plan(productId, input.planCode);
      if (!plan) {
        throw new AppError('NOT_FOUND', `Plan '${input.planCode}' not found`, {
          fields: [{ path: 'planCode', message: 'No such plan in this product' }],
        });
      }
      return { planCode: plan.code, maxDevices: input.maxDevices ?? plan.maxDevices };
    }
    const { plan } = await deps.entitlements.forUser(productId, input.userId);
    const maxDevices = input.maxDevices ?? plan?.maxDevices;
    if (maxDevices === undefined) {
      throw new AppError('BAD_REQUEST', 'The product has no plans: give maxDevices', {
        fields: [{ path: 'maxDevices', message: 'Required when the product has no plans' }],
      });
    }
    return { planCode: plan?.code ?? null, maxDevices };
  };

  /** An admin frees a device slot, e.g. for a user who lost the machine. */
  const deactivateDevice = async (
    productId: string,
    id: string,
    deviceId: string,
    actorId: string,
  ): Promise<TLicense> => {
    const { doc, changed } = await changeLicense(
      repo,
      productId,
      id,
      (current) =>
        current.devices.some((d) => d.deviceId === deviceId)
          ? {
              ...current,
              devices: current.devices.filter((d) => d.deviceId !== deviceId),
              updatedAt: now(),
            }
          : null,
      (next) =>
        bus.stage(
          'license.deactivated',
          { licenseId: id, userId: next.userId, deviceId },
          { productId, actorId },
        ),
    );
    if (!changed) {
      throw new AppError('NOT_FOUND', `Device '${deviceId}' is not activated on this license`, {
        fields: [{ path: 'deviceId', message: 'Not activated on this license' }],
      });
    }
    return toLicense(doc, now());
  };

  return {
    async generate(productId: string, input: TLicenseGenerateInput, actorId: string) {
      if (input.expiresAt && Date.parse(input.expiresAt) <= clock()) throw notFuture('expiresAt');
      if (!(await deps.userExists(productId, input.userId))) {
        throw new AppError('NOT_FOUND', 'No such user in this product', {
          fields: [{ path: 'userId', message: 'No such user in this product' }],
        });
      }
      const { planCode, maxDevices } = await devicesFor(productId, input);
      const key = generateLicenseKey();
      const at = now();
      const doc: LicenseDoc = {
        id: randomId(12),
        productId,
        userId: input.userId,
        planCode,
        maxDevices,
        status: 'active',
        expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        note: input.note ?? '',
        keyHash: hashLicenseKey(key),
        ...keyHint(key),
        devices: [],
        createdAt: at,
        createdBy: actorId,
        updatedAt: at,
        revokedAt: null,
        revokeReason: null,
        expiredAt: null,
        expiryWarnedAt: null,
        expiryWarnedFor: null,
      };
      await repo.create(
        doc,
        bus.stage(
          'license.created',
          { licenseId: doc.id, userId: doc.userId, planCode, maxDevices },
          { productId, actorId },
        ),
      );
      return { key, item: toLicense(doc, at) };
    },
    async list(productId: string, input: TLicenseListInput) {
      const where = {
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.userId ? { userId: { eq: input.userId } } : {}),
      };
      const [page, total] = await Promise.all([
        repo.list(productId, where, input.limit ?? 50, input.cursor),
        repo.count(productId, where),
      ]);
      const at = now();
      return { items: page.items.map((doc) => toSummary(doc, at)), nextCursor: page.continuation, total };
    },
    get: async (productId: string, id: string): Promise<TLicense> =>
      toLicense(await load(productId, id), now()),
    async mine(productId: string, userId: string) {
      const page = await repo.list(productId, { userId: { eq: userId } }, 100);
      const at = now();
      return { items: page.items.map((doc) => toOwn(doc, at)) };
    },
    async update(productId: string, input: TLicenseUpdateInput): Promise<TLicense> {
      if (input.expiresAt && Date.parse(input.expiresAt) <= clock()) throw notFuture('expiresAt');
      const { doc } = await changeLicense(repo, productId, input.id, (current) => {
        if (input.maxDevices !== undefined && input.maxDevices < current.devices.length) {
          throw new AppError(
            'CONFLICT',
            `The license is active on ${current.devices.length} devices; deactivate some before lowering the limit to ${input.maxDevices}`,
            { fields: [{ path: 'maxDevices', message: `At least ${current.devices.length}` }] },
          );
        }
        const next: LicenseDoc = { ...current, updatedAt: now() };
        if (input.maxDevices !== undefined) next.maxDevices = input.maxDevices;
        if (input.note !== undefined) next.note = input.note;
        if (input.expiresAt !== undefined) {
          next.expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt).toISOString();
          // A new expiry date earns a new warning; a later one brings an expired license back.
          next.expiryWarnedAt = null;
          next.expiryWarnedFor = null;
          if (current.status === 'expired') {
            next.status = 'active';
            next.expiredAt = null;
          }
        }
        return next;
      });
      return toLicense(doc, now());
    },
    async revoke(productId: string, id: string, actorId: string, reason?: string): Promise<TLicense> {
      const { doc } = await changeLicense(
        repo,
        productId,
        id,
        (current) =>
          current.status === 'revoked'
            ? null
            : {
                ...current,
                status: 'revoked',
                revokedAt: now(),
                revokeReason: reason ?? null,
                updatedAt: now(),
              },
        (next) =>
          bus.stage('license.revoked', { licenseId: id, userId: next.userId }, { productId, actorId }),
      );
      return toLicense(doc, now());
    },
    /** The license's owner frees a device slot; another user's license is not found (404). */
    async deactivateDeviceOf(productId: string, userId: string, id: string, deviceId: string) {
      const doc = await repo.get(productId, id);
      if (doc?.userId !== userId) {
        throw new AppError('NOT_FOUND', 'License not found', {
          fields: [{ path: 'licenseId', message: 'Not one of your licenses' }],
        });
      }
      return deactivateDevice(productId, id, deviceId, userId);
    },
    deactivateDevice,
  };
};

export type LicensesService = ReturnType<typeof createLicensesService>;
