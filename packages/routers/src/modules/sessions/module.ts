import { defineModule } from '../../module';
import type { PrincipalCache } from '../auth/principal-cache';
import { SESSIONS_CONTAINERS } from './containers';
import { createSessionsRepository } from './repository';
import { createSessionsService } from './service';
import { createStaleSessionCleanupJob } from './stale-session-cleanup';

/** Sessions and refresh-token rotation; a revoked session leaves the request path's cache at once. */
export const sessionsModule = defineModule({
  name: 'sessions',
  containers: SESSIONS_CONTAINERS,
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
