import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { FILE_DAYS } from '../exports/config';
import { type PolicyDoc, policyId, type RetentionRepository } from './repository';
import {
  daysError,
  RETENTION_BOUNDS,
  RETENTION_CONTAINERS,
  type TPolicy,
  type TRetentionContainer,
  type TSetPolicyInput,
} from './schema';
import { TARGETS, ttlDaysOf } from './targets';

export type PolicyDays = Record<TRetentionContainer, number>;

const DEFAULT_DAYS = Object.fromEntries(
  RETENTION_CONTAINERS.map((c) => [c, RETENTION_BOUNDS[c].defaultDays]),
) as PolicyDays;

/**
 * A product's policies: the defaults of roadmap §2.23, changed per container by a super_admin within bounds.
 * Platform-wide documents (product `*`: the platform's own job runs and events) follow the defaults.
 */
export const createPolicies = (deps: {
  repo: RetentionRepository;
  clock: Clock;
  bus: EventBus;
  /** The telemetry collection policy's retention: the TTL telemetry events are written with. */
  telemetryDays: (productId: string) => Promise<number>;
}) => {
  const { repo, clock, bus } = deps;

  const stored = async (productId: string) =>
    productId === PLATFORM_PRODUCT_ID ? [] : await repo.policies.list(productId);

  return {
    /** The days each container keeps in this product. */
    async days(productId: string): Promise<PolicyDays> {
      const out = { ...DEFAULT_DAYS };
      for (const doc of await stored(productId)) out[doc.container] = doc.days;
      return out;
    },

    async list(productId: string): Promise<TPolicy[]> {
      const docs = new Map((await stored(productId)).map((doc) => [doc.container, doc]));
      const telemetryDays = await deps.telemetryDays(productId);
      return TARGETS.map((target) => {
        const bounds = RETENTION_BOUNDS[target.key];
        const doc = docs.get(target.key);
        const days = doc?.days ?? bounds.defaultDays;
        const ttlDays =
          target.kind === 'files'
            ? FILE_DAYS
            : target.key === 'telemetry_events'
              ? telemetryDays
              : ttlDaysOf(target.def);
        return {
          container: target.key,
          label: bounds.label,
          days,
          defaultDays: bounds.defaultDays,
          minDays: bounds.minDays,
          maxDays: bounds.maxDays,
          ttlDays,
          mode: ttlDays !== null && days >= ttlDays ? 'ttl' : 'sweep',
          timeField: target.timeField,
          userFields: [...target.userFields],
          why: bounds.why,
          updatedAt: doc?.updatedAt ?? null,
          updatedBy: doc?.updatedBy ?? null,
        };
      });
    },

    /** Sets one container's days, with `retention.policy_updated` in the same write. */
    async set(productId: string, input: TSetPolicyInput, actorId: string): Promise<void> {
      const error = daysError(input.container, input.days);
      if (error) throw new AppError('VALIDATION', error, { fields: [{ path: 'days', message: error }] });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await repo.policies.get(productId, input.container);
        const previousDays = current?.days ?? RETENTION_BOUNDS[input.container].defaultDays;
        if (current && current.days === input.days) return;
        const doc: PolicyDoc = {
          ...(current ? withoutSystemFields(current) : {}),
          id: policyId(input.container),
          kind: 'policy',
          productId,
          container: input.container,
          days: input.days,
          updatedAt: isoNow(clock),
          updatedBy: actorId,
        };
        const outbox = bus.stage(
          'retention.policy_updated',
          { container: input.container, days: input.days, previousDays },
          { productId, actorId },
        );
        if (await repo.policies.save(doc, current?._etag, outbox)) return;
      }
      throw new AppError('CONFLICT', 'The policy kept changing; try again');
    },
  };
};

export type Policies = ReturnType<typeof createPolicies>;
