import type { BlobStore } from '@bytelyst/db/blob';
import type { DocumentStore } from '@bytelyst/db/document-store';
import type { FastifyInstance } from 'fastify';

export type ShutdownDeps = {
  app: FastifyInstance;
  store: DocumentStore;
  blob: BlobStore;
  /** Background workers (event dispatcher, job runner), stopped after the server and before the drivers. */
  workers?: { stopWorkers(): Promise<void> };
  exit?: (code: number) => void;
};

/**
 * SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish (fastify.close), stop the
 * workers (running job runs and deliveries finish, unstarted ones are handed back), then close the drivers
 * and exit 0. A second signal while that runs exits at once with 1.
 */
export const installShutdown = (
  deps: ShutdownDeps,
): { shutdown: () => Promise<void>; dispose: () => void } => {
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | undefined;
  const shutdown = (signal: string): Promise<void> => {
    if (closing) {
      deps.app.log.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return closing;
    }
    deps.app.log.info({ signal }, 'shutting down');
    closing = (async () => {
      let code = 0;
      try {
        await deps.app.close();
      } catch (error) {
        code = 1;
        deps.app.log.error({ err: error }, 'closing the server failed');
      }
      for (const [name, close] of [
        ['workers', () => deps.workers?.stopWorkers() ?? Promise.resolve()],
        ['store', () => deps.store.close()],
        ['blob', () => deps.blob.close?.() ?? Promise.resolve()],
      ] as const) {
        try {
          await close();
        } catch (error) {
          code = 1;
          deps.app.log.error({ err: error }, `closing the ${name} failed`);
        }
      }
      deps.app.log.info('bye');
      exit(code);
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    shutdown: () => shutdown('manual'),
    dispose: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
};
