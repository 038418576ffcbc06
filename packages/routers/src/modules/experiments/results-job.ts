import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { ResultsService } from './results';

/**
 * Hourly, the results of every running experiment are computed and stored (with the time and data window), so
 * the console and `GET /v1/experiments/{id}/results` answer without waiting.
 */
export const createExperimentResultsJob = (deps: {
  results: Pick<ResultsService, 'computeRunning'>;
}): JobDefinition => ({
  name: 'experiment-results',
  cron: '5 * * * *',
  timezone: 'UTC',
  description: 'Compute the results of every running experiment',
  missedRunPolicy: 'once',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    return deps.results.computeRunning(
      (doc, error) =>
        ctx.log('warn', `Could not compute the results of ${doc.productId}/${doc.id}`, {
          error: error instanceof Error ? error.message : String(error),
        }),
      ctx.signal,
    );
  },
});
