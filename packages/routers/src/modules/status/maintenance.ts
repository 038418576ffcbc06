import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { EventPayload } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { randomId, sha256 } from '../../lib/crypto';
import { sweep } from '../../lib/sweep';
import { isoNow } from '../../lib/time';
import { namesOf } from './incidents';
import type { MaintenanceDoc, StatusRepository } from './repository';
import type {
  TMaintenance,
  TMaintenanceCreateInput,
  TMaintenanceStatus,
  TMaintenanceUpdateInput,
} from './schema';

type Names = ReadonlyMap<string, string>;
type MaintenanceEvent =
  | 'status.maintenance.scheduled'
  | 'status.maintenance.updated'
  | 'status.maintenance.started'
  | 'status.maintenance.completed'
  | 'status.maintenance.cancelled';

export const toMaintenanceView = (doc: MaintenanceDoc, names: Names): TMaintenance => {
  const { productId: _, switchKey: __, createdBy: ___, ...rest } = withoutSystemFields(doc);
  return { ...rest, components: doc.components.map((id) => ({ id, name: names.get(id) ?? id })) };
};

const payloadOf = (doc: MaintenanceDoc, names: Names): EventPayload<MaintenanceEvent> => {
  const view = toMaintenanceView(doc, names);
  return {
    maintenanceId: doc.id,
    title: doc.title,
    message: doc.message,
    status: doc.status,
    components: view.components,
    scheduledStart: doc.scheduledStart,
    scheduledEnd: doc.scheduledEnd,
    startedAt: doc.startedAt,
    completedAt: doc.completedAt,
  };
};

/** The window a maintenance switch opens is found again by its key. */
export const switchWindowId = (key: string) => `mnt_sw_${sha256(key).slice(0, 24)}`;

export const createMaintenanceService = (deps: {
  repo: StatusRepository;
  clock: Clock;
  bus: EventBus;
  ensureSeeded: (productId: string) => Promise<void>;
  requireComponent: (productId: string, id: string, path: string) => Promise<void>;
  changed: (productId: string) => void;
}) => {
  const { repo, clock, bus } = deps;
  const names = async (productId: string) => namesOf(await repo.components.list(productId));

  const load = async (productId: string, id: string) => {
    const doc = await repo.maintenance.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Maintenance window not found');
    return doc;
  };

  const requireAll = async (productId: string, ids: readonly string[]) => {
    for (const [index, id] of ids.entries())
      await deps.requireComponent(productId, id, `components.${index}`);
  };

  /** Moves a window to `status` (re-checked under the etag), staging the matching event with the write. */
  const move = async (
    productId: string,
    id: string,
    from: TMaintenanceStatus,
    to: 'in_progress' | 'completed',
    actorId: string | null,
  ): Promise<Stored<MaintenanceDoc> | undefined> => {
    const known = await names(productId);
    const at = isoNow(clock);
    const mutated = await repo.maintenance.mutate(
      productId,
      id,
      (doc) =>
        doc.status !== from
          ? null
          : {
              ...withoutSystemFields(doc),
              status: to,
              ...(to === 'in_progress' ? { startedAt: at } : { completedAt: at }),
              updatedAt: at,
            },
      (next) =>
        bus.stage(
          to === 'in_progress' ? 'status.maintenance.started' : 'status.maintenance.completed',
          payloadOf(next, known),
          {
            productId,
            actorId,
          },
        ),
    );
    if (mutated?.changed) deps.changed(productId);
    return mutated?.changed ? mutated.doc : undefined;
  };

  return {
    async list(productId: string, input: { status?: TMaintenanceStatus; limit?: number } = {}) {
      const page = await repo.maintenance.list(
        productId,
        input.status ? { status: { eq: input.status } } : {},
        input.limit ?? 50,
      );
      const known = await names(productId);
      return { items: page.items.map((doc) => toMaintenanceView(doc, known)) };
    },

    get: async (productId: string, id: string) =>
      toMaintenanceView(await load(productId, id), await names(productId)),

    async create(
      productId: string,
      input: TMaintenanceCreateInput,
      actorId: string | null,
    ): Promise<TMaintenance> {
      const components = [...new Set(input.components)];
      await requireAll(productId, components);
      const at = isoNow(clock);
      if (Date.parse(input.scheduledEnd) <= clock()) {
        throw new AppError('VALIDATION', 'The window would be over already', {
          fields: [{ path: 'scheduledEnd', message: 'Must be in the future' }],
        });
      }
      const doc: MaintenanceDoc = {
        id: `mnt_${randomId(9)}`,
        productId,
        title: input.title,
        message: input.message,
        status: 'scheduled',
        components,
        scheduledStart: new Date(input.scheduledStart).toISOString(),
        scheduledEnd: new Date(input.scheduledEnd).toISOString(),
        startedAt: null,
        completedAt: null,
        source: 'scheduled',
        switchKey: null,
        createdAt: at,
        updatedAt: at,
        createdBy: actorId,
      };
      const known = await names(productId);
      await repo.maintenance.create(
        doc,
        bus.stage('status.maintenance.scheduled', payloadOf(doc, known), { productId, actorId }),
      );
      deps.changed(productId);
      return toMaintenanceView(doc, known);
    },

    async update(
      productId: string,
      input: TMaintenanceUpdateInput,
      actorId: string | null,
    ): Promise<TMaintenance> {
      const current = await load(productId, input.id);
      if (current.status === 'completed' || current.status === 'cancelled') {
        throw new AppError('CONFLICT', `The window is ${current.status}`);
      }
      if (input.scheduledStart && current.status !== 'scheduled') {
        throw new AppError('CONFLICT', 'The window has started; only its end can move');
      }
      const components = input.components ? [...new Set(input.components)] : undefined;
      if (components) await requireAll(productId, components);
      const start = input.scheduledStart
        ? new Date(input.scheduledStart).toISOString()
        : current.scheduledStart;
      const end = input.scheduledEnd ? new Date(input.scheduledEnd).toISOString() : current.scheduledEnd;
      if (end !== null && end <= start) {
        throw new AppError('VALIDATION', 'Ends after it starts', {
          fields: [{ path: 'scheduledEnd', message: 'Ends after it starts' }],
        });
      }
      const known = await names(productId);
      const at = isoNow(clock);
      const mutated = await repo.maintenance.mutate(
        productId,
        input.id,
        (doc) => {
          if (doc.status === 'completed' || doc.status === 'cancelled') {
            throw new AppError('CONFLICT', `The window is ${doc.status}`);
          }
          return {
            ...withoutSystemFields(doc),
            ...(input.title ? { title: input.title } : {}),
            ...(input.message ? { message: input.message } : {}),
            ...(components ? { components } : {}),
            scheduledStart: start,
            scheduledEnd: end,
            updatedAt: at,
          };
        },
        (next) => bus.stage('status.maintenance.updated', payloadOf(next, known), { productId, actorId }),
      );
      if (!mutated) throw new AppError('NOT_FOUND', 'Maintenance window not found');
      deps.changed(productId);
      // Ending a window in progress now (or in the past) completes it here rather than at the job's next run.
      if (mutated.doc.status === 'in_progress' && end !== null && Date.parse(end) <= clock()) {
        const completed = await move(productId, input.id, 'in_progress', 'completed', actorId);
        if (completed) return toMaintenanceView(completed, known);
      }
      return toMaintenanceView(mutated.doc, known);
    },

    /** Cancels a window that has not started (it is removed; subscribers hear of the cancellation). */
    async delete(productId: string, id: string, actorId: string | null) {
      const current = await load(productId, id);
      if (current.status !== 'scheduled') {
        throw new AppError('CONFLICT', 'Only a window that has not started can be cancelled; end it instead');
      }
      const known = await names(productId);
      const cancelled = { ...current, status: 'cancelled' as const, updatedAt: isoNow(clock) };
      await repo.maintenance.delete(
        productId,
        id,
        current._etag,
        bus.stage('status.maintenance.cancelled', payloadOf(cancelled, known), { productId, actorId }),
      );
      deps.changed(productId);
      return { id, deleted: true as const };
    },

    /** The job's pass: starts windows whose start has come and completes those whose end has. */
    async moveDue(signal: AbortSignal) {
      const now = isoNow(clock);
      const started = await sweep({
        signal,
        page: repo.maintenance.dueAcross('scheduled', 'scheduledStart', now),
        handle: async (doc) => Boolean(await move(doc.productId, doc.id, 'scheduled', 'in_progress', null)),
      });
      const completed = await sweep({
        signal,
        page: repo.maintenance.dueAcross('in_progress', 'scheduledEnd', now),
        handle: async (doc) => Boolean(await move(doc.productId, doc.id, 'in_progress', 'completed', null)),
      });
      return {
        started: started.handled,
        completed: completed.handled,
        failed: started.failed + completed.failed,
      };
    },

    /** Contract 3 (maintenance switch): starts, creating it if needed, the window of the switch `key`. */
    async beginSwitchWindow(
      productId: string,
      input: {
        key: string;
        title: string;
        message: string;
        components: string[];
        scheduledEnd: string | null;
      },
    ): Promise<{ windowId: string }> {
      await deps.ensureSeeded(productId);
      const id = switchWindowId(input.key);
      const existing = await repo.maintenance.get(productId, id);
      if (existing) {
        if (existing.status === 'scheduled') await move(productId, id, 'scheduled', 'in_progress', null);
        return { windowId: id };
      }
      const known = await names(productId);
      const components = input.components.includes('*')
        ? [...known.keys()]
        : [...new Set(input.components)].filter((key) => known.has(key));
      const at = isoNow(clock);
      const doc: MaintenanceDoc = {
        id,
        productId,
        title: input.title,
        message: input.message,
        status: 'in_progress',
        components,
        scheduledStart: at,
        scheduledEnd: input.scheduledEnd ? new Date(input.scheduledEnd).toISOString() : null,
        startedAt: at,
        completedAt: null,
        source: 'switch',
        switchKey: input.key,
        createdAt: at,
        updatedAt: at,
        createdBy: null,
      };
      try {
        await repo.maintenance.create(
          doc,
          bus.stage('status.maintenance.started', payloadOf(doc, known), { productId, actorId: null }),
        );
      } catch (error) {
        // Another call with the same key created it first: idempotent.
        if (!(await repo.maintenance.get(productId, id))) throw error;
      }
      deps.changed(productId);
      return { windowId: id };
    },

    /** Contract 3: completes the window begun with `key`; nothing to do when there is none (or it is over). */
    async endSwitchWindow(productId: string, key: string): Promise<void> {
      const id = switchWindowId(key);
      const existing = await repo.maintenance.get(productId, id);
      if (!existing) return;
      if (existing.status === 'scheduled') await move(productId, id, 'scheduled', 'in_progress', null);
      await move(productId, id, 'in_progress', 'completed', null);
    },
  };
};

export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
