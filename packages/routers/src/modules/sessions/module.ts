import type { LegalHolds } from '../../lib/legal-holds';
import { defineModule } from '../../module';
import { DEFAULT_IDENTITY_CONFIG } from '../auth/config';
import type { PrincipalCache } from '../auth/principal-cache';
import { SESSIONS_CONTAINERS } from './containers';
import { createSessionsRepository } from './repository';
import { createSessionsService } from './service';
import { createStaleSessionCleanupJob } from './stale-session-cleanup';

/**
 * Sessions, refresh-token rotation and the devices users sign in from; a revoked session leaves the request
 * path's cache at once. The new sign-in mail is sent by delivery (delivery/handlers.ts) on `session.created`.
 */
export const sessionsModule = defineModule({
  name: 'sessions',
  containers: SESSIONS_CONTAINERS,
  create: (
    { store, clock, config, bus, logger },
    { principals, legalHolds }: { principals: PrincipalCache; legalHolds: LegalHolds },
  ) => {
    const service = createSessionsService({
      repo: createSessionsRepository(store),
      clock,
      ttlDays: config.sessionTtlDays,
      onInvalidate: principals.forget,
      bus,
      reportSecret: config.jwtSecret,
      reportUrlBase: config.identity?.sessionReportUrlBase ?? DEFAULT_IDENTITY_CONFIG.sessionReportUrlBase,
      onBackgroundError: (error) => logger?.warn({ err: error }, 'could not mark a session active'),
    });
    return { service, jobs: [createStaleSessionCleanupJob({ sessions: service, legalHolds })] };
  },
});
