import type { EventBus } from '@bytelyst/events/bus';
import type { JobContext, JobDefinition } from '@bytelyst/scheduler/definition';
import { DAY_MS } from '../../lib/time';
import type { LicenseDoc, LicensesRepository } from './repository';

const PAGE = 200;
export const WARNING_DAYS = 7;

type Deps = { repo: LicensesRepository; bus: EventBus };

/**
 * Processes what a cross-product query keeps returning until it returns nothing new; `handle` takes each
 * document out of the query's reach (or fails), so re-querying the first page is how it pages.
 */
const sweep = async (
  ctx: JobContext,
  query: () => Promise<LicenseDoc[]>,
  handle: (doc: LicenseDoc) => Promise<boolean>,
) => {
  const seen = new Set<string>();
  let done = 0;
  while (!ctx.signal.aborted) {
    const fresh = (await query()).filter((doc) => !seen.has(`${doc.productId}/${doc.id}`));
    if (fresh.length === 0) break;
    for (const doc of fresh) {
      seen.add(`${doc.productId}/${doc.id}`);
      if (await handle(doc)) done += 1;
    }
  }
  return { scanned: seen.size, done };
};

/**
 * Roadmap §2.1 license-expiry-check, daily: licenses past their expiry become `expired` and emit
 * license.expired; licenses expiring within 7 days emit license.expiring once per expiry date (the emails
 * follow from that event). The status write and the warning mark are made with the etag before the emit, so
 * a rerun, or a second instance, finds nothing left to do.
 */
export const createLicenseExpiryJob = (deps: Deps): JobDefinition => ({
  name: 'license-expiry-check',
  cron: '0 1 * * *',
  timezone: 'UTC',
  description: 'Expire licenses past their date and warn about those expiring within 7 days',
  missedRunPolicy: 'once',
  async run(ctx) {
    const now = ctx.now();
    const nowIso = new Date(now).toISOString();
    const horizon = new Date(now + WARNING_DAYS * DAY_MS).toISOString();
    const query =
      (expiresAt: Record<string, string>, extra = {}) =>
      async () =>
        (
          await deps.repo.licenses().query({
            where: { status: { eq: 'active' }, expiresAt: { ...expiresAt, gt: '' }, ...extra },
            limit: PAGE,
          })
        ).items;

    const expired = await sweep(ctx, query({ lte: nowIso }), async (doc) => {
      const { changed } = await deps.repo.mutate(doc.productId, doc.id, (current) =>
        current.status === 'active' && current.expiresAt !== null && current.expiresAt <= nowIso
          ? { ...current, status: 'expired', expiredAt: nowIso, updatedAt: nowIso }
          : null,
      );
      if (changed) {
        await deps.bus.emit(
          'license.expired',
          { licenseId: doc.id, userId: doc.userId },
          { productId: doc.productId },
        );
      }
      return changed;
    });

    const warned = await sweep(
      ctx,
      query({ gt: nowIso, lte: horizon }, { expiryWarnedFor: { eq: null } }),
      async (doc) => {
        const { doc: saved, changed } = await deps.repo.mutate(doc.productId, doc.id, (current) =>
          current.status === 'active' &&
          current.expiresAt !== null &&
          current.expiryWarnedFor !== current.expiresAt
            ? { ...current, expiryWarnedAt: nowIso, expiryWarnedFor: current.expiresAt }
            : null,
        );
        if (changed && saved.expiresAt) {
          const daysLeft = Math.ceil((Date.parse(saved.expiresAt) - now) / DAY_MS);
          await deps.bus.emit(
            'license.expiring',
            { licenseId: saved.id, userId: saved.userId, expiresAt: saved.expiresAt, daysLeft },
            { productId: saved.productId },
          );
        }
        return changed;
      },
    );
    const metrics = { scanned: expired.scanned + warned.scanned, expired: expired.done, warned: warned.done };
    ctx.log('info', `Expired ${metrics.expired} and warned about ${metrics.warned} licenses`, metrics);
    return metrics;
  },
});
