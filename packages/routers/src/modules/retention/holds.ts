import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { AppError, isAppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import type { JobTrigger } from '../../lib/job-trigger';
import { heldUsersOf } from '../../lib/legal-holds';
import { isoNow } from '../../lib/time';
import type { UsersService } from '../users/service';
import type { HoldDoc, RetentionRepository } from './repository';
import type { THold, THoldCreateInput } from './schema';
import type { Sweeper } from './sweeper';
import { type DocumentTarget, TARGETS } from './targets';

export const HOLDS_JOB = 'retention-holds';

export type Actor = { id: string; email: string };

const toHold = (doc: HoldDoc): THold => {
  const { kind: _kind, productId: _productId, ...rest } = withoutSystemFields(doc);
  return rest;
};

/** The targets whose documents expire on their own (a container TTL or a per-document one). */
const EXPIRING: readonly DocumentTarget[] = TARGETS.filter(
  (t): t is DocumentTarget => t.kind === 'documents' && t.def.defaultTtl !== undefined,
);

/**
 * Legal holds: while a user has an active hold in a product, none of the user's documents there go, neither by
 * a policy (the cleanup skips them), by another module's own cleanup (they ask `heldUsers`), nor by the store's
 * TTL (the `retention-holds` job pins them). Released holds stay on record.
 */
export const createHolds = (deps: {
  repo: RetentionRepository;
  sweeper: Sweeper;
  clock: Clock;
  bus: EventBus;
  users: Pick<UsersService, 'find' | 'findByEmail'>;
  jobs: JobTrigger;
}) => {
  const { repo, clock, bus } = deps;

  const load = async (productId: string, id: string): Promise<Stored<HoldDoc>> => {
    const doc = await repo.holds.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Legal hold '${id}' not found`, { reason: 'hold_not_found' });
    return doc;
  };

  /** Pins at once rather than at the next hourly pass: a document may be an hour from its expiry. */
  const pinSoon = async (actor: Actor) => {
    try {
      await deps.jobs.trigger(HOLDS_JOB, actor);
    } catch (error) {
      // A pass already running, or no runner in this process: the hourly pass pins what this one misses.
      if (!isAppError(error) || (error.code !== 'CONFLICT' && error.code !== 'UNAVAILABLE')) throw error;
    }
  };

  return {
    async create(productId: string, input: THoldCreateInput, actor: Actor): Promise<THold> {
      const user = input.userId
        ? await deps.users.find(productId, input.userId)
        : await deps.users.findByEmail(productId, input.email ?? '');
      if (!user) {
        const path = input.userId ? 'userId' : 'email';
        throw new AppError('VALIDATION', 'No such user in this product', {
          fields: [{ path, message: 'No such user in this product' }],
        });
      }
      const doc: HoldDoc = {
        id: `hold_${randomId(9)}`,
        kind: 'hold',
        productId,
        userId: user.id,
        userEmail: user.email,
        reason: input.reason,
        status: 'active',
        createdBy: actor.id,
        createdByEmail: actor.email,
        createdAt: isoNow(clock),
        releasedAt: null,
        releasedBy: null,
      };
      const created = await repo.holds.create(
        doc,
        bus.stage(
          'retention.hold_placed',
          { holdId: doc.id, userId: user.id, reason: input.reason },
          { productId, actorId: actor.id },
        ),
      );
      await pinSoon(actor);
      return toHold(created);
    },

    /**
     * Ends a hold; the user's documents follow the policies again once no other hold is left. Pinned documents
     * keep no TTL, so the next cleanup run removes those past their policy.
     */
    async release(productId: string, id: string, actor: Actor): Promise<THold> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const doc = await load(productId, id);
        if (doc.status === 'released') {
          throw new AppError('CONFLICT', 'The hold is already released', { reason: 'hold_released' });
        }
        const others = (await repo.holds.countActive(productId, doc.userId)) - 1;
        const next: HoldDoc = {
          ...withoutSystemFields(doc),
          status: 'released',
          releasedAt: isoNow(clock),
          releasedBy: actor.id,
        };
        const saved = await repo.holds.replace(
          next,
          doc._etag,
          bus.stage(
            'retention.hold_released',
            { holdId: id, userId: doc.userId, otherActiveHolds: Math.max(0, others) },
            { productId, actorId: actor.id },
          ),
        );
        if (saved) return toHold(saved);
      }
      throw new AppError('CONFLICT', 'The hold kept changing; try again');
    },

    async list(productId: string, input: { status?: THold['status']; limit?: number; cursor?: string }) {
      const page = await repo.holds.list(productId, input.status, input.limit ?? 50, input.cursor);
      return { items: page.items.map(toHold), nextCursor: page.continuation };
    },

    heldUsers: async () => heldUsersOf(await repo.holds.active()),

    /** The hourly pass: every held user's documents that could still expire are pinned. */
    async pinAll(signal: AbortSignal): Promise<{ holds: number; pinned: number }> {
      const holds = await repo.holds.active();
      const users = new Map(holds.map((h) => [`${h.productId}\u0000${h.userId}`, h]));
      let pinned = 0;
      for (const { productId, userId } of users.values()) {
        // The platform's own documents (`*`: job runs, events) that name the user are kept too.
        for (const scope of [productId, PLATFORM_PRODUCT_ID]) {
          for (const target of EXPIRING) {
            if (signal.aborted) return { holds: holds.length, pinned };
            pinned += await deps.sweeper.pin(target, { productId: scope, nowIso: isoNow(clock) }, userId);
          }
        }
      }
      return { holds: holds.length, pinned };
    },
  };
};

export type Holds = ReturnType<typeof createHolds>;
