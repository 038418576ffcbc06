import { CONTAINERS } from '@bytelyst/db/containers';
import { type DocumentStore, type Filter, isStoreError, type OrderBy } from '@bytelyst/db/document-store';
import { AppError } from '../../../app-error';
import { sha256 } from '../../../lib/crypto';
import type { TWaitlistEntry } from './schema';

/** `activityAt` is the latest of joining, being invited and being followed up: what staleness is measured from. */
export type WaitlistDoc = TWaitlistEntry & { emailLower: string; tokenHash: string; activityAt: string };

type CounterDoc = { id: string; productId: string; value: number };

const POSITION_COUNTER = 'waitlist-position';
const MAX_ATTEMPTS = 200;

/** Deterministic from the email, so a second join with the same address is a create conflict. */
export const entryIdOf = (emailLower: string): string => `wl_${sha256(emailLower).slice(0, 24)}`;

export const createWaitlistRepository = (store: DocumentStore) => {
  const entries = () => store.container<WaitlistDoc>(CONTAINERS.waitlist.name);
  const counters = () => store.container<CounterDoc>(CONTAINERS.growthCounters.name);
  return {
    entries,
    get: (productId: string, id: string) => entries().read(id, productId),
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
     * won), so no two entries ever get the same position.
     */
    async nextPosition(productId: string): Promise<number> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const current = await counters().read(POSITION_COUNTER, productId);
        try {
          if (!current) {
            await counters().create({ id: POSITION_COUNTER, productId, value: 1 });
            return 1;
          }
          const value = current.value + 1;
          await counters().replace({ id: POSITION_COUNTER, productId, value }, { ifMatch: current._etag });
          return value;
        } catch (error) {
          if (!isStoreError(error, 'conflict') && !isStoreError(error, 'precondition_failed')) throw error;
        }
      }
      throw new AppError('UNAVAILABLE', 'The waitlist is very busy; try again in a moment');
    },
  };
};

export type WaitlistRepository = ReturnType<typeof createWaitlistRepository>;
