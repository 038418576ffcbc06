import { randomBytes } from 'node:crypto';
import type { Clock, Container, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { type Delivery, type EventDoc, summarize } from './event-doc';
import type { BusLogger } from './logger';
import type { WriteBatcher } from './write-batcher';

/**
 * Claims on event documents. A dispatcher owns an event's open concurrent deliveries while `claim` holds its
 * token and `dueAt` (the claim's expiry) has not passed; every write here is conditional on the etag it read,
 * so of two dispatchers only one ever holds a claim. Others who write the document meanwhile (a sequential
 * stream, an admin replay) are merged with, not overwritten.
 */

export type ClaimedEvent = { doc: Stored<EventDoc>; claim: string; renewedAt: number };

const MERGE_ATTEMPTS = 10;

const stripSystem = ({ _etag, _ts, ttl, ...doc }: Stored<EventDoc>): EventDoc => doc;

export const shuffle = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
};

const lostRace = (error: unknown) =>
  isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found');

export const createEventClaims = (deps: {
  events: () => Container<EventDoc>;
  eventWrites: WriteBatcher<EventDoc>;
  clock: Clock;
  claimTtl: number;
  instanceId: string;
  logger: BusLogger;
}) => {
  const { events, eventWrites, clock, claimTtl, logger } = deps;
  let counter = 0;
  // Unique per claim without a random draw each: a nonce per bus (INSTANCE_ID may repeat across restarts).
  const prefix = `${deps.instanceId}:${randomBytes(4).toString('hex')}`;
  const newClaim = () => {
    counter += 1;
    return `${prefix}:${counter}`;
  };

  return {
    newClaim,

    /** Claims a document read from the store; null when another dispatcher got there first. */
    async claim(doc: Stored<EventDoc>): Promise<ClaimedEvent | null> {
      const now = clock();
      const claim = newClaim();
      const next: EventDoc = { ...stripSystem(doc), claim, ...summarize(doc.deliveries, now + claimTtl) };
      try {
        return {
          doc: await events().replace(next, { ifMatch: doc._etag }),
          claim,
          renewedAt: now,
        };
      } catch (error) {
        if (lostRace(error)) return null;
        throw error;
      }
    },

    /** Writes the deliveries this claim attempted and releases the claim, merging with writes made meanwhile. */
    async settle(job: ClaimedEvent, mine: Record<string, Delivery>): Promise<void> {
      let base: Stored<EventDoc> | undefined = job.doc;
      for (let attempt = 0; attempt < MERGE_ATTEMPTS && base; attempt += 1) {
        if (base.claim !== job.claim) {
          logger.warn({ eventId: job.doc.id }, 'event claim was taken over; dropping this result');
          return;
        }
        const deliveries = { ...base.deliveries, ...mine };
        const next: EventDoc = {
          ...stripSystem(base),
          deliveries,
          claim: null,
          ...summarize(deliveries, null),
        };
        try {
          await eventWrites.replace(next, base._etag);
          return;
        } catch (error) {
          if (!isStoreError(error, 'precondition_failed')) throw error;
          base = await events().read(job.doc.id, job.doc.productId);
        }
      }
      logger.error(
        { eventId: job.doc.id },
        'could not record delivery results; the claim will lapse and retry',
      );
    },

    /** Hands a claim back unused (shutdown), so another dispatcher can take the event at once. */
    async release(job: ClaimedEvent): Promise<void> {
      const next: EventDoc = { ...stripSystem(job.doc), claim: null, ...summarize(job.doc.deliveries, null) };
      await events()
        .replace(next, { ifMatch: job.doc._etag })
        .catch(() => undefined);
    },

    /** Extends the claims renewed a third of their lifetime ago or more, before they lapse. */
    async renew(jobs: Iterable<ClaimedEvent>): Promise<void> {
      const now = clock();
      for (const job of jobs) {
        if (now - job.renewedAt < claimTtl / 3) continue;
        for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt += 1) {
          const base = job.doc;
          try {
            job.doc = await events().replace(
              { ...stripSystem(base), dueAt: now + claimTtl },
              { ifMatch: base._etag },
            );
            job.renewedAt = now;
            break;
          } catch (error) {
            if (!isStoreError(error, 'precondition_failed')) throw error;
            const fresh = await events().read(base.id, base.productId);
            if (!fresh || fresh.claim !== job.claim) break;
            job.doc = fresh;
          }
        }
      }
    },

    /** A sequential stream's result for one delivery, merged into the event whoever holds its claim. */
    async recordSequential(productId: string, eventId: string, name: string, d: Delivery): Promise<void> {
      for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt += 1) {
        const fresh = await events().read(eventId, productId);
        if (!fresh) return;
        const deliveries = { ...fresh.deliveries, [name]: d };
        const summary = summarize(deliveries, null);
        const next: EventDoc = {
          ...stripSystem(fresh),
          deliveries,
          status: summary.status,
          deadSubscribers: summary.deadSubscribers,
          dueAt: fresh.claim ? fresh.dueAt : summary.dueAt,
        };
        try {
          await events().replace(next, { ifMatch: fresh._etag });
          return;
        } catch (error) {
          if (!isStoreError(error, 'precondition_failed')) throw error;
        }
      }
    },
  };
};
