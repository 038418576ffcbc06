import { defineModule } from '../../module';
import type { PrincipalCache } from '../auth/principal-cache';
import { createStaleSessionCleanupJob } from '../jobs/stale-session-cleanup';
import { createSessionsRepository } from './repository';
import { createSessionsService } from './service';

/** Sessions and refresh-token rotation; a revoked session leaves the request path's cache at once. */
export const sessionsModule = defineModule({
  name: 'sessions',
  create: ({ store, clock, config, bus }, { principals }: { principals: PrincipalCache }) => {
    const service = createSessionsService({
      repo: createSessionsRepository(store),
      clock,
      ttlDays: config.sessionTtlDays,
      onInvalidate: principals.forget,
      bus,
    });
    return { service, jobs: [createStaleSessionCleanupJob({ sessions: service })] };
  },
});
