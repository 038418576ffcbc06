import type { JobContext, JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../../lib/sweep';
import { addDays, DAY_SECONDS, dayOf, monthOf, startOfMonth } from '../../../lib/time';
import { COUNTER_TTL_SECONDS, RECEIPT_TTL_SECONDS } from './record';
import { monthTotalId, PLATFORM, type UsageRepository } from './repository';

const PAGE = 500;

type Deps = {
  repo: UsageRepository;
  /** Default 400 days (the counters' TTL), so a year can be compared with the last. */
  counterRetentionDays?: number;
  /** Default 7 days (the receipts' TTL): the window in which a retried record replays. */
  receiptRetentionDays?: number;
};

/** Writes each user's totals of the month that ended before `now`, once (a marker remembers it). */
const closeMonth = async (deps: Deps, ctx: JobContext, now: number) => {
  const end = startOfMonth(now);
  const month = monthOf(end - 1);
  const markerId = `close:${month}`;
  if (await deps.repo.monthClosed(markerId)) return { monthsClosed: 0, monthlyTotals: 0 };
  const firstDay = `${month}-01`;
  const lastDay = dayOf(end - 1);
  const totals = new Map<string, { productId: string; userId: string; metric: string; total: number }>();
  let continuation: string | undefined;
  do {
    const page = await deps.repo.countersPage(
      { day: { gte: firstDay, lte: lastDay } },
      { limit: 1000, ...(continuation ? { continuation } : {}) },
    );
    for (const doc of page.items) {
      if (doc.kind !== 'day') continue;
      const key = `${doc.productId}|${doc.userId}|${doc.metric}`;
      const entry = totals.get(key) ?? {
        productId: doc.productId,
        userId: doc.userId,
        metric: doc.metric,
        total: 0,
      };
      entry.total += doc.count;
      totals.set(key, entry);
    }
    continuation = page.continuation ?? undefined;
  } while (continuation && !ctx.signal.aborted);
  if (ctx.signal.aborted) return { monthsClosed: 0, monthlyTotals: 0 };
  const at = new Date(now).toISOString();
  const periodEnd = new Date(end).toISOString();
  for (const entry of totals.values()) {
    await deps.repo.upsertMonthTotal({
      id: monthTotalId(entry.userId, entry.metric, month),
      kind: 'month',
      period: month,
      periodEnd,
      at,
      ...entry,
    });
  }
  await deps.repo.markMonthClosed({
    id: markerId,
    kind: 'close',
    productId: PLATFORM,
    period: month,
    periodEnd,
    at,
    totals: totals.size,
  });
  ctx.log('info', `Closed ${month}: ${totals.size} monthly totals`);
  return { monthsClosed: 1, monthlyTotals: totals.size };
};

/**
 * usage-quota-reset, daily at midnight UTC. Counters are keyed by UTC day, so a new day or month starts from
 * zero by construction: nothing is zeroed here, and a late or repeated run can never reset anyone twice or wipe
 * usage that was recorded after midnight. "Reset" therefore means closing what ended: clear the quota-exceeded
 * flags of ended periods (so the next period warns again), write per-user totals of a month that ended (once,
 * behind a marker), and prune counters past retention and idempotency receipts past their window (store TTL
 * does this too, but Cosmos TTL is best-effort). Every step is idempotent.
 */
export const createUsageQuotaResetJob = (deps: Deps): JobDefinition => ({
  name: 'usage-quota-reset',
  cron: '0 0 * * *',
  timezone: 'UTC',
  description: 'Close ended quota periods, write monthly usage totals and prune old counters',
  missedRunPolicy: 'once',
  async run(ctx) {
    const now = ctx.now();
    const nowIso = new Date(now).toISOString();
    const { repo } = deps;
    const onError = (doc: { productId: string; id: string }, error: unknown) =>
      ctx.log('warn', `Usage document ${doc.productId}/${doc.id} could not be removed: ${String(error)}`);
    // What these walks match never matches again (an ended period, a past day), so deleting needs no re-check.
    const flags = await sweep({
      signal: ctx.signal,
      page: (cursor) => repo.endedFlagsPage(nowIso, PAGE, cursor),
      handle: (doc) => repo.deletePeriodDoc(doc.productId, doc.id),
      onError,
    });
    const closed = await closeMonth(deps, ctx, now);
    const retentionDays = deps.counterRetentionDays ?? COUNTER_TTL_SECONDS / DAY_SECONDS;
    const cutoffDay = dayOf(addDays(now, -retentionDays));
    const counters = await sweep({
      signal: ctx.signal,
      page: (cursor) => repo.countersBeforePage(cutoffDay, PAGE, cursor),
      handle: (doc) => repo.deleteDailyDoc(doc.productId, doc.id),
      onError,
    });
    const receiptDays = deps.receiptRetentionDays ?? RECEIPT_TTL_SECONDS / DAY_SECONDS;
    const receiptCutoff = new Date(addDays(now, -receiptDays)).toISOString();
    const receipts = await sweep({
      signal: ctx.signal,
      page: (cursor) => repo.receiptsBeforePage(receiptCutoff, PAGE, cursor),
      handle: (doc) => repo.deleteDailyDoc(doc.productId, doc.id),
      onError,
    });
    const failed = flags.failed + counters.failed + receipts.failed;
    const metrics = {
      flagsCleared: flags.handled,
      ...closed,
      countersPruned: counters.handled,
      receiptsPruned: receipts.handled,
      // What failed is retried by the next run; the count only shows up when there is one.
      ...(failed > 0 ? { failed } : {}),
    };
    ctx.log('info', 'Usage periods closed', metrics);
    return metrics;
  },
});
