import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Stored,
} from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../containers';
import type { TUsageRecordOutput } from './schema';

/** One user's count of one metric on one UTC day. */
export type DayCounterDoc = {
  id: string;
  kind: 'day';
  productId: string;
  userId: string;
  metric: string;
  day: string;
  count: number;
  /** Last write. */
  at: string;
};

/** Proof that a record with this idempotency key was counted, with the answer it got. */
export type ReceiptDoc = {
  id: string;
  kind: 'receipt';
  productId: string;
  userId: string;
  metric: string;
  quantity: number;
  at: string;
  result: Omit<TUsageRecordOutput, 'replayed'>;
};

export type UsageDailyDoc = DayCounterDoc | ReceiptDoc;

/** A closed month's total for one user and metric. */
export type MonthTotalDoc = {
  id: string;
  kind: 'month';
  productId: string;
  userId: string;
  metric: string;
  period: string;
  periodEnd: string;
  total: number;
  at: string;
};

/** Remembers that a user hit a quota in a period, so the warning event goes out once. */
export type QuotaFlagDoc = {
  id: string;
  kind: 'flag';
  productId: string;
  userId: string;
  metric: string;
  period: string;
  periodEnd: string;
  limit: number;
  at: string;
};

/** Marks a month as closed by the reset job (platform-wide, partition '*'). */
export type CloseMarkerDoc = {
  id: string;
  kind: 'close';
  productId: string;
  period: string;
  periodEnd: string;
  at: string;
  totals: number;
};

export type UsagePeriodDoc = MonthTotalDoc | QuotaFlagDoc | CloseMarkerDoc;

export const counterId = (userId: string, metric: string, day: string) => `day:${userId}:${metric}:${day}`;
export const receiptId = (userId: string, key: string) => `receipt:${userId}:${key}`;
export const flagId = (userId: string, metric: string, period: string) =>
  `flag:${userId}:${metric}:${period}`;
export const monthTotalId = (userId: string, metric: string, month: string) =>
  `month:${userId}:${metric}:${month}`;

/** The partition of platform-wide documents (the close markers). */
export const PLATFORM = '*';

export const createUsageRepository = (store: DocumentStore) => {
  const daily = () => store.container<UsageDailyDoc>(BILLING_CONTAINERS.usageDaily.name);
  const periods = () => store.container<UsagePeriodDoc>(BILLING_CONTAINERS.usagePeriods.name);
  const after = (continuation: string | undefined) => (continuation ? { continuation } : {});
  /** Creates a period document that latches something; false when it exists already. */
  const createOnce = async (doc: UsagePeriodDoc, outbox?: Outbox): Promise<boolean> => {
    try {
      await periods().create(doc, outbox ? { outbox } : undefined);
      return true;
    } catch (error) {
      if (isStoreError(error, 'conflict')) return false;
      throw error;
    }
  };
  return {
    async counter(productId: string, id: string): Promise<Stored<DayCounterDoc> | undefined> {
      const doc = await daily().read(id, productId);
      return doc?.kind === 'day' ? doc : undefined;
    },
    async receipt(productId: string, id: string): Promise<Stored<ReceiptDoc> | undefined> {
      const doc = await daily().read(id, productId);
      return doc?.kind === 'receipt' ? doc : undefined;
    },
    /** Counters of one user over a day range (a month at most: one page holds them). */
    async countersOf(productId: string, userId: string, fromDay: string, toDay: string, metric?: string) {
      const where: Filter<DayCounterDoc> = {
        kind: { eq: 'day' },
        userId: { eq: userId },
        day: { gte: fromDay, lte: toDay },
        ...(metric ? { metric: { eq: metric } } : {}),
      };
      const page = await daily().query({ partitionKey: productId, where, limit: 1000 });
      return page.items.filter((doc): doc is Stored<DayCounterDoc> => doc.kind === 'day');
    },
    /** A page of counters of a product (or, without productId, of every product). */
    countersPage: (
      where: Filter<DayCounterDoc>,
      opts: { productId?: string; limit: number; continuation?: string },
    ) =>
      daily().query({
        ...(opts.productId ? { partitionKey: opts.productId } : {}),
        where: { ...where, kind: { eq: 'day' } },
        limit: opts.limit,
        ...after(opts.continuation),
      }),
    countCounters: (productId: string, where: Filter<DayCounterDoc>) =>
      daily().count({ partitionKey: productId, where: { ...where, kind: { eq: 'day' } } }),
    /**
     * Counts a record: the day's counter (replaced under `ifMatch`, or created) and the receipt, in one batch.
     * Throws `precondition_failed` or `conflict` when another record got there first.
     */
    commitRecord: (
      productId: string,
      counter: { doc: DayCounterDoc; ifMatch: string | undefined; ttl: number },
      receipt: { doc: ReceiptDoc; ttl: number },
    ) =>
      daily().batch(productId, [
        counter.ifMatch
          ? { op: 'replace', doc: counter.doc, ifMatch: counter.ifMatch, ttl: counter.ttl }
          : { op: 'create', doc: counter.doc, ttl: counter.ttl },
        { op: 'create', doc: receipt.doc, ttl: receipt.ttl },
      ]),
    /** False when the flag was raised before (and then its outbox is not written either). */
    raiseFlag: (doc: QuotaFlagDoc, outbox?: Outbox) => createOnce(doc, outbox),
    /** Quota flags of periods that ended by `nowIso`, across products. */
    endedFlagsPage: (nowIso: string, limit: number, continuation?: string) =>
      periods().query({
        where: { kind: { eq: 'flag' }, periodEnd: { lte: nowIso } },
        limit,
        ...after(continuation),
      }),
    deletePeriodDoc: (productId: string, id: string) => periods().delete(id, productId),
    /** Counters of days before `day`, across products. */
    countersBeforePage: (day: string, limit: number, continuation?: string) =>
      daily().query({ where: { kind: { eq: 'day' }, day: { lt: day } }, limit, ...after(continuation) }),
    /** Receipts written before `at`, across products. */
    receiptsBeforePage: (at: string, limit: number, continuation?: string) =>
      daily().query({ where: { kind: { eq: 'receipt' }, at: { lt: at } }, limit, ...after(continuation) }),
    deleteDailyDoc: (productId: string, id: string) => daily().delete(id, productId),
    /** Whether the close marker `markerId` exists, i.e. that month was closed. */
    monthClosed: async (markerId: string) => (await periods().read(markerId, PLATFORM)) !== undefined,
    upsertMonthTotal: (doc: MonthTotalDoc) => periods().upsert(doc),
    /** False when another run closed the month first. */
    markMonthClosed: (doc: CloseMarkerDoc) => createOnce(doc),
    async monthTotalsOf(productId: string, userId: string, limit: number): Promise<MonthTotalDoc[]> {
      const months = store.container<MonthTotalDoc>(BILLING_CONTAINERS.usagePeriods.name);
      const page = await months.query({
        partitionKey: productId,
        where: { kind: { eq: 'month' }, userId: { eq: userId } },
        orderBy: [
          { field: 'userId', direction: 'desc' },
          { field: 'period', direction: 'desc' },
        ],
        limit,
      });
      return page.items.filter((doc): doc is Stored<MonthTotalDoc> => doc.kind === 'month');
    },
  };
};

export type UsageRepository = ReturnType<typeof createUsageRepository>;
