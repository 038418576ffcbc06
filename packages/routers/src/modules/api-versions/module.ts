import { defineModule } from '../../module';
import { API_VERSIONS_CONTAINERS } from './containers';
import { createApiVersionsService } from './service';
import { createUsageRecorder } from './usage';

/**
 * API versioning (roadmap §2.18): the version registry the HTTP server serves from, the deprecated operations it
 * found in the routers' meta, and the count of who still calls them, kept per client, version, operation and day.
 */
export const apiVersionsModule = defineModule({
  name: 'apiVersions',
  containers: API_VERSIONS_CONTAINERS,
  create: ({ store, clock, config, logger }) => {
    const usage = createUsageRecorder({
      store,
      clock,
      ...(logger ? { logger } : {}),
      flushMs: config.apiVersions?.usageFlushMs ?? 5000,
    });
    return {
      service: createApiVersionsService({
        usage,
        clock,
        ...(config.apiVersions?.registry ? { registry: config.apiVersions.registry } : {}),
      }),
      // Writes what is still in memory when the workers stop; the server's onClose flushes too.
      workers: [{ name: 'api-version-usage', start: () => {}, stop: () => usage.flush() }],
    };
  },
});
