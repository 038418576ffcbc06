import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { LegalHolds } from '../../lib/legal-holds';
import { DAY_MS } from '../../lib/time';
import type { SessionsService } from './service';

/**
 * Built-in job, every 6 hours, deletes sessions that expired or were revoked more than `graceMs` ago
 * (default 7 days, so a session that just ended stays visible to support for a while). Store TTL also removes
 * them, but Cosmos TTL is best-effort and a revoked session's TTL restarts at revocation. The sessions of a user
 * under a legal hold stay until it is released.
 */
export const createStaleSessionCleanupJob = (deps: {
  sessions: Pick<SessionsService, 'purgeEnded'>;
  legalHolds: LegalHolds;
  graceMs?: number;
  pageSize?: number;
}): JobDefinition => ({
  name: 'stale-session-cleanup',
  cron: '0 */6 * * *',
  timezone: 'UTC',
  description: 'Delete sessions that expired or were revoked more than a grace period ago',
  missedRunPolicy: 'once',
  async run(ctx) {
    const before = new Date(ctx.now() - (deps.graceMs ?? 7 * DAY_MS)).toISOString();
    const held = await deps.legalHolds.held();
    const result = await deps.sessions.purgeEnded(before, {
      signal: ctx.signal,
      keep: (session) => held.has(session.productId, session.userId),
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
    });
    ctx.log('info', `Deleted ${result.deleted} of ${result.scanned} ended sessions`, { before });
    return result;
  },
});
