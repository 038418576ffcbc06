import {
  type Clock,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import type { FlagEvaluation } from './evaluation';
import { type FlagDoc, type FlagsRepository, searchTextOf } from './repository';
import type { TFlag, TFlagCreateInput, TFlagListInput, TFlagTargeting, TFlagUpdateInput } from './schema';
import { compareVersionStrings } from './semver';

/** Bounds the evaluate response and the in-memory copy of a product's flags. */
export const MAX_FLAGS_PER_PRODUCT = 500;

const toFlag = ({ searchText: _s, _etag, _ts, ttl, ...rest }: Stored<FlagDoc>): TFlag => rest;

const assertTargeting = (t: TFlagTargeting): void => {
  if (t.minAppVersion && t.maxAppVersion && compareVersionStrings(t.minAppVersion, t.maxAppVersion) > 0) {
    throw new AppError('VALIDATION', 'The minimum app version is above the maximum', {
      fields: [{ path: 'targeting.minAppVersion', message: 'Must not be above maxAppVersion' }],
    });
  }
  const excluded = new Set(t.excludeUserIds);
  const both = t.includeUserIds.find((id) => excluded.has(id));
  if (both) {
    throw new AppError('VALIDATION', `User '${both}' is both included and excluded`, {
      fields: [{ path: 'targeting.includeUserIds', message: 'A user id cannot be on both lists' }],
    });
  }
};

const normalise = (t: TFlagTargeting): TFlagTargeting => ({
  ...t,
  platforms: [...new Set(t.platforms)],
  includeUserIds: [...new Set(t.includeUserIds)],
  excludeUserIds: [...new Set(t.excludeUserIds)],
});

export const createFlagsService = (deps: {
  repo: FlagsRepository;
  clock: Clock;
  bus: EventBus;
  evaluation: FlagEvaluation;
}) => {
  const { repo, clock, bus, evaluation } = deps;

  const load = async (productId: string, id: string): Promise<Stored<FlagDoc>> => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Flag '${id}' not found`);
    return doc;
  };

  const save = async (doc: Stored<FlagDoc>, next: FlagDoc, outbox: Outbox): Promise<TFlag> => {
    const saved = await repo.replace(next, doc._etag, outbox);
    evaluation.invalidate(doc.productId);
    return toFlag(saved);
  };

  return {
    get: async (productId: string, id: string) => toFlag(await load(productId, id)),
    async list(productId: string, input: TFlagListInput) {
      const where = {
        ...(input.search ? { searchText: { contains: input.search.toLowerCase() } } : {}),
        ...(input.enabled === undefined ? {} : { enabled: { eq: input.enabled } }),
      };
      const page = await repo.list(productId, where, {
        sort: input.sort ?? 'key',
        limit: input.limit ?? 25,
        continuation: input.cursor,
      });
      return {
        items: page.items.map(toFlag),
        nextCursor: page.continuation,
        total: await repo.count(productId, where),
      };
    },
    async create(productId: string, input: TFlagCreateInput, actorId: string): Promise<TFlag> {
      const targeting = normalise(input.targeting);
      assertTargeting(targeting);
      if ((await repo.count(productId)) >= MAX_FLAGS_PER_PRODUCT) {
        throw new AppError('UNPROCESSABLE', `A product can have at most ${MAX_FLAGS_PER_PRODUCT} flags`);
      }
      const now = isoNow(clock);
      const doc: FlagDoc = {
        id: input.key,
        productId,
        key: input.key,
        description: input.description,
        enabled: input.enabled,
        percentage: input.percentage,
        targeting,
        searchText: searchTextOf(input.key, input.description),
        createdAt: now,
        createdBy: actorId,
        updatedAt: now,
        updatedBy: actorId,
      };
      const { enabled, percentage } = doc;
      const staged = bus.stage(
        'flag.created',
        { flagId: doc.id, enabled, percentage },
        { productId, actorId },
      );
      const saved = await repo.create(doc, staged).catch((error: unknown) => {
        if (!isStoreError(error, 'conflict')) throw error;
        throw new AppError('CONFLICT', `A flag with key '${input.key}' exists`, {
          fields: [{ path: 'key', message: 'Already taken in this product' }],
        });
      });
      evaluation.invalidate(productId);
      return toFlag(saved);
    },
    async update(productId: string, input: TFlagUpdateInput, actorId: string): Promise<TFlag> {
      const doc = await load(productId, input.id);
      const targeting = input.targeting ? normalise(input.targeting) : doc.targeting;
      assertTargeting(targeting);
      const description = input.description ?? doc.description;
      const percentage = input.percentage ?? doc.percentage;
      const changes = [
        ...(description !== doc.description ? ['description'] : []),
        ...(percentage !== doc.percentage ? ['percentage'] : []),
        ...(JSON.stringify(targeting) !== JSON.stringify(doc.targeting) ? ['targeting'] : []),
      ];
      if (changes.length === 0) return toFlag(doc);
      const staged = bus.stage('flag.updated', { flagId: doc.id, changes }, { productId, actorId });
      // A rollout change is what `flag.toggled` subscribers (webhooks) watch, beside on/off.
      if (changes.includes('percentage')) {
        staged.and(
          'flag.toggled',
          { flagId: doc.id, enabled: doc.enabled, percentage },
          { productId, actorId },
        );
      }
      return save(
        doc,
        {
          ...withoutSystemFields(doc),
          description,
          percentage,
          targeting,
          searchText: searchTextOf(doc.key, description),
          updatedAt: isoNow(clock),
          updatedBy: actorId,
        },
        staged,
      );
    },
    async toggle(productId: string, id: string, enabled: boolean, actorId: string): Promise<TFlag> {
      const doc = await load(productId, id);
      if (doc.enabled === enabled) return toFlag(doc);
      return save(
        doc,
        { ...withoutSystemFields(doc), enabled, updatedAt: isoNow(clock), updatedBy: actorId },
        bus.stage(
          'flag.toggled',
          { flagId: doc.id, enabled, percentage: doc.percentage },
          { productId, actorId },
        ),
      );
    },
    async delete(productId: string, id: string, actorId: string): Promise<TFlag> {
      const doc = await load(productId, id);
      const staged = bus.stage('flag.deleted', { flagId: id }, { productId, actorId });
      await repo.delete(productId, id, doc._etag, staged);
      evaluation.invalidate(productId);
      return toFlag(doc);
    },
  };
};

export type FlagsService = ReturnType<typeof createFlagsService>;
