import type { LeaseManager } from '@bytelyst/db/leases';
import { MIGRATIONS_PRODUCT_ID } from '@bytelyst/db/migrations/definition';
import type { MigrationTransition } from '@bytelyst/db/migrations/records';
import { createMigrationRunner } from '@bytelyst/db/migrations/runner';
import type { EventBus } from '@bytelyst/events/bus';
import { PLATFORM_MIGRATIONS } from '../../migrations/registry';
import { defineModule } from '../../module';
import { backupPolicyOf } from './config';
import { createMigrationsService } from './service';

type Needs = { leases: LeaseManager };

/** The events a status change of a migration's record commits with it. */
const stageTransition = (bus: EventBus, t: MigrationTransition) => {
  const options = { productId: MIGRATIONS_PRODUCT_ID, actorId: t.actor?.id ?? null };
  const { doc } = t;
  const base = { migrationId: doc.id, version: doc.version };
  switch (t.kind) {
    case 'applied':
      return bus.stage(
        'migration.applied',
        { ...base, durationMs: doc.durationMs ?? 0, trigger: t.trigger },
        options,
      );
    case 'failed':
      return bus.stage(
        'migration.failed',
        { ...base, direction: doc.direction ?? 'up', error: doc.error ?? '', trigger: t.trigger },
        options,
      );
    case 'awaiting_approval':
      return bus.stage('migration.approval_required', { ...base, description: doc.description }, options);
    case 'approved':
      return bus.stage('migration.approved', { ...base, backup: doc.backup ?? '' }, options);
    case 'rolled_back':
      return bus.stage('migration.rolled_back', { ...base, durationMs: doc.durationMs ?? 0 }, options);
  }
};

/**
 * Schema migrations (roadmap §2.8): the runner of `@bytelyst/db/migrations` over the platform's list
 * (`src/migrations/registry.ts`), run at start-up by the composition root, and the operators' procedures.
 * Its records live in the platform's own `migrations` container (packages/db/src/containers.ts).
 */
export const migrationsModule = defineModule({
  name: 'migrations',
  create: ({ store, clock, bus, config, logger }, needs: Needs) => {
    const settings = config.migrations;
    const runner = createMigrationRunner({
      store,
      leases: needs.leases,
      migrations: [...(settings?.list ?? PLATFORM_MIGRATIONS), ...(settings?.extra ?? [])],
      instanceId: config.instanceId ?? 'api',
      clock,
      ...(logger ? { logger } : {}),
      outbox: (transition) => stageTransition(bus, transition),
      ...(settings?.leaseTtlMs ? { leaseTtlMs: settings.leaseTtlMs } : {}),
      ...(settings?.waitPollMs ? { waitPollMs: settings.waitPollMs } : {}),
      ...(settings?.waitTimeoutMs ? { waitTimeoutMs: settings.waitTimeoutMs } : {}),
    });
    return { service: createMigrationsService({ runner, backups: backupPolicyOf(settings) }) };
  },
});
