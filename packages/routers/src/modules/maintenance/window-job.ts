import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { MaintenanceConfigService } from './config-service';

/**
 * Switches planned maintenance windows on at their start and off at their end (within a minute), each switch
 * staging its `maintenance.mode_changed` with cause 'schedule'. It must run during maintenance: it is what
 * ends it.
 */
export const createWindowJob = (config: Pick<MaintenanceConfigService, 'applySchedules'>): JobDefinition => ({
  name: 'maintenance-window',
  description: 'Switches scheduled maintenance windows on at their start and off at their end.',
  cron: '* * * * *',
  timezone: 'UTC',
  timeoutMs: 60_000,
  // Each run looks at the clock, not at its slot: a missed minute needs no replay.
  missedRunPolicy: 'skip',
  duringMaintenance: true,
  run: async () => config.applySchedules(),
});
