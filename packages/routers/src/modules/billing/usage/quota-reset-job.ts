import { isStoreError } from '@bytelyst/db/document-store';
import type { JobContext, JobDefinition } from '@bytelyst/scheduler/definition';
import { addDays, dayOf, monthOf, startOfMonth } from '../../../lib/time';
import { COUNTER_TTL_SECONDS, RECEIPT_TTL_SECONDS } from './record';
import { monthTotalId, type UsageRepository } from './repository';

const PAGE = 500;
const PLATFORM = '*';

type Deps = {
  repo: UsageRepository;
  /** Default 400 days (the counters' TTL), so a year can be compared with the last. */
  counterRetentionDays?: number;
  /** Default 7 days (the receipts' TTL): the window in which a retried record replays. */
  receiptRetentionDays?: number;
};

/** Deletes every document the query keeps returning; the query must stop matching what was deleted. */
const drain = async (
  ctx: JobContext,
  next: () => Promise<{ id: string; productId: string }[]>,
  remove: (id: string, productId: string) => Promise<boolean>,
): Promise<number> => {
  let removed = 0;
  while (!ctx.signal.aborted) {
    const items = await next();
    if (items.length === 0) break;
    for (const doc of items) if (await remove(doc.id, doc.productId)) removed += 1;
    if (items.length < PAGE) break;
  }
  return removed;
};

/** Writes each user's totals of the month that ended before `now`, once (a marker remembers it). */
const closeMonth = async (deps: Deps, ctx: JobContext, now: number) => {
  const end = startOfMonth(now);
  const month = monthOf(end - 1);
  const markerId = `close:${month}`;
  if (await deps.repo.periods().read(markerId, PLATFORM)) return { monthsClosed: 0, monthlyTotals: 0 };
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
    await deps.repo.periods().upsert({
      id: monthTotalId(entry.userId, entry.metric, month),
      kind: 'month',
      period: month,
      periodEnd,
      at,
      ...entry,
    });
  }
  try {
    await deps.repo.periods().create({
      id: markerId,
      kind: 'close',
      productId: PLATFORM,
      period: month,
      periodEnd,
      at,
      totals: totals.size,
    });
  } catch (error) {
    if (!isStoreError(error, 'conflict')) throw error;
  }
  ctx.log('info', `Closed ${month}: ${totals.size} monthly totals`);
  return { monthsClosed: 1, monthlyTotals: totals.size };
};

/**
 * Roadmap §2.1 usage-quota-reset, daily at midnight UTC. Counters are keyed by UTC day, so a new day or month
 * starts from zero by construction: nothing is zeroed here, and a late or repeated run can never reset anyone
 * twice or wipe usage that was recorded after midnight. "Reset" therefore means closing what ended:
 * clear the quota-exceeded flags of ended periods (so the next period warns again), write per-user totals of a
 * month that ended (once, behind a marker), and prune counters past retention and idempotency receipts past
 * their window (store TTL does this too, but Cosmos TTL is best-effort). Every step is idempotent.
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
    const periods = deps.repo.periods();
    const daily = deps.repo.daily();
    const remove = (container: typeof periods | typeof daily) => (id: string, productId: string) =>
      container.delete(id, productId);

    const flagsCleared = await drain(
      ctx,
      async () =>
        (await periods.query({ where: { kind: { eq: 'flag' }, periodEnd: { lte: nowIso } }, limit: PAGE }))
          .items,
      remove(periods),
    );
    const closed = await closeMonth(deps, ctx, now);
    const retentionDays = deps.counterRetentionDays ?? COUNTER_TTL_SECONDS / 86_400;
    const cutoffDay = dayOf(addDays(now, -retentionDays));
    const countersPruned = await drain(
      ctx,
      async () =>
        (await daily.query({ where: { kind: { eq: 'day' }, day: { lt: cutoffDay } }, limit: PAGE })).items,
      remove(daily),
    );
    const receiptDays = deps.receiptRetentionDays ?? RECEIPT_TTL_SECONDS / 86_400;
    const receiptCutoff = new Date(addDays(now, -receiptDays)).toISOString();
    const receiptsPruned = await drain(
      ctx,
      async () =>
        (await daily.query({ where: { kind: { eq: 'receipt' }, at: { lt: receiptCutoff } }, limit: PAGE }))
          .items,
      remove(daily),
    );
    const metrics = { flagsCleared, ...closed, countersPruned, receiptsPruned };
    ctx.log('info', 'Usage periods closed', metrics);
    return metrics;
  },
});
