import type { Clock } from '@bytelyst/db/document-store';
import type { RegisteredJob } from '@bytelyst/scheduler/definition';
import { setJobHold } from '@bytelyst/scheduler/hold';
import type { JobRegistry } from '@bytelyst/scheduler/registry';
import type { JobsRepository } from '@bytelyst/scheduler/repository';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import type { MaintenanceHold } from '../delivery/held';
import type { KillSwitchService } from '../settings/kill-switch';
import type { SwitchDoc } from './repository';
import type { TMaintenanceConfig, TSwitchStepKey } from './schema';
import type { MaintenanceStatusHook } from './status-hook';

/** Maintenance and emergency take the service down; off and read-only keep jobs and sends going. */
export const isDown = (mode: TMaintenanceConfig['mode']): boolean =>
  mode === 'maintenance' || mode === 'emergency';

export type StepOutcome = { state: 'done' | 'skipped'; detail: string; patch?: Partial<SwitchDoc> };

export type StepContext = {
  productId: string;
  /** The mode the product left. */
  from: TMaintenanceConfig['mode'];
  /** The config the switch carries out (read from the store when the step runs). */
  config: TMaintenanceConfig;
  doc: SwitchDoc;
  eventId: string;
  actorId: string;
};

export type SwitchStepsDeps = {
  clock: Clock;
  jobs: { registry: JobRegistry; repo: JobsRepository };
  sends: Pick<MaintenanceHold, 'hold' | 'release'>;
  killSwitch: Pick<KillSwitchService, 'current' | 'set'>;
  status: MaintenanceStatusHook | undefined;
};

const list = (names: readonly string[]) =>
  names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');

/** The labels the checklist shows, by the direction of the switch. */
export const stepLabel = (
  key: TSwitchStepKey,
  config: TMaintenanceConfig,
  from: TMaintenanceConfig['mode'],
): string => {
  const down = isDown(config.mode);
  const leaving = !down && isDown(from);
  switch (key) {
    case 'jobs':
      return down
        ? 'Pause jobs not marked to run during maintenance'
        : leaving
          ? 'Resume jobs (missed-run policy)'
          : 'Jobs keep running';
    case 'sends':
      return down ? 'Hold non-transactional sends' : leaving ? 'Release held sends' : 'Sends keep going';
    case 'status_window':
      return down
        ? 'Start the status page maintenance window'
        : leaving
          ? 'Complete the status page window'
          : 'No status page window';
    case 'kill_switch':
      return config.mode === 'emergency' ? 'Raise the kill switch' : 'Lower the kill switch if raised here';
    case 'banner':
      return config.mode === 'off' ? 'Remove the banner' : 'Show the banner';
  }
};

/**
 * The coordinated switch's steps. Each brings one part of the platform to what the product's current mode
 * asks for, whatever was done before, so running a step again (a redelivery after a crash) changes nothing.
 */
export const createSwitchSteps = (deps: SwitchStepsDeps) => {
  const { clock } = deps;
  /** A product's maintenance holds its own jobs and the platform-wide ones, which serve it too. */
  const jobsOf = (productId: string): RegisteredJob[] =>
    deps.jobs.registry
      .list()
      .filter((job) => job.productId === productId || job.productId === PLATFORM_PRODUCT_ID);

  const steps: Record<TSwitchStepKey, (ctx: StepContext) => Promise<StepOutcome>> = {
    async jobs({ productId, config, from }) {
      const down = isDown(config.mode);
      const touched: string[] = [];
      for (const job of jobsOf(productId)) {
        if (down && job.duringMaintenance) continue;
        const before = await deps.jobs.repo.getDefinition(job.productId, job.name);
        if ((before?.holds ?? []).includes(productId) === down) continue;
        await setJobHold(deps.jobs.repo, job, productId, down, clock());
        touched.push(job.name);
      }
      const kept = jobsOf(productId)
        .filter((job) => job.duringMaintenance)
        .map((job) => job.name);
      if (down) {
        return {
          state: 'done',
          detail: `${touched.length > 0 ? `Held ${list(touched)}` : 'Every job was already held'}; still running: ${list(kept)}`,
        };
      }
      if (touched.length > 0) {
        return {
          state: 'done',
          detail: `Resumed ${list(touched)}; each runs its missed slots by its missed-run policy`,
        };
      }
      return { state: isDown(from) ? 'done' : 'skipped', detail: 'No job was held' };
    },

    async sends({ productId, config, from }) {
      if (isDown(config.mode)) {
        const { since } = await deps.sends.hold(productId);
        return {
          state: 'done',
          detail: `Announcements, reminders and digests wait (held since ${since}); transactional mail still goes`,
        };
      }
      const { released } = await deps.sends.release(productId);
      if (released === 0 && !isDown(from)) return { state: 'skipped', detail: 'No message was held' };
      return { state: 'done', detail: `Released ${released} held message(s)` };
    },

    async status_window({ productId, config, doc, eventId }) {
      const hook = deps.status;
      if (!isDown(config.mode) && !doc.windowKey) return { state: 'skipped', detail: 'No window is open' };
      if (!hook) return { state: 'skipped', detail: 'No status page module is installed' };
      if (isDown(config.mode)) {
        const key = doc.windowKey ?? `maintenance-switch:${eventId}`;
        const { windowId } = await hook.beginSwitchWindow(productId, {
          key,
          title: config.mode === 'emergency' ? 'Emergency maintenance' : 'Maintenance',
          message: config.message,
          components: config.affectedServices,
          scheduledEnd: config.scheduledEnd ?? null,
        });
        return {
          state: 'done',
          detail: `Window ${windowId} in progress for ${config.affectedServices.join(', ')}`,
          patch: { windowKey: key },
        };
      }
      if (!doc.windowKey) return { state: 'skipped', detail: 'No window is open' };
      await hook.endSwitchWindow(productId, doc.windowKey);
      return { state: 'done', detail: 'Window completed', patch: { windowKey: null } };
    },

    async kill_switch({ productId, config, doc, actorId }) {
      const current = await deps.killSwitch.current(productId);
      if (config.mode === 'emergency') {
        if (current.enabled) {
          return {
            state: 'done',
            detail: doc.killSwitchRaised ? 'The kill switch is on' : 'The kill switch was already on',
          };
        }
        await deps.killSwitch.set(
          productId,
          { enabled: true, message: config.message, minAppVersion: null },
          actorId,
        );
        return { state: 'done', detail: 'Raised: clients stop', patch: { killSwitchRaised: true } };
      }
      if (!doc.killSwitchRaised) return { state: 'skipped', detail: 'Not raised by maintenance' };
      if (current.enabled) {
        await deps.killSwitch.set(productId, { enabled: false, message: '', minAppVersion: null }, actorId);
      }
      return { state: 'done', detail: 'Lowered', patch: { killSwitchRaised: false } };
    },

    async banner({ config }) {
      return {
        state: 'done',
        detail:
          config.mode === 'off'
            ? 'GET /v1/settings/maintenance says off: no banner'
            : `The console and clients show: ${config.message}`,
      };
    },
  };
  return steps;
};
