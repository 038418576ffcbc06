import type { BusLogger } from '@bytelyst/events/logger';
import { defineModule } from '../../module';
import type { MaintenanceService } from '../maintenance/module';
import type { MigrationsService } from '../migrations/service';
import { BACKUP_DEFAULTS, ENGINE_DEFAULTS } from './config';
import { BACKUPS_CONTAINERS } from './containers';
import { createScheduledBackupJob } from './daily-job';
import { createBackupsEngine } from './engine';
import { createRestoreGate, describePolicy } from './policy';
import { pruneBackups } from './prune';
import { createBackupsRepository } from './repository';
import type { SchemaVersion } from './run-backup';
import { createBackupsService, SCHEDULER } from './service';

type Needs = {
  migrations: Pick<MigrationsService, 'list'>;
  products: { list(): Promise<readonly { id: string }[]> };
  maintenance?: Pick<MaintenanceService, 'gate'>;
};

const silent: BusLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Backup and restore (roadmap §2.24): logical backups of every container as gzipped NDJSON in blob storage
 * with a manifest, on a schedule and on demand; verification against the manifest; restores of everything or
 * one container behind a dry run and maintenance mode; pruning by count and age. Its `backupCheck` is the
 * precondition of irreversible migrations (wired in services.ts).
 */
export const backupsModule = defineModule({
  name: 'backups',
  containers: BACKUPS_CONTAINERS,
  create: ({ store, blob, clock, bus, config, logger }, needs: Needs) => {
    const settings = { ...BACKUP_DEFAULTS, ...config.backups };
    const repo = createBackupsRepository(store);
    const prune = () => pruneBackups({ repo, blob, bus, clock }, settings);
    const schemaVersion = async (): Promise<SchemaVersion> => {
      const applied = (await needs.migrations.list()).items.filter((item) => item.status === 'applied');
      const latest = applied.sort((a, b) => b.version - a.version)[0];
      return { version: latest?.version ?? null, migrationId: latest?.id ?? null };
    };
    const engine = createBackupsEngine({
      repo,
      store,
      blob,
      clock,
      bus,
      logger: logger ?? silent,
      instanceId: config.instanceId ?? 'api',
      schemaVersion,
      afterBackup: prune,
      ...ENGINE_DEFAULTS,
      ...config.backups?.engine,
    });
    const gate = createRestoreGate({
      ...(needs.maintenance ? { maintenance: needs.maintenance } : {}),
      products: needs.products,
      defaultProductId: config.defaultProductId,
    });
    const service = createBackupsService({
      repo,
      store,
      clock,
      bus,
      engine,
      gate,
      migrationMaxAgeHours: settings.migrationMaxAgeHours,
    });
    const getPolicy = () =>
      describePolicy({
        store,
        blob,
        gate,
        settings: {
          schedule: settings.schedule,
          timezone: settings.timezone,
          keepCount: settings.keepCount,
          keepDays: settings.keepDays,
          migrationMaxAgeHours: settings.migrationMaxAgeHours,
        },
      });
    return {
      service: { ...service, getPolicy, prune, engine },
      jobs: [
        createScheduledBackupJob({
          schedule: settings.schedule,
          timezone: settings.timezone,
          request: () => service.create(SCHEDULER, 'schedule'),
          prune,
        }),
      ],
      workers: [{ name: 'backups.worker', start: () => engine.start(), stop: () => engine.stop() }],
    };
  },
});

export type BackupsModuleService = ReturnType<typeof backupsModule.create>['service'];
