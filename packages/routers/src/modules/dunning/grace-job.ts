import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../lib/sweep';
import type { DunningRepository } from './repository';
import type { DunningCore } from './service';

export const GRACE_JOB_NAME = 'dunning-grace-check';
const PAGE = 100;

/**
 * dunning-grace-check, daily: every open case whose grace period has ended moves its account to the free plan
 * (see `core.downgrade`). A case that fails (Stripe unreachable) is counted and tried again on the next run;
 * re-running changes nothing that is done.
 */
export const createGraceJob = (deps: { repo: DunningRepository; core: DunningCore }): JobDefinition => ({
  name: GRACE_JOB_NAME,
  cron: '0 6 * * *',
  timezone: 'UTC',
  description: 'Move accounts whose dunning grace period ended unpaid to the free plan, and mail them',
  missedRunPolicy: 'once',
  async run(ctx) {
    const now = new Date(ctx.now()).toISOString();
    const metrics = await sweep({
      signal: ctx.signal,
      page: (cursor) =>
        deps.repo.list(undefined, { open: { eq: true }, graceEndsAt: { lte: now } }, [], PAGE, cursor),
      handle: (doc) => deps.core.downgrade(doc.productId, doc.id),
      onError: (doc, error) =>
        ctx.log('warn', `Dunning case ${doc.productId}/${doc.id} was not downgraded: ${String(error)}`),
    });
    const result = { scanned: metrics.scanned, downgraded: metrics.handled, failed: metrics.failed };
    ctx.log('info', 'Dunning grace check done', result);
    return result;
  },
});
