import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import type { MaintenanceConfigService } from './config-service';
import { type MaintenanceRepository, SWITCH_ID, type SwitchDoc } from './repository';
import {
  SWITCH_STEP_KEYS,
  type TMaintenanceConfig,
  type TMaintenanceSwitch,
  type TSwitchStep,
  type TSwitchStepKey,
} from './schema';
import { type createSwitchSteps, type StepOutcome, stepLabel } from './switch-steps';

type ModeChanged = PlatformEvent<'maintenance.mode_changed'>;

const stateOf = (steps: readonly TSwitchStep[]): TMaintenanceSwitch['state'] =>
  steps.some((step) => step.state === 'failed')
    ? 'failed'
    : steps.every((step) => step.state === 'done' || step.state === 'skipped')
      ? 'done'
      : 'running';

export const toSwitchView = (doc: SwitchDoc): TMaintenanceSwitch => ({
  productId: doc.productId,
  eventId: doc.eventId,
  from: doc.from,
  to: doc.to,
  cause: doc.cause,
  state: stateOf(doc.steps),
  startedAt: doc.startedAt,
  finishedAt: doc.finishedAt,
  steps: doc.steps,
});

/**
 * The coordinated maintenance switch: a subscriber of `maintenance.mode_changed` that carries the change out
 * as a checklist (jobs, sends, status page window, kill switch, banner), one step at a time. Each step's
 * outcome is written to the checklist with its audit entry staged on the same write. A crash or a failing
 * step leaves the rest pending; the bus redelivers the event and the switch resumes at the first step not
 * done, every step being safe to run again.
 */
export const createMaintenanceSwitch = (deps: {
  repo: MaintenanceRepository;
  clock: Clock;
  bus: EventBus;
  config: Pick<MaintenanceConfigService, 'read'>;
  steps: ReturnType<typeof createSwitchSteps>;
}) => {
  const { repo, clock, bus } = deps;
  const at = () => new Date(clock()).toISOString();

  const begin = async (event: ModeChanged, config: TMaintenanceConfig): Promise<SwitchDoc | undefined> => {
    const { doc } = await repo.updateSwitch(event.productId, (current) => {
      // A redelivery resumes its own checklist; an older event never replaces a newer one's.
      if (current && (current.eventId === event.id || current.eventAt > event.at)) return null;
      return {
        id: SWITCH_ID,
        productId: event.productId,
        scope: 'maintenance_switch',
        ownerId: null,
        eventId: event.id,
        eventAt: event.at,
        from: event.data.from,
        to: event.data.to,
        cause: event.data.cause,
        startedAt: at(),
        finishedAt: null,
        steps: SWITCH_STEP_KEYS.map((key) => ({
          key,
          label: stepLabel(key, config, event.data.from),
          state: 'pending',
          detail: null,
          at: null,
        })),
        windowKey: current?.windowKey ?? null,
        killSwitchRaised: current?.killSwitchRaised ?? false,
        updatedAt: at(),
      };
    });
    return doc?.eventId === event.id ? doc : undefined;
  };

  /** Writes one step's outcome, with its audit entry (an `admin.action`) in the same commit. */
  const record = async (
    event: ModeChanged,
    config: TMaintenanceConfig,
    key: TSwitchStepKey,
    outcome: { state: TSwitchStep['state']; detail: string; patch?: StepOutcome['patch'] },
  ): Promise<SwitchDoc | undefined> => {
    const { doc } = await repo.updateSwitch(
      event.productId,
      (current) => {
        if (!current || current.eventId !== event.id) return null;
        const steps = current.steps.map((step) =>
          step.key === key ? { ...step, state: outcome.state, detail: outcome.detail, at: at() } : step,
        );
        const settled = stateOf(steps) === 'done';
        return {
          ...current,
          ...outcome.patch,
          steps,
          finishedAt: settled ? at() : null,
          updatedAt: at(),
        };
      },
      () =>
        bus.stage(
          'admin.action',
          {
            actorId: event.actorId ?? 'schedule',
            actorEmail: config.updatedBy,
            actorTokenId: null,
            action: `maintenance.switch.${key}`,
            targetType: 'maintenance_switch',
            targetId: event.productId,
            requestId: event.id,
            ip: 'internal',
            impersonatedBy: null,
            details: {
              from: event.data.from,
              to: event.data.to,
              cause: event.data.cause,
              state: outcome.state,
              detail: outcome.detail,
            },
          },
          { productId: event.productId, actorId: event.actorId },
        ),
    );
    return doc?.eventId === event.id ? doc : undefined;
  };

  const subscriber: Subscriber<'maintenance.mode_changed'> = {
    name: 'maintenance.switch',
    events: ['maintenance.mode_changed'],
    description:
      'The coordinated maintenance switch: pauses or resumes jobs, holds or releases sends, starts or completes ' +
      "the status page's window, raises or lowers the kill switch; a checklist with every step audited.",
    // One product's changes are carried out in order, each to the end, before the next one starts.
    sequential: true,
    timeoutMs: 120_000,
    async handle(event) {
      const config = await deps.config.read(event.productId);
      // Changed again since: the later event carries out the product's mode as it now is.
      if (config.mode !== event.data.to) return;
      let doc = await begin(event, config);
      for (const key of SWITCH_STEP_KEYS) {
        if (!doc) return;
        const step = doc.steps.find((entry) => entry.key === key);
        if (step?.state === 'done' || step?.state === 'skipped') continue;
        let outcome: StepOutcome;
        try {
          outcome = await deps.steps[key]({
            productId: event.productId,
            from: event.data.from,
            config,
            doc,
            eventId: event.id,
            actorId: event.actorId ?? 'schedule',
          });
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          if (step?.state !== 'failed' || step.detail !== detail) {
            await record(event, config, key, { state: 'failed', detail });
          }
          throw error;
        }
        doc = await record(event, config, key, outcome);
      }
    },
  };

  return {
    subscriber,
    /** The product's latest checklist, or null before its first switch. */
    async get(productId: string): Promise<TMaintenanceSwitch | null> {
      const doc = await repo.readSwitch(productId);
      return doc ? toSwitchView(doc) : null;
    },
  };
};
