import type { JobRegistry } from '@bytelyst/scheduler/registry';
import type { JobsRepository } from '@bytelyst/scheduler/repository';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import type { JobTrigger } from '../../lib/job-trigger';
import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import type { PolicyService } from '../telemetry/policy';
import type { UsersService } from '../users/service';
import { CLEANUP_JOB, createCleanup } from './cleanup';
import { RETENTION_CONTAINERS_DEF } from './containers';
import { createHolds } from './holds';
import { createCleanupJob, createHoldsJob } from './jobs';
import { createPolicies } from './policies';
import { createRetentionRepository } from './repository';
import { createRetentionService } from './service';
import { createSweeper } from './sweeper';

type Needs = {
  products: Pick<ProductsService, 'list'>;
  users: Pick<UsersService, 'find' | 'findByEmail'>;
  telemetry: { policies: Pick<PolicyService, 'get'> };
  jobTrigger: JobTrigger;
  jobRegistry: JobRegistry;
  jobsRepo: JobsRepository;
};

/**
 * Retention policies and legal holds (roadmap §2.23): how long each container keeps a product's documents, a
 * daily cleanup that applies them with batched, resumable deletions and records what each run removed, and
 * holds that keep a user's documents (from the policies, the other modules' own cleanups and the store's TTL).
 */
export const retentionModule = defineModule({
  name: 'retention',
  containers: RETENTION_CONTAINERS_DEF,
  create: ({ store, blob, clock, bus }, needs: Needs) => {
    const repo = createRetentionRepository(store);
    const sweeper = createSweeper({ store, blob, bus });
    const policies = createPolicies({
      repo,
      clock,
      bus,
      telemetryDays: async (productId) => (await needs.telemetry.policies.get(productId)).retentionDays,
    });
    const holds = createHolds({ repo, sweeper, clock, bus, users: needs.users, jobs: needs.jobTrigger });
    const cleanup = createCleanup({
      repo,
      sweeper,
      clock,
      bus,
      products: async () => (await needs.products.list()).map((product) => product.id),
      days: policies.days,
      heldUsers: holds.heldUsers,
    });
    const service = createRetentionService({
      repo,
      policies,
      holds,
      sweeper,
      clock,
      jobs: needs.jobTrigger,
      schedule: async () => ({
        job: needs.jobRegistry.get(CLEANUP_JOB),
        enabled: (await needs.jobsRepo.getDefinition(PLATFORM_PRODUCT_ID, CLEANUP_JOB))?.enabled ?? true,
      }),
    });
    return {
      service: { ...service, cleanup, holds, policies },
      jobs: [createCleanupJob(cleanup), createHoldsJob(holds)],
    };
  },
});
