import type { Services } from '@bytelyst/routers/services';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Event bus and job runner figures on /metrics: emits and delivery attempts by outcome (counted in this
 * process), delivery duration, job runs by status, and the store-wide backlog read at scrape time.
 */
export const registerWorkerMetrics = (registry: Registry, services: Services): (() => void) => {
  const registers = [registry];
  const emitted = new Counter({
    name: 'bytelyst_events_emitted_total',
    help: 'Events emitted by this process',
    labelNames: ['type'],
    registers,
  });
  const attempts = new Counter({
    name: 'bytelyst_event_delivery_attempts_total',
    help: 'Delivery attempts made by this process, by outcome (succeeded, retrying, dead)',
    labelNames: ['subscriber', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'bytelyst_event_delivery_duration_seconds',
    help: 'Duration of delivery attempts',
    labelNames: ['subscriber'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers,
  });
  const runs = new Counter({
    name: 'bytelyst_job_runs_total',
    help: 'Job runs recorded by this process, by status',
    labelNames: ['job', 'status'],
    registers,
  });
  new Gauge({
    name: 'bytelyst_events_backlog',
    help: 'Events in the store (every product) that are pending or dead-lettered',
    labelNames: ['status'],
    registers,
    async collect() {
      const stats = await services.events.stats({ productId: undefined });
      this.set({ status: 'pending' }, stats.pending);
      this.set({ status: 'dead_lettered' }, stats.deadLettered);
    },
  });
  const stopBus = services.bus.observe({
    emitted: ({ type }) => emitted.inc({ type }),
    attempted: ({ subscriber, outcome, durationMs }) => {
      attempts.inc({ subscriber, outcome });
      duration.observe({ subscriber }, durationMs / 1000);
    },
  });
  const stopJobs = services.jobRunner.onRunRecorded((run) =>
    runs.inc({ job: run.jobName, status: run.status }),
  );
  return () => {
    stopBus();
    stopJobs();
  };
};
