import type { DocumentStore, Filter, OrderBy, Stored } from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../billing/containers';
import type { TPlan } from '../billing/plans/schema';
import type { TSubscription } from '../billing/subscriptions/schema';
import type { DayCounterDoc } from '../billing/usage/repository';
import { TELEMETRY_CONTAINERS } from '../telemetry/containers';
import type { TelemetryEventDoc } from '../telemetry/repository';
import { USERS_CONTAINERS } from '../users/containers';
import type { UserDoc } from '../users/repository';
import { isoMs } from './days';

/**
 * The raw data analytics reads, one store page (1000 documents) at a time: telemetry events in time order, daily
 * usage counters, users (sign-ups), subscriptions and plans. Read-only: analytics never writes another module's
 * containers. Nothing here holds more than a page of raw events.
 */

/** What a rollup needs of one telemetry event. */
export type RawEvent = {
  id: string;
  userId: string;
  name: string;
  atMs: number;
  platform: string;
  appVersion: string;
  props: Record<string, string | number | boolean | null>;
};

export type UsageRecord = { userId: string; metric: string; day: string };
export type Signup = { userId: string; atMs: number };

const PAGE = 1000;

async function* pages<T extends { id: string }>(
  store: DocumentStore,
  container: string,
  partitionKey: string,
  where: Filter<T>,
  orderBy: OrderBy<T>,
): AsyncGenerator<Stored<T>[]> {
  let continuation: string | null = null;
  do {
    const page = await store.container<T>(container).query({
      partitionKey,
      where,
      orderBy: [orderBy],
      limit: PAGE,
      ...(continuation ? { continuation } : {}),
    });
    if (page.items.length > 0) yield page.items;
    continuation = page.continuation;
  } while (continuation);
}

export const createSources = (store: DocumentStore) => ({
  /**
   * Telemetry events with a user, `at` in [fromMs, toMs), ordered by `at` then id. Each page seeks from the last
   * `at` read (skipping what was read at that instant) instead of passing the store's cursor: a cursor beside a
   * range filter makes sqlite scan from the range's start for every page. The next page is asked for before a
   * page is handed out, so on Cosmos its round trip overlaps the caller's work on this one.
   */
  async *events(productId: string, fromMs: number, toMs: number): AsyncGenerator<RawEvent[]> {
    const container = store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);
    const to = new Date(toMs).toISOString();
    type Seek = { lowerAt: string; lastId: string; continuation: string | null };
    const read = (seek: Seek) => {
      const page = container.query({
        partitionKey: productId,
        where: { at: { gte: seek.lowerAt, lt: to } },
        orderBy: [{ field: 'at' }],
        limit: PAGE,
        ...(seek.continuation ? { continuation: seek.continuation } : {}),
      });
      // Awaited below; this only keeps a page nobody waits for any more (the caller stopped) from going unhandled.
      page.catch(() => undefined);
      return page;
    };
    let seek: Seek = { lowerAt: new Date(fromMs).toISOString(), lastId: '', continuation: null };
    let pending = read(seek);
    for (;;) {
      const page = await pending;
      const last = page.items.at(-1);
      let next: Seek | undefined;
      if (page.continuation && last) {
        // A whole page at one instant: page through that instant with the store's cursor.
        next =
          last.at === seek.lowerAt
            ? { ...seek, continuation: page.continuation }
            : { lowerAt: last.at, lastId: last.id, continuation: null };
        pending = read(next);
      }
      const out: RawEvent[] = [];
      for (const doc of page.items) {
        if (!seek.continuation && doc.at === seek.lowerAt && doc.id <= seek.lastId) continue;
        if (!doc.userId) continue;
        out.push({
          id: doc.id,
          userId: doc.userId,
          name: doc.name,
          atMs: isoMs(doc.at),
          platform: doc.platform,
          appVersion: doc.appVersion,
          props: doc.props ?? {},
        });
      }
      if (out.length > 0) yield out;
      if (!next) return;
      seek = next;
    }
  },

  /** Daily usage counters of the days [fromDay, toDay] (`yyyy-mm-dd`), in day order. */
  async *usage(productId: string, fromDay: string, toDay: string): AsyncGenerator<UsageRecord[]> {
    const where: Filter<DayCounterDoc> = { kind: { eq: 'day' }, day: { gte: fromDay, lte: toDay } };
    const name = BILLING_CONTAINERS.usageDaily.name;
    for await (const page of pages<DayCounterDoc>(store, name, productId, where, { field: 'day' })) {
      yield page
        .filter((doc) => doc.count > 0)
        .map((doc) => ({ userId: doc.userId, metric: doc.metric, day: doc.day }));
    }
  },

  /** Every user of the product with the time they signed up, in sign-up order. */
  async *signups(productId: string): AsyncGenerator<Signup[]> {
    const where: Filter<UserDoc> = { kind: { eq: 'user' } };
    const name = USERS_CONTAINERS.users.name;
    for await (const page of pages<UserDoc>(store, name, productId, where, { field: 'createdAt' })) {
      yield page.map((doc) => ({ userId: doc.id, atMs: isoMs(doc.createdAt) }));
    }
  },

  async *subscriptions(productId: string): AsyncGenerator<TSubscription[]> {
    const name = BILLING_CONTAINERS.subscriptions.name;
    yield* pages<TSubscription>(store, name, productId, {}, { field: 'createdAt' });
  },

  async plans(productId: string): Promise<TPlan[]> {
    const out: TPlan[] = [];
    const name = BILLING_CONTAINERS.plans.name;
    for await (const page of pages<TPlan>(store, name, productId, {}, { field: 'sortOrder' }))
      out.push(...page);
    return out;
  },
});

export type Sources = ReturnType<typeof createSources>;
