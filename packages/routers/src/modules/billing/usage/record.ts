import { type Clock, isStoreError, type Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { DAY_SECONDS, dayOf, isoNow } from '../../../lib/time';
import type { TQuota } from '../plans/schema';
import { periodWindow } from './periods';
import { fits, flagExceeded, quotaError, standing, UNQUOTED_PERIOD } from './quota';
import {
  counterId,
  type DayCounterDoc,
  type ReceiptDoc,
  receiptId,
  type UsageRepository,
} from './repository';
import type { TUsageRecordOutput } from './schema';

/** A retry with the same key inside this window replays; after it the key may count again. */
export const RECEIPT_TTL_SECONDS = 7 * DAY_SECONDS;
/** Counters also carry a TTL as a backstop to the reset job's pruning. */
export const COUNTER_TTL_SECONDS = 400 * DAY_SECONDS;
const MAX_ATTEMPTS = 60;

export type RecordDeps = {
  repo: UsageRepository;
  clock: Clock;
  bus: EventBus;
  random: () => number;
};

type RecordRequest = { userId: string; metric: string; quantity: number; idempotencyKey: string };

const replay = (receipt: ReceiptDoc, request: RecordRequest): TUsageRecordOutput => {
  if (receipt.metric !== request.metric || receipt.quantity !== request.quantity) {
    throw new AppError(
      'CONFLICT',
      `Idempotency key '${request.idempotencyKey}' was already used for ${receipt.quantity} of '${receipt.metric}'`,
      { fields: [{ path: 'idempotencyKey', message: 'Already used for a different record' }] },
    );
  }
  return { ...receipt.result, replayed: true };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts `quantity` of `metric` for a user, exactly once per idempotency key. The day's counter is replaced
 * with its etag and the receipt created in one batch, so concurrent records never lose a count and a retried
 * one never adds a second; the quota is checked against the counter read in the same attempt.
 */
export const recordUsage = async (
  deps: RecordDeps,
  productId: string,
  request: RecordRequest,
  quota: TQuota | null,
): Promise<TUsageRecordOutput> => {
  const { repo } = deps;
  const rid = receiptId(request.userId, request.idempotencyKey);
  const earlier = await repo.receipt(productId, rid);
  if (earlier) return replay(earlier, request);

  const now = deps.clock();
  const today = dayOf(now);
  const window = periodWindow(quota?.period ?? UNQUOTED_PERIOD, now);
  // Earlier days of a monthly period no longer change, so they are summed once, outside the retry loop.
  const earlierDays =
    window.firstDay < today
      ? (await repo.countersOf(productId, request.userId, window.firstDay, today, request.metric))
          .filter((doc) => doc.day < today)
          .reduce((sum, doc) => sum + doc.count, 0)
      : 0;
  const cid = counterId(request.userId, request.metric, today);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const counter: Stored<DayCounterDoc> | undefined = await repo.counter(productId, cid);
    const before = standing(request.metric, quota, earlierDays + (counter?.count ?? 0), now);
    if (!fits(before, request.quantity)) {
      await flagExceeded(deps, productId, request.userId, before);
      throw quotaError(before, request.quantity);
    }
    const at = isoNow(deps.clock);
    const next: DayCounterDoc = {
      id: cid,
      kind: 'day',
      productId,
      userId: request.userId,
      metric: request.metric,
      day: today,
      count: (counter?.count ?? 0) + request.quantity,
      at,
    };
    const after = standing(request.metric, quota, before.used + request.quantity, now);
    const result = {
      ...after,
      userId: request.userId,
      quantity: request.quantity,
      day: today,
      recordedAt: at,
    };
    const receipt: ReceiptDoc = {
      id: rid,
      kind: 'receipt',
      productId,
      userId: request.userId,
      metric: request.metric,
      quantity: request.quantity,
      at,
      result,
    };
    try {
      await repo.commitRecord(
        productId,
        { doc: next, ifMatch: counter?._etag, ttl: COUNTER_TTL_SECONDS },
        { doc: receipt, ttl: RECEIPT_TTL_SECONDS },
      );
      return { ...result, replayed: false };
    } catch (error) {
      if (!isStoreError(error, 'precondition_failed') && !isStoreError(error, 'conflict')) throw error;
      const raced = await repo.receipt(productId, rid);
      if (raced) return replay(raced, request);
      await sleep(Math.floor(deps.random() * Math.min(50, 2 + attempt * 2)));
    }
  }
  throw new AppError('UNAVAILABLE', 'The usage counter is busy; retry with the same idempotency key');
};
