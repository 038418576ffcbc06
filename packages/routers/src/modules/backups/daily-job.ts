import type { JobDefinition } from '@bytelyst/scheduler/definition';

/**
 * The scheduled backup (BACKUP_SCHEDULE, daily by default): asks for a backup, which the backup worker runs
 * with its progress, then applies the pruning policy. A second run for the same slot is refused by the runner.
 */
export const createScheduledBackupJob = (deps: {
  schedule: string;
  timezone: string;
  request: () => Promise<{ id: string }>;
  prune: () => Promise<string[]>;
}): JobDefinition => ({
  name: 'backups-scheduled',
  cron: deps.schedule,
  timezone: deps.timezone,
  description: 'Back up every container to the backups blob container, then prune old backups',
  missedRunPolicy: 'once',
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const requested = await deps.request();
    ctx.log('info', `Backup ${requested.id} requested`);
    const pruned = await deps.prune();
    return { requested: 1, pruned: pruned.length };
  },
});
