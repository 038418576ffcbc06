import type { Clock } from '@bytelyst/db/document-store';
import { type ApiVersionRegistry, DEFAULT_API_VERSIONS } from '../../lib/api-versions';
import { addDaysIso } from '../../lib/time';
import type { TApiVersionsOverview, TDeprecatedOperation } from './schema';
import type { UsageRecorder } from './usage';

export type ApiVersionsConfig = {
  /** The versions the REST face serves; default `DEFAULT_API_VERSIONS` (v1 current). */
  registry?: ApiVersionRegistry;
  /** How long calls of deprecated versions add up in memory before they are written; default 5 s. */
  usageFlushMs?: number;
};

export const createApiVersionsService = (deps: {
  registry?: ApiVersionRegistry;
  usage: UsageRecorder;
  clock: Clock;
}) => {
  const registry = deps.registry ?? DEFAULT_API_VERSIONS;
  /** Filled by the HTTP server from the routers' meta, which this package's modules cannot import (root.ts). */
  let deprecatedOperations: readonly TDeprecatedOperation[] = [];
  return {
    registry,
    record: deps.usage.record,
    flush: deps.usage.flush,
    useDeprecatedOperations(operations: readonly TDeprecatedOperation[]): void {
      deprecatedOperations = operations;
    },
    /** Versions, deprecated operations and who called them in the last `days` days (this instance's calls flushed first). */
    async getOverview(productId: string, days: number): Promise<TApiVersionsOverview> {
      await deps.usage.flush();
      const fromDay = addDaysIso(new Date(deps.clock()).toISOString(), -(days - 1)).slice(0, 10);
      const live = registry.versions.filter((version) => version.status !== 'retired');
      return {
        current: registry.current.id,
        versions: registry.versions.map((version) => ({ ...version })),
        deprecatedOperations: [...deprecatedOperations],
        usage: await deps.usage.list(productId, fromDay),
        documents: Object.fromEntries(
          live.map((version) => [version.id, `/documentation/${version.id}/json`]),
        ),
      };
    },
  };
};

export type ApiVersionsService = ReturnType<typeof createApiVersionsService>;
