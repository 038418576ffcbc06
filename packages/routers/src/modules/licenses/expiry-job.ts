import type { EventBus, StagedEvents } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../lib/sweep';
import { DAY_MS } from '../../lib/time';
import type { LicenseDoc, LicensesRepository } from './repository';

const PAGE = 200;
export const WARNING_DAYS = 7;

type Deps = { repo: LicensesRepository; bus: EventBus };

/**
 * license-expiry-check, daily: licenses past their expiry become `expired` and emit license.expired; licenses
 * expiring within 7 days emit license.expiring once per expiry date (the emails follow from that event). The
 * status write and the warning mark are made under the etag and carry their event in the same commit, so a
 * rerun, or a second instance, finds nothing left to do and no change goes unannounced.
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
    /** The swept license changed under the etag, with its event; true when it needed the change. */
    const settle = async (
      doc: LicenseDoc,
      change: (current: LicenseDoc) => LicenseDoc | null,
      event: (next: LicenseDoc) => StagedEvents | undefined,
    ) => (await deps.repo.mutate(doc.productId, doc.id, change, event))?.changed ?? false;
    const onError = (doc: { productId: string; id: string }, error: unknown) =>
      ctx.log('warn', `License ${doc.productId}/${doc.id} failed: ${String(error)}`);

    const expired = await sweep({
      signal: ctx.signal,
      page: (cursor) => deps.repo.activeExpiringPage({ lte: nowIso }, {}, PAGE, cursor),
      onError,
      handle: (doc) =>
        settle(
          doc,
          (current) =>
            current.status === 'active' && current.expiresAt !== null && current.expiresAt <= nowIso
              ? { ...current, status: 'expired', expiredAt: nowIso, updatedAt: nowIso }
              : null,
          (next) =>
            deps.bus.stage(
              'license.expired',
              { licenseId: next.id, userId: next.userId },
              { productId: next.productId },
            ),
        ),
    });

    const warned = await sweep({
      signal: ctx.signal,
      page: (cursor) =>
        deps.repo.activeExpiringPage(
          { gt: nowIso, lte: horizon },
          { expiryWarnedFor: { eq: null } },
          PAGE,
          cursor,
        ),
      onError,
      handle: (doc) =>
        settle(
          doc,
          (current) =>
            current.status === 'active' &&
            current.expiresAt !== null &&
            current.expiryWarnedFor !== current.expiresAt
              ? { ...current, expiryWarnedAt: nowIso, expiryWarnedFor: current.expiresAt }
              : null,
          (next) =>
            next.expiresAt
              ? deps.bus.stage(
                  'license.expiring',
                  {
                    licenseId: next.id,
                    userId: next.userId,
                    expiresAt: next.expiresAt,
                    daysLeft: Math.ceil((Date.parse(next.expiresAt) - now) / DAY_MS),
                  },
                  { productId: next.productId },
                )
              : undefined,
        ),
    });
    const metrics = {
      scanned: expired.scanned + warned.scanned,
      expired: expired.handled,
      warned: warned.handled,
      // A license that failed is retried by the next run; the count only shows up when there is one.
      ...(expired.failed + warned.failed > 0 ? { failed: expired.failed + warned.failed } : {}),
    };
    ctx.log('info', `Expired ${metrics.expired} and warned about ${metrics.warned} licenses`, metrics);
    return metrics;
  },
});
