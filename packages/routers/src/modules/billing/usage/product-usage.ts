import type { Clock } from '@bytelyst/db/document-store';
import { AppError } from '../../../app-error';
import { addDays, dayOf, daysBetween } from '../../../lib/time';
import type { UsageRepository } from './repository';
import type { TUsageProductInput, TUsageProductOutput } from './schema';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
const PAGE = 1000;
/** Counters one answer reads at most (one per user, metric and day). */
export const MAX_SCANNED = 50_000;

/** Product-wide usage per day and metric over a range of UTC days (default: the last 30). */
export const productUsage = async (
  deps: { repo: UsageRepository; clock: Clock },
  productId: string,
  input: TUsageProductInput,
): Promise<TUsageProductOutput> => {
  const now = deps.clock();
  const to = input.to ?? dayOf(now);
  const from = input.from ?? dayOf(addDays(Date.parse(`${to}T00:00:00Z`), 1 - DEFAULT_DAYS));
  if (from > to) {
    throw new AppError('BAD_REQUEST', `'from' (${from}) is after 'to' (${to})`, {
      fields: [{ path: 'from', message: 'Must not be after to' }],
    });
  }
  if (daysBetween(from, to) > MAX_DAYS) {
    throw new AppError('BAD_REQUEST', `A range spans at most ${MAX_DAYS} days`, {
      fields: [{ path: 'from', message: `At most ${MAX_DAYS} days before to` }],
    });
  }
  const cells = new Map<string, { day: string; metric: string; total: number; users: number }>();
  const byMetric = new Map<string, { total: number; users: Set<string> }>();
  let continuation: string | undefined;
  let scanned = 0;
  let truncated = false;
  do {
    const page = await deps.repo.countersPage(
      { day: { gte: from, lte: to }, ...(input.metric ? { metric: { eq: input.metric } } : {}) },
      { productId, limit: PAGE, ...(continuation ? { continuation } : {}) },
    );
    for (const doc of page.items) {
      if (doc.kind !== 'day') continue;
      const key = `${doc.day}|${doc.metric}`;
      const cell = cells.get(key) ?? { day: doc.day, metric: doc.metric, total: 0, users: 0 };
      cell.total += doc.count;
      cell.users += 1;
      cells.set(key, cell);
      const metric = byMetric.get(doc.metric) ?? { total: 0, users: new Set<string>() };
      metric.total += doc.count;
      metric.users.add(doc.userId);
      byMetric.set(doc.metric, metric);
    }
    scanned += page.items.length;
    continuation = page.continuation ?? undefined;
    truncated = continuation !== undefined && scanned >= MAX_SCANNED;
  } while (continuation && !truncated);

  return {
    from,
    to,
    days: [...cells.values()].sort((a, b) => a.day.localeCompare(b.day) || a.metric.localeCompare(b.metric)),
    totals: [...byMetric.entries()]
      .map(([metric, { total, users }]) => ({ metric, total, users: users.size }))
      .sort((a, b) => a.metric.localeCompare(b.metric)),
    truncated,
  };
};
