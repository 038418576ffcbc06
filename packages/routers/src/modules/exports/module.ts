import type { LeaseManager } from '@bytelyst/db/leases';
import type { LegalHolds } from '../../lib/legal-holds';
import { defineModule } from '../../module';
import type { BlobService } from '../blob/service';
import type { LicensesService } from '../licenses/service';
import type { UsersService } from '../users/service';
import { createBulkOperations } from './bulk';
import { createExportFilesCleanupJob } from './cleanup-job';
import { EXPORT_ENGINE_DEFAULTS } from './config';
import { EXPORTS_CONTAINERS } from './containers';
import { createExportsEngine } from './engine';
import { createExportsRepository } from './repository';
import { createExportsService } from './service';
import { createExportSources } from './sources';
import { createUserDataExports } from './user-data-service';

type Needs = {
  users: UsersService;
  licenses: LicensesService;
  blobs: BlobService;
  legalHolds: LegalHolds;
  leases: LeaseManager;
};

/**
 * Exports and bulk operations (roadmap §2.9): the six data types streamed as CSV or NDJSON into blob storage
 * behind a signed download, and bulk status changes and revocations with a dry run and per-item results; both
 * run as jobs of one background worker with progress, cancellation and take-over after a crash.
 */
export const exportsModule = defineModule({
  name: 'exports',
  containers: EXPORTS_CONTAINERS,
  create: ({ store, blob, clock, bus, config, logger }, needs: Needs) => {
    const repo = createExportsRepository(store);
    const sources = createExportSources(store);
    const bulk = createBulkOperations({ sources, users: needs.users, licenses: needs.licenses });
    const engine = createExportsEngine({
      repo,
      store,
      blob,
      clock,
      bus,
      sources,
      bulk,
      logger: logger ?? { info: () => undefined, warn: () => undefined, error: () => undefined },
      instanceId: config.instanceId ?? 'api',
      ...EXPORT_ENGINE_DEFAULTS,
    });
    const service = createExportsService({
      repo,
      clock,
      bus,
      bulk,
      blobs: needs.blobs,
      engine,
      leases: needs.leases,
    });
    return {
      service: { ...service, engine, userData: createUserDataExports({ repo, blob }) },
      jobs: [createExportFilesCleanupJob({ repo, blob, bus, legalHolds: needs.legalHolds })],
      workers: [{ name: 'exports.worker', start: () => engine.start(), stop: () => engine.stop() }],
    };
  },
});

export type ExportsModuleService = ReturnType<typeof exportsModule.create>['service'];
