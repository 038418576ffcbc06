import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type OrderBy,
  type Outbox,
} from '@bytelyst/db/document-store';
import { sha256 } from '../../../lib/crypto';
import { GROWTH_CONTAINERS } from '../containers';
import { mutateIn } from '../mutated';
import type { TWaitlistEntry } from './schema';

/** `activityAt` is the latest of joining, being invited and being followed up: what staleness is measured from. */
export type WaitlistDoc = TWaitlistEntry & { emailLower: string; tokenHash: string; activityAt: string };

type CounterDoc = { id: string; productId: string; value: number };

const POSITION_COUNTER = 'waitlist-position';
const MAX_ATTEMPTS = 200;

/** Deterministic from the email, so a second join with the same address is a create conflict. */
export const entryIdOf = (emailLower: string): string => `wl_${sha256(emailLower).slice(0, 24)}`;

export const createWaitlistRepository = (store: DocumentStore) => {
  const entries = () => store.container<WaitlistDoc>(GROWTH_CONTAINERS.waitlist.name);
  const counters = () => store.container<CounterDoc>(GROWTH_CONTAINERS.growthCounters.name);
  return {
    get: (productId: string, id: string) => entries().read(id, productId),
    /** Throws StoreError `conflict` when the email already joined. */
    create: (doc: WaitlistDoc, outbox?: Outbox) => entries().create(doc, { outbox }),
    mutate: mutateIn(entries),
    /**
     * One page of entries of every product still waiting or invited with no activity since `cutoff`.
     * Cross-product on purpose: the reminder job is platform-wide.
     */
    stale: (cutoff: string, limit: number, continuation?: string) =>
      entries().query({
        where: { status: { in: ['waiting', 'invited'] }, activityAt: { lte: cutoff } },
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    async findByToken(productId: string, tokenHash: string) {
      const page = await entries().query({
        partitionKey: productId,
        where: { tokenHash: { eq: tokenHash } },
        limit: 1,
      });
      return page.items[0];
    },
    async findByEmail(productId: string, emailLower: string) {
      const page = await entries().query({
        partitionKey: productId,
        where: { emailLower: { eq: emailLower } },
        limit: 1,
      });
      return page.items[0];
    },
    query: (
      productId: string,
      where: Filter<WaitlistDoc>,
      orderBy: OrderBy<WaitlistDoc>,
      limit: number,
      continuation?: string | null,
    ) =>
      entries().query({
        partitionKey: productId,
        where,
        orderBy: [orderBy],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<WaitlistDoc>) =>
      entries().count({ partitionKey: productId, where }),
    /**
     * The next waitlist position of a product: a counter advanced with its etag (retried when another join
     * won), so no two entries ever get the same position. Undefined when it stayed contended throughout.
     */
    async nextPosition(productId: string): Promise<number | undefined> {
      const advance = async () =>
        (
          await counters().mutate(
            POSITION_COUNTER,
            productId,
            (current) => ({ id: POSITION_COUNTER, productId, value: current.value + 1 }),
            { attempts: MAX_ATTEMPTS },
          )
        )?.doc.value;
      try {
        const next = await advance();
        if (next !== undefined) return next;
        try {
          await counters().create({ id: POSITION_COUNTER, productId, value: 1 });
          return 1;
        } catch (error) {
          if (!isStoreError(error, 'conflict')) throw error;
        }
        // A racing first join created the counter meanwhile.
        return await advance();
      } catch (error) {
        if (!isStoreError(error, 'precondition_failed')) throw error;
        return undefined;
      }
    },
  };
};

export type WaitlistRepository = ReturnType<typeof createWaitlistRepository>;
