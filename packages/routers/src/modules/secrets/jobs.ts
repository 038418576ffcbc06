import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { sweep } from '../../lib/sweep';
import { DAY_MS } from '../../lib/time';
import type { SecretsRepository } from './repository';
import type { SecretsService } from './service';
import type { StoreSecretDriver } from './store-driver';

export const PURGE_JOB_NAME = 'secrets-purge';
export const REMINDER_JOB_NAME = 'secrets-expiry-reminder';
export const REENCRYPT_JOB_NAME = 'secrets-reencrypt';
const PAGE = 100;

/** secrets-purge, daily: deleted secrets whose recovery window ended are removed for good. */
export const createPurgeJob = (deps: {
  repo: SecretsRepository;
  service: SecretsService;
}): JobDefinition => ({
  name: PURGE_JOB_NAME,
  cron: '30 3 * * *',
  description: 'Purge deleted secrets whose recovery window (SECRETS_RECOVERY_DAYS) has ended',
  async run(ctx) {
    const now = new Date(ctx.now()).toISOString();
    const metrics = await sweep({
      signal: ctx.signal,
      page: (cursor) => deps.repo.page({ purgeAt: { lte: now } }, PAGE, cursor),
      handle: async (doc) => {
        await deps.service.purge(doc);
        return true;
      },
      onError: (doc, error) =>
        ctx.log('warn', `Secret ${doc.scope}/${doc.name} was not purged: ${String(error)}`),
    });
    return { scanned: metrics.scanned, purged: metrics.handled, failed: metrics.failed };
  },
});

/**
 * secrets-expiry-reminder, daily: a secret whose current version expires within SECRETS_REMINDER_DAYS gets
 * `secret.expiring` once per version (committed with the mark), and the admins a mail through its subscriber.
 */
export const createReminderJob = (deps: {
  repo: SecretsRepository;
  service: SecretsService;
  stage: (doc: {
    scope: string;
    name: string;
    version: number;
    expiresAt: string;
    daysLeft: number;
  }) => import('@bytelyst/db/document-store').Outbox;
}): JobDefinition => ({
  name: REMINDER_JOB_NAME,
  cron: '0 8 * * *',
  description: 'Remind admins of secrets that expire soon, once per secret version',
  async run(ctx) {
    const at = ctx.now();
    const horizon = new Date(at + deps.service.reminderDays * DAY_MS).toISOString();
    const metrics = await sweep({
      signal: ctx.signal,
      page: (cursor) =>
        deps.repo.page({ expiresAt: { lte: horizon }, deletedAt: { eq: null } }, PAGE, cursor),
      handle: async (doc) => {
        let sent = false;
        await deps.repo.mutate(
          doc.scope,
          doc.name,
          (current) => {
            if (current.deletedAt || !current.expiresAt || current.reminderSentFor === current.currentVersion)
              return null;
            sent = true;
            return { ...current, reminderSentFor: current.currentVersion };
          },
          (next) =>
            deps.stage({
              scope: next.scope,
              name: next.name,
              version: next.currentVersion,
              expiresAt: next.expiresAt ?? '',
              daysLeft: Math.max(0, Math.ceil((Date.parse(next.expiresAt ?? '') - at) / DAY_MS)),
            }),
        );
        return sent;
      },
      onError: (doc, error) =>
        ctx.log('warn', `Reminder for ${doc.scope}/${doc.name} failed: ${String(error)}`),
    });
    return { scanned: metrics.scanned, reminded: metrics.handled, failed: metrics.failed };
  },
});

/**
 * secrets-reencrypt, weekly and on demand: values sealed under an older key (ENCRYPTION_KEY_PREVIOUS) are
 * re-sealed under the current one; progress is written as it goes, so the console can show it.
 */
export const createReencryptJob = (deps: {
  repo: SecretsRepository;
  driver: StoreSecretDriver;
  keyId: string;
  onDone: (result: { total: number; done: number; failed: number }) => Promise<void>;
}): JobDefinition => ({
  name: REENCRYPT_JOB_NAME,
  cron: '0 4 * * 0',
  description: 'Re-encrypt stored secret values under the current ENCRYPTION_KEY',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    const total = await deps.driver.countStale();
    const startedAt = new Date(ctx.now()).toISOString();
    const progress = { keyId: deps.keyId, total, done: 0, failed: 0, startedAt, finishedAt: null };
    await deps.repo.writeProgress({ ...progress, state: 'running' });
    const metrics = await sweep({
      signal: ctx.signal,
      page: (cursor) => deps.driver.stalePage(PAGE, cursor),
      handle: async (doc) => {
        const changed = await deps.driver.reseal(doc);
        if (changed) progress.done += 1;
        await deps.repo.writeProgress({ ...progress, state: 'running' });
        return changed;
      },
      onError: (doc, error) => {
        progress.failed += 1;
        ctx.log('warn', `Secret value ${doc.scope}/${doc.id} was not re-encrypted: ${String(error)}`);
      },
    });
    const finishedAt = new Date(ctx.now()).toISOString();
    await deps.repo.writeProgress({
      ...progress,
      state: progress.failed > 0 ? 'failed' : 'done',
      finishedAt,
    });
    await deps.onDone({ total, done: progress.done, failed: progress.failed });
    return { total, reencrypted: metrics.handled, failed: metrics.failed };
  },
});
