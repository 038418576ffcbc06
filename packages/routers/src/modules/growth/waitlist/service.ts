import { randomBytes } from 'node:crypto';
import {
  type Clock,
  isStoreError,
  type MutateOptions,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { sha256 } from '../../../lib/crypto';
import { isoNow } from '../../../lib/time';
import { found } from '../mutated';
import { entryIdOf, type WaitlistDoc, type WaitlistRepository } from './repository';
import type {
  TJoinInput,
  TWaitlistEntry,
  TWaitlistFilters,
  TWaitlistListInput,
  TWaitlistStatus,
  TWaitlistUpdateInput,
} from './schema';
import { toEntry, whereOf } from './view';

export const WAITLIST_TOKEN_PREFIX = 'wlt_';
const EXPORT_PAGE = 500;

export type WaitlistServiceDeps = {
  repo: WaitlistRepository;
  clock: Clock;
  bus: EventBus;
  /** Records the visit on the referral link the entry came through; unknown codes are ignored. */
  trackReferral?: (productId: string, code: string, email: string) => Promise<unknown>;
};

/** The pre-launch waitlist: public join and position lookup, admin review. Invitations live in invite.ts. */
export const createWaitlistService = (deps: WaitlistServiceDeps) => {
  const { repo, clock, bus } = deps;
  const now = () => isoNow(clock);
  const load = async (productId: string, id: string) => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Waitlist entry not found');
    return doc;
  };
  const mutate = (
    productId: string,
    id: string,
    change: (doc: WaitlistDoc) => WaitlistDoc | null,
    outbox?: MutateOptions<WaitlistDoc>['outbox'],
  ) => found(repo.mutate(productId, id, change, outbox), 'Waitlist entry not found');

  return {
    load,
    mutate,
    /**
     * Joins once per email: the entry id derives from the address, so a repeat (even a racing one) answers
     * with the existing entry. A racing repeat may consume a position number, never share one.
     */
    async join(productId: string, input: TJoinInput) {
      const emailLower = input.email.toLowerCase();
      const id = entryIdOf(emailLower);
      const existing = await repo.get(productId, id);
      const already = (doc: WaitlistDoc) => ({
        id: doc.id,
        position: doc.position,
        status: doc.status,
        token: null,
        alreadyJoined: true,
      });
      if (existing) return already(existing);
      const position = await repo.nextPosition(productId);
      if (position === undefined) {
        throw new AppError('UNAVAILABLE', 'The waitlist is very busy; try again in a moment');
      }
      const token = `${WAITLIST_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
      const at = now();
      const doc: WaitlistDoc = {
        id,
        productId,
        email: input.email,
        emailLower,
        name: input.name ?? null,
        position,
        status: 'waiting',
        referralCode: input.referralCode?.toUpperCase() ?? null,
        source: input.source ?? null,
        note: '',
        invitationId: null,
        invitationCode: null,
        userId: null,
        invitedAt: null,
        joinedAt: null,
        removedAt: null,
        followUpAt: null,
        followUps: 0,
        tokenHash: sha256(token),
        activityAt: at,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await repo.create(
          doc,
          bus.stage('waitlist.joined', { email: input.email, position }, { productId, actorId: null }),
        );
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        const raced = await load(productId, id);
        return already(raced);
      }
      if (doc.referralCode && deps.trackReferral) {
        await deps.trackReferral(productId, doc.referralCode, input.email).catch(() => undefined);
      }
      return { id, position, status: doc.status, token, alreadyJoined: false };
    },
    async position(productId: string, token: string) {
      const doc = await repo.findByToken(productId, sha256(token.trim()));
      if (!doc) {
        throw new AppError('NOT_FOUND', 'No waitlist entry for this token', {
          fields: [{ path: 'token', message: 'Unknown token' }],
        });
      }
      const [ahead, totalWaiting] = await Promise.all([
        repo.count(productId, { status: { eq: 'waiting' }, position: { lt: doc.position } }),
        repo.count(productId, { status: { eq: 'waiting' } }),
      ]);
      return { position: doc.position, status: doc.status, ahead, totalWaiting, joinedAt: doc.createdAt };
    },
    async list(productId: string, input: TWaitlistListInput) {
      const where = whereOf(input);
      const orderBy = { field: input.sort ?? 'position', direction: input.direction ?? 'asc' } as const;
      const [page, total] = await Promise.all([
        repo.query(productId, where, orderBy, input.limit ?? 50, input.cursor),
        repo.count(productId, where),
      ]);
      return { items: page.items.map(toEntry), nextCursor: page.continuation, total };
    },
    get: async (productId: string, id: string): Promise<TWaitlistEntry> => toEntry(await load(productId, id)),
    async update(productId: string, input: TWaitlistUpdateInput): Promise<TWaitlistEntry> {
      const { doc } = await mutate(productId, input.id, (current) => {
        const next = { ...withoutSystemFields(current), updatedAt: now() };
        if (input.name !== undefined) next.name = input.name || null;
        if (input.note !== undefined) next.note = input.note;
        if (input.status && input.status !== current.status) {
          if (current.status !== 'waiting' && current.status !== 'removed') {
            throw new AppError('CONFLICT', `An ${current.status} entry cannot be set to ${input.status}`, {
              fields: [{ path: 'status', message: `The entry is already ${current.status}` }],
            });
          }
          next.status = input.status;
          next.removedAt = input.status === 'removed' ? now() : null;
        }
        return next;
      });
      return toEntry(doc);
    },
    async remove(productId: string, id: string): Promise<TWaitlistEntry> {
      const { doc } = await mutate(productId, id, (current) =>
        current.status === 'removed'
          ? null
          : { ...withoutSystemFields(current), status: 'removed', removedAt: now(), updatedAt: now() },
      );
      return toEntry(doc);
    },
    /** A registered user or a redeemed invitation: waiting or invited -> joined. */
    async markJoined(productId: string, id: string, userId: string): Promise<boolean> {
      const { changed } = await mutate(productId, id, (current) =>
        current.status === 'waiting' || current.status === 'invited'
          ? {
              ...withoutSystemFields(current),
              status: 'joined',
              userId,
              joinedAt: now(),
              activityAt: now(),
              updatedAt: now(),
            }
          : null,
      );
      return changed;
    },
    findByEmail: (productId: string, email: string) => repo.findByEmail(productId, email.toLowerCase()),
    async stats(productId: string) {
      const of = (status: TWaitlistStatus) => repo.count(productId, { status: { eq: status } });
      const [waiting, invited, joined, removed] = await Promise.all([
        of('waiting'),
        of('invited'),
        of('joined'),
        of('removed'),
      ]);
      const reached = invited + joined;
      return {
        waiting,
        invited,
        joined,
        removed,
        total: waiting + invited + joined + removed,
        conversionRate: reached === 0 ? 0 : joined / reached,
      };
    },
    /** Every matching entry in position order, one store page at a time (for the streamed CSV export). */
    async *exportPages(productId: string, filters: TWaitlistFilters): AsyncGenerator<TWaitlistEntry[]> {
      const where = whereOf(filters);
      let continuation: string | null = null;
      do {
        const page = await repo.query(
          productId,
          where,
          { field: 'position', direction: 'asc' },
          EXPORT_PAGE,
          continuation,
        );
        if (page.items.length > 0) yield page.items.map(toEntry);
        continuation = page.continuation;
      } while (continuation);
    },
  };
};

export type WaitlistService = ReturnType<typeof createWaitlistService>;
