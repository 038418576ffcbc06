import type { Clock } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import { POLICY_ID, type PolicyDoc, type TelemetryRepository } from './repository';
import type { TCollectionPolicy, TPolicyUpdateInput, TTelemetryLevel } from './schema';

/** What a product collects until an admin says otherwise: every error, a tenth of debug noise, 30 days. */
export const DEFAULT_POLICY = {
  enabled: true,
  sampleRates: { debug: 0.1, info: 1, warn: 1, error: 1, fatal: 1 },
  denyNames: [] as string[],
  maxBatch: 500,
  retentionDays: 30,
} as const;

const defaults = (productId: string): PolicyDoc => ({
  id: POLICY_ID,
  productId,
  ...DEFAULT_POLICY,
  sampleRates: { ...DEFAULT_POLICY.sampleRates },
  denyNames: [],
  updatedAt: null,
  updatedBy: null,
});

export const toPolicy = ({ id: _id, ...rest }: PolicyDoc): TCollectionPolicy => ({
  productId: rest.productId,
  enabled: rest.enabled,
  sampleRates: rest.sampleRates,
  denyNames: rest.denyNames,
  maxBatch: rest.maxBatch,
  retentionDays: rest.retentionDays,
  updatedAt: rest.updatedAt,
  updatedBy: rest.updatedBy,
});

export const isDenied = (policy: Pick<PolicyDoc, 'denyNames'>, name: string): boolean =>
  policy.denyNames.some((rule) => (rule.endsWith('*') ? name.startsWith(rule.slice(0, -1)) : rule === name));

export const sampleRateOf = (policy: Pick<PolicyDoc, 'sampleRates'>, level: TTelemetryLevel): number =>
  policy.sampleRates[level];

/** A short per-instance cache: ingestion reads the policy on every batch; this instance's updates drop it. */
export const createPolicyService = (deps: {
  repo: TelemetryRepository;
  clock: Clock;
  cacheTtlMs?: number;
}) => {
  const { repo, clock } = deps;
  const cache = createTtlCache<PolicyDoc>({ ttlMs: deps.cacheTtlMs ?? 5_000, clock });

  const read = async (productId: string): Promise<PolicyDoc> => {
    const stored = await repo.policies.get(productId);
    return stored ? withoutSystemFields(stored) : defaults(productId);
  };

  return {
    get: async (productId: string): Promise<TCollectionPolicy> => toPolicy(await read(productId)),
    /**
     * The policy ingestion applies. The first batch of a product writes its default policy, so the retention
     * sweep (which lists policies) knows the product has events to look after.
     */
    async forIngest(productId: string): Promise<PolicyDoc> {
      const hit = cache.get(productId);
      if (hit) return hit;
      const stored = await repo.policies.get(productId);
      let policy = stored ? withoutSystemFields(stored) : defaults(productId);
      if (!stored) {
        try {
          await repo.policies.create(policy);
        } catch (error) {
          if (!isStoreError(error, 'conflict')) throw error;
          policy = await read(productId);
        }
      }
      cache.set(productId, policy);
      return policy;
    },
    async update(productId: string, input: TPolicyUpdateInput, actorId: string): Promise<TCollectionPolicy> {
      const current = await read(productId);
      const next: PolicyDoc = {
        ...current,
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        ...(input.denyNames === undefined ? {} : { denyNames: [...new Set(input.denyNames)] }),
        ...(input.maxBatch === undefined ? {} : { maxBatch: input.maxBatch }),
        ...(input.retentionDays === undefined ? {} : { retentionDays: input.retentionDays }),
        sampleRates: { ...current.sampleRates, ...input.sampleRates },
        updatedAt: isoNow(clock),
        updatedBy: actorId,
      };
      const saved = withoutSystemFields(await repo.policies.upsert(next));
      cache.delete(productId);
      return toPolicy(saved);
    },
    all: () => repo.policies.all(),
  };
};

export type PolicyService = ReturnType<typeof createPolicyService>;
