import type { Clock } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { EventBus } from '@bytelyst/events/bus';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { AppError } from '../../app-error';
import { addDaysIso, DAY_MS } from '../../lib/time';
import type { Actor } from '../users/rules';
import { SECRETS_DEFAULTS, type SecretsConfig } from './config';
import { isSecretDriverError, type SecretRef, type SecretValueDriver } from './driver';
import type { SecretDoc, SecretsRepository } from './repository';
import type { TSecret, TSecretCreateInput, TSecretScope } from './schema';

type Deps = {
  repo: SecretsRepository;
  driver: SecretValueDriver;
  bus: EventBus;
  clock: Clock;
  rateCounters: RateCounters;
  config: SecretsConfig;
};

type RefInput = { name: string; scope: TSecretScope };

/** Where a scope's secrets live: the product's own partition, or `*` for platform-wide ones. */
export const scopeKeyOf = (productId: string, scope: TSecretScope) =>
  scope === 'platform' ? PLATFORM_PRODUCT_ID : productId;

/**
 * The current value of a platform-wide secret, or undefined when there is none to use (absent, deleted,
 * disabled): how the platform's own integrations read their keys when env leaves them unset.
 */
export const resolvePlatformSecret = async (
  repo: SecretsRepository,
  driver: SecretValueDriver,
  name: string,
): Promise<string | undefined> => {
  const doc = await repo.read(PLATFORM_PRODUCT_ID, name);
  const current = doc?.versions.find((v) => v.version === doc.currentVersion);
  if (!doc || doc.deletedAt || !current?.enabled) return undefined;
  try {
    return await driver.get({ scope: PLATFORM_PRODUCT_ID, name }, current.versionRef);
  } catch (error) {
    if (isSecretDriverError(error)) return undefined;
    throw error;
  }
};

export const createSecretsService = (deps: Deps) => {
  const { repo, driver, bus, clock } = deps;
  const recoveryDays = deps.config.recoveryDays ?? SECRETS_DEFAULTS.recoveryDays;
  const reminderDays = deps.config.reminderDays ?? SECRETS_DEFAULTS.reminderDays;
  const revealsPerHour = deps.config.revealsPerHour ?? SECRETS_DEFAULTS.revealsPerHour;
  const now = () => new Date(clock()).toISOString();
  const refOf = (productId: string, input: RefInput): SecretRef => ({
    scope: scopeKeyOf(productId, input.scope),
    name: input.name,
  });
  const stageOpts = (ref: SecretRef, actor: Actor | null) => ({
    productId: ref.scope,
    actorId: actor?.userId ?? null,
  });

  const view = (doc: SecretDoc): TSecret => {
    const at = clock();
    const expires = doc.expiresAt ? Date.parse(doc.expiresAt) : null;
    const status = doc.deletedAt
      ? 'deleted'
      : expires !== null && expires <= at
        ? 'expired'
        : expires !== null && expires - at <= reminderDays * DAY_MS
          ? 'expiring'
          : 'active';
    return {
      name: doc.name,
      scope: doc.scope === PLATFORM_PRODUCT_ID ? 'platform' : 'product',
      description: doc.description,
      currentVersion: doc.currentVersion,
      versions: doc.versions.map(({ versionRef: _, ...v }) => v).reverse(),
      expiresAt: doc.expiresAt,
      status,
      createdAt: doc.createdAt,
      createdBy: doc.createdBy,
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
      deletedAt: doc.deletedAt,
      purgeAt: doc.purgeAt,
    };
  };

  /** Platform-wide secrets are every product's integration keys: only a super_admin changes them. */
  const assertMayWrite = (actor: Actor, scope: TSecretScope) => {
    if (scope === 'platform' && !actor.roles.includes('super_admin')) {
      throw new AppError('FORBIDDEN', 'Only a super_admin can change platform-wide secrets', {
        reason: 'super_admin_required',
      });
    }
  };

  const live = async (ref: SecretRef): Promise<SecretDoc> => {
    const doc = await repo.read(ref.scope, ref.name);
    if (!doc) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
    if (doc.deletedAt) {
      throw new AppError('CONFLICT', `${ref.name} is deleted; recover it first`, {
        reason: 'secret_deleted',
      });
    }
    return doc;
  };

  const versionOf = (doc: SecretDoc, version: number) => {
    const found = doc.versions.find((v) => v.version === version);
    if (!found) throw new AppError('NOT_FOUND', `${doc.name} has no version ${version}`);
    return found;
  };

  const touched = (doc: SecretDoc, actor: Actor | null): SecretDoc => ({
    ...doc,
    updatedAt: now(),
    updatedBy: actor?.userId ?? null,
  });

  const setEnabled = async (
    productId: string,
    actor: Actor,
    input: RefInput & { version: number },
    enabled: boolean,
  ) => {
    assertMayWrite(actor, input.scope);
    const ref = refOf(productId, input);
    const doc = await live(ref);
    const target = versionOf(doc, input.version);
    await driver.setEnabled(ref, target.versionRef, enabled);
    const next = await repo.mutate(
      ref.scope,
      ref.name,
      (current) => {
        const versions = current.versions.map((v) => (v.version === input.version ? { ...v, enabled } : v));
        return touched({ ...current, versions }, actor);
      },
      () =>
        bus.stage(
          enabled ? 'secret.version_enabled' : 'secret.version_disabled',
          { name: ref.name, scope: input.scope, version: input.version },
          stageOpts(ref, actor),
        ),
    );
    if (!next) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
    return view(next);
  };

  return {
    view,
    refOf,
    reminderDays,
    async list(productId: string, input: { scope: TSecretScope; deleted?: boolean | undefined }) {
      const docs = await repo.list(
        scopeKeyOf(productId, input.scope),
        input.deleted ? {} : { deletedAt: { eq: null } },
      );
      return { items: docs.map(view) };
    },
    async get(productId: string, input: RefInput) {
      const doc = await repo.read(scopeKeyOf(productId, input.scope), input.name);
      if (!doc) throw new AppError('NOT_FOUND', `No secret named ${input.name}`);
      return view(doc);
    },
    async create(productId: string, actor: Actor, input: TSecretCreateInput) {
      assertMayWrite(actor, input.scope);
      const ref = refOf(productId, input);
      if (await repo.read(ref.scope, ref.name)) {
        throw new AppError(
          'CONFLICT',
          `A secret named ${ref.name} exists (or is deleted and can be recovered)`,
        );
      }
      const put = await driver.put(ref, input.secretValue, { expiresAt: input.expiresAt });
      const at = now();
      const doc: SecretDoc = {
        id: ref.name,
        scope: ref.scope,
        kind: 'secret',
        name: ref.name,
        description: input.description,
        versions: [
          {
            version: 1,
            versionRef: put.versionRef,
            enabled: true,
            createdAt: at,
            createdBy: actor.userId,
            keyId: put.keyId,
          },
        ],
        currentVersion: 1,
        expiresAt: input.expiresAt,
        reminderSentFor: null,
        createdAt: at,
        createdBy: actor.userId,
        updatedAt: at,
        updatedBy: actor.userId,
        deletedAt: null,
        purgeAt: null,
      };
      const created = await repo.create(
        doc,
        bus.stage(
          'secret.created',
          { name: ref.name, scope: input.scope, version: 1, expiresAt: input.expiresAt },
          stageOpts(ref, actor),
        ),
      );
      if (!created) throw new AppError('CONFLICT', `A secret named ${ref.name} exists`);
      return view(doc);
    },
    async createVersion(
      productId: string,
      actor: Actor,
      input: RefInput & { secretValue: string; expiresAt?: string | null | undefined },
    ) {
      assertMayWrite(actor, input.scope);
      const ref = refOf(productId, input);
      const doc = await live(ref);
      const expiresAt = input.expiresAt === undefined ? doc.expiresAt : input.expiresAt;
      const put = await driver.put(ref, input.secretValue, { expiresAt });
      let version = 0;
      const next = await repo.mutate(
        ref.scope,
        ref.name,
        (current) => {
          version = Math.max(...current.versions.map((v) => v.version)) + 1;
          const added = {
            version,
            versionRef: put.versionRef,
            enabled: true,
            createdAt: now(),
            createdBy: actor.userId,
            keyId: put.keyId,
          };
          return touched(
            { ...current, versions: [...current.versions, added], currentVersion: version, expiresAt },
            actor,
          );
        },
        () =>
          bus.stage(
            'secret.version_created',
            { name: ref.name, scope: input.scope, version, expiresAt },
            stageOpts(ref, actor),
          ),
      );
      if (!next) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
      return view(next);
    },
    async setExpiry(productId: string, actor: Actor, input: RefInput & { expiresAt: string | null }) {
      assertMayWrite(actor, input.scope);
      const ref = refOf(productId, input);
      await live(ref);
      const next = await repo.mutate(
        ref.scope,
        ref.name,
        // A new date is a new reminder, even for the same version.
        (current) => touched({ ...current, expiresAt: input.expiresAt, reminderSentFor: null }, actor),
        () =>
          bus.stage(
            'secret.expiry_set',
            { name: ref.name, scope: input.scope, expiresAt: input.expiresAt },
            stageOpts(ref, actor),
          ),
      );
      if (!next) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
      return view(next);
    },
    enableVersion: (productId: string, actor: Actor, input: RefInput & { version: number }) =>
      setEnabled(productId, actor, input, true),
    disableVersion: (productId: string, actor: Actor, input: RefInput & { version: number }) =>
      setEnabled(productId, actor, input, false),
    /** A value, for a super_admin with a reason: rate-limited per admin, and recorded with the reason. */
    async reveal(
      productId: string,
      actor: Actor,
      input: RefInput & { version?: number | undefined; reason: string },
    ) {
      const hit = await deps.rateCounters.hit(`secrets:reveal:${actor.userId}`, {
        limit: revealsPerHour,
        windowMs: 3_600_000,
      });
      if (!hit.allowed) {
        throw new AppError(
          'TOO_MANY_REQUESTS',
          `At most ${revealsPerHour} reveals an hour; try again later`,
          {
            reason: 'reveal_rate_limited',
          },
        );
      }
      const ref = refOf(productId, input);
      const doc = await live(ref);
      const target = versionOf(doc, input.version ?? doc.currentVersion);
      if (!target.enabled) {
        throw new AppError('CONFLICT', `Version ${target.version} of ${ref.name} is disabled`, {
          reason: 'version_disabled',
        });
      }
      const secretValue = await driver.get(ref, target.versionRef).catch((error: unknown) => {
        if (!isSecretDriverError(error)) throw error;
        throw new AppError('CONFLICT', `${ref.name} cannot be read: ${error.message}`, {
          reason: `secret_${error.code}`,
        });
      });
      await bus.emit(
        'secret.revealed',
        { name: ref.name, scope: input.scope, version: target.version, reason: input.reason },
        stageOpts(ref, actor),
      );
      return { name: ref.name, version: target.version, secretValue };
    },
    async delete(productId: string, actor: Actor, input: RefInput) {
      assertMayWrite(actor, input.scope);
      const ref = refOf(productId, input);
      await live(ref);
      await driver.remove(ref);
      const purgeAt = addDaysIso(now(), recoveryDays);
      const next = await repo.mutate(
        ref.scope,
        ref.name,
        (current) => touched({ ...current, deletedAt: now(), purgeAt }, actor),
        () =>
          bus.stage('secret.deleted', { name: ref.name, scope: input.scope, purgeAt }, stageOpts(ref, actor)),
      );
      if (!next) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
      return view(next);
    },
    async recover(productId: string, actor: Actor, input: RefInput) {
      assertMayWrite(actor, input.scope);
      const ref = refOf(productId, input);
      const doc = await repo.read(ref.scope, ref.name);
      if (!doc) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
      if (!doc.deletedAt)
        throw new AppError('CONFLICT', `${ref.name} is not deleted`, { reason: 'secret_not_deleted' });
      await driver.recover(ref);
      const next = await repo.mutate(
        ref.scope,
        ref.name,
        (current) => touched({ ...current, deletedAt: null, purgeAt: null }, actor),
        () => bus.stage('secret.recovered', { name: ref.name, scope: input.scope }, stageOpts(ref, actor)),
      );
      if (!next) throw new AppError('NOT_FOUND', `No secret named ${ref.name}`);
      return view(next);
    },
    /** The purge job's step: a deleted secret past its window is removed from the driver, then from the list. */
    async purge(doc: SecretDoc) {
      const ref = { scope: doc.scope, name: doc.name };
      try {
        await driver.purge(ref);
      } catch (error) {
        if (!isSecretDriverError(error, 'not_found')) throw error;
      }
      const scope: TSecretScope = doc.scope === PLATFORM_PRODUCT_ID ? 'platform' : 'product';
      await repo.remove(
        doc.scope,
        doc.name,
        bus.stage('secret.purged', { name: doc.name, scope }, stageOpts(ref, null)),
      );
    },
    /** The current value of a platform-wide secret (see `resolvePlatformSecret`). */
    resolve: (name: string) => resolvePlatformSecret(repo, driver, name),
  };
};

export type SecretsService = ReturnType<typeof createSecretsService>;
