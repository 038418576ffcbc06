import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { type AnalyticsRepository, DEFINITIONS_ID, type DefinitionsDoc } from './repository';
import type { TActivitySetting, TDefinitions, TFeature, TFunnel, TSetFunnelInput } from './schema';

/** A product's funnels; one more is refused. */
export const MAX_FUNNELS = 20;

/** The version of definitions nobody has edited yet. */
const SHIPPED_AT = '1970-01-01T00:00:00.000Z';

/** What a product measures until an admin changes it. */
export const defaultDefinitions = (productId: string): DefinitionsDoc => ({
  id: DEFINITIONS_ID,
  kind: 'definitions',
  productId,
  activity: { telemetry: 'any', usage: 'any', lateDays: 3 },
  features: [],
  funnels: [
    {
      id: 'default',
      name: 'Sign-up to subscription',
      order: 'ordered',
      windowDays: 14,
      updatedAt: SHIPPED_AT,
      steps: [
        { name: 'Sign-up', event: '$signup', nth: 1, filters: [] },
        { name: 'First dictation', event: 'dictation.completed', nth: 1, filters: [] },
        { name: 'Fifth dictation', event: 'dictation.completed', nth: 5, filters: [] },
        { name: 'Subscription', event: '$subscription', nth: 1, filters: [] },
      ],
    },
  ],
  updatedAt: null,
  updatedBy: null,
});

export const toDefinitions = (doc: DefinitionsDoc): TDefinitions => {
  const { id: _id, kind: _kind, ...rest } = withoutSystemFields(doc);
  return rest;
};

export const createDefinitionsService = (deps: {
  repo: AnalyticsRepository;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, bus } = deps;

  const get = async (productId: string): Promise<DefinitionsDoc> =>
    (await repo.definitions.get(productId)) ?? defaultDefinitions(productId);

  /** Applies `change` to the current definitions under the etag, with its event; retried on a concurrent write. */
  const save = async (
    productId: string,
    actorId: string,
    change: (current: DefinitionsDoc, at: string) => DefinitionsDoc,
    event: { part: 'activity' | 'features' | 'funnel'; funnelId: string | null; deleted: boolean },
  ): Promise<TDefinitions> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await repo.definitions.get(productId);
      const at = isoNow(clock);
      const next = {
        ...change(stored ? withoutSystemFields(stored) : defaultDefinitions(productId), at),
        updatedAt: at,
        updatedBy: actorId,
      };
      const outbox = bus.stage('analytics.definitions_changed', event, { productId, actorId });
      try {
        if (stored) await repo.definitions.replace(next, stored._etag, outbox);
        else await repo.definitions.create(next, outbox);
        return toDefinitions(next);
      } catch (error) {
        if (!isStoreError(error, 'precondition_failed') && !isStoreError(error, 'conflict')) throw error;
      }
    }
    throw new AppError('CONFLICT', 'The analytics definitions changed meanwhile; try again');
  };

  return {
    get,
    async view(productId: string): Promise<TDefinitions> {
      return toDefinitions(await get(productId));
    },
    setActivity: (productId: string, activity: TActivitySetting, actorId: string) =>
      save(productId, actorId, (current) => ({ ...current, activity }), {
        part: 'activity',
        funnelId: null,
        deleted: false,
      }),
    setFeatures: (productId: string, features: TFeature[], actorId: string) =>
      save(productId, actorId, (current) => ({ ...current, features }), {
        part: 'features',
        funnelId: null,
        deleted: false,
      }),
    async setFunnel(productId: string, input: TSetFunnelInput, actorId: string): Promise<TDefinitions> {
      const current = await get(productId);
      if (!current.funnels.some((f) => f.id === input.id) && current.funnels.length >= MAX_FUNNELS) {
        throw new AppError('VALIDATION', `At most ${MAX_FUNNELS} funnels`, {
          fields: [{ path: 'id', message: `At most ${MAX_FUNNELS} funnels per product` }],
        });
      }
      return save(
        productId,
        actorId,
        (doc, at) => {
          const funnel: TFunnel = { ...input, updatedAt: at };
          const exists = doc.funnels.some((f) => f.id === input.id);
          return {
            ...doc,
            funnels: exists
              ? doc.funnels.map((f) => (f.id === input.id ? funnel : f))
              : [...doc.funnels, funnel],
          };
        },
        { part: 'funnel', funnelId: input.id, deleted: false },
      );
    },
    async deleteFunnel(productId: string, id: string, actorId: string): Promise<TDefinitions> {
      const current = await get(productId);
      if (!current.funnels.some((f) => f.id === id))
        throw new AppError('NOT_FOUND', `Funnel '${id}' not found`);
      return save(
        productId,
        actorId,
        (doc) => ({ ...doc, funnels: doc.funnels.filter((f) => f.id !== id) }),
        {
          part: 'funnel',
          funnelId: id,
          deleted: true,
        },
      );
    },
  };
};

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;
