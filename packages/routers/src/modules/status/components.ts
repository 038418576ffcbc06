import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { PLATFORM_COMPONENTS, PLATFORM_MONITORS } from './config';
import { newMonitorDoc } from './monitors';
import type { ComponentDoc, IncidentDoc, MaintenanceDoc, MonitorDoc, StatusRepository } from './repository';
import type {
  TComponentCreateInput,
  TComponentState,
  TComponentUpdateInput,
  TStatusComponent,
} from './schema';
import { componentState, stateOfMonitors } from './states';

/** Check latencies the console's sparkline shows per component. */
const SPARKLINE_POINTS = 30;

/** Everything the current state of a product's status page is computed from, read at once. */
export type StatusSnapshot = {
  components: ComponentDoc[];
  monitors: MonitorDoc[];
  openIncidents: IncidentDoc[];
  /** Scheduled and in-progress windows, soonest first. */
  maintenance: MaintenanceDoc[];
  states: Map<
    string,
    { state: TComponentState; monitorState: TComponentState; lastCheckedAt: string | null }
  >;
};

export const createComponentsService = (deps: {
  repo: StatusRepository;
  clock: Clock;
  changed: (productId: string) => void;
}) => {
  const { repo, clock } = deps;
  const seeded = new Set<string>();

  /**
   * The platform's own components and their internal monitors, created once per product (deterministic ids, so
   * instances racing to seed create each once). Runs before any read of the product's status.
   */
  const ensureSeeded = async (productId: string) => {
    if (seeded.has(productId)) return;
    const at = isoNow(clock);
    const existing = new Set((await repo.components.list(productId)).map((doc) => doc.id));
    let order = 0;
    for (const component of PLATFORM_COMPONENTS) {
      order += 10;
      if (existing.has(component.id)) continue;
      await repo.components.createIfAbsent({
        ...component,
        productId,
        order,
        builtin: true,
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const monitor of PLATFORM_MONITORS) {
      await repo.monitors.createIfAbsent(
        newMonitorDoc(
          productId,
          `mon_${monitor.check}`,
          {
            componentId: monitor.componentId,
            name: monitor.name,
            type: 'internal',
            url: null,
            expectedStatus: '200-299',
            keyword: null,
            host: null,
            port: null,
            check: monitor.check,
            threshold: monitor.threshold,
            timeoutMs: 10_000,
            intervalSeconds: 60,
            retries: 2,
            degradedLatencyMs: null,
            enabled: true,
            builtin: true,
            heartbeatTokenHash: null,
            heartbeatTokenSealed: null,
          },
          at,
        ),
      );
    }
    seeded.add(productId);
  };

  const snapshot = async (productId: string): Promise<StatusSnapshot> => {
    await ensureSeeded(productId);
    const [components, monitors, openIncidents, maintenance] = await Promise.all([
      repo.components.list(productId),
      repo.monitors.list(productId),
      repo.incidents.open(productId),
      repo.maintenance.current(productId),
    ]);
    const states: StatusSnapshot['states'] = new Map();
    for (const component of components) {
      const own = monitors.filter((m) => m.componentId === component.id && m.enabled);
      const monitorState = stateOfMonitors(own.map((m) => m.status));
      const impacts = openIncidents.flatMap((incident) =>
        incident.components.filter((c) => c.id === component.id).map((c) => c.impact),
      );
      const inMaintenance = maintenance.some(
        (window) => window.status === 'in_progress' && window.components.includes(component.id),
      );
      const lastCheckedAt = own.reduce<string | null>(
        (latest, m) => (m.lastCheckedAt && (!latest || m.lastCheckedAt > latest) ? m.lastCheckedAt : latest),
        null,
      );
      states.set(component.id, {
        state: componentState({ monitors: monitorState, impacts, inMaintenance }),
        monitorState,
        lastCheckedAt,
      });
    }
    return { components, monitors, openIncidents, maintenance, states };
  };

  const load = async (productId: string, id: string) => {
    await ensureSeeded(productId);
    const doc = await repo.components.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Component '${id}' not found`);
    return doc;
  };

  const view = async (
    productId: string,
    doc: ComponentDoc,
    snap: StatusSnapshot,
  ): Promise<TStatusComponent> => {
    const { productId: _, ...rest } = withoutSystemFields(doc);
    const state = snap.states.get(doc.id);
    const latest = await repo.checks.latestOfComponent(productId, doc.id, SPARKLINE_POINTS);
    return {
      ...rest,
      state: state?.state ?? 'operational',
      monitorState: state?.monitorState ?? 'operational',
      lastCheckedAt: state?.lastCheckedAt ?? null,
      latencies: latest
        .filter((check) => check.latencyMs !== null)
        .map((check) => check.latencyMs as number)
        .reverse(),
    };
  };

  return {
    ensureSeeded,
    snapshot,
    /** Refuses (400 naming the field) a component id the product does not have. */
    async requireComponent(productId: string, id: string, path = 'componentId') {
      await ensureSeeded(productId);
      if (!(await repo.components.get(productId, id))) {
        throw new AppError('VALIDATION', `Unknown component '${id}'`, {
          fields: [{ path, message: `Unknown component '${id}'` }],
        });
      }
    },
    async list(productId: string): Promise<TStatusComponent[]> {
      const snap = await snapshot(productId);
      return Promise.all(snap.components.map((doc) => view(productId, doc, snap)));
    },
    async get(productId: string, id: string): Promise<TStatusComponent> {
      const doc = await load(productId, id);
      return view(productId, doc, await snapshot(productId));
    },
    async create(productId: string, input: TComponentCreateInput): Promise<TStatusComponent> {
      await ensureSeeded(productId);
      const at = isoNow(clock);
      const existing = await repo.components.list(productId);
      const order = input.order ?? Math.max(0, ...existing.map((doc) => doc.order)) + 10;
      const doc: ComponentDoc = {
        id: input.id,
        productId,
        name: input.name,
        description: input.description,
        group: input.group,
        order,
        builtin: false,
        createdAt: at,
        updatedAt: at,
      };
      if (!(await repo.components.createIfAbsent(doc))) {
        throw new AppError('CONFLICT', `A component '${input.id}' exists`, {
          fields: [{ path: 'id', message: 'Already in use' }],
        });
      }
      deps.changed(productId);
      return view(productId, doc, await snapshot(productId));
    },
    async update(productId: string, input: TComponentUpdateInput): Promise<TStatusComponent> {
      await load(productId, input.id);
      const { id, ...changes } = input;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const mutated = await repo.components.mutate(productId, id, (doc) => ({
        ...withoutSystemFields(doc),
        ...defined,
        updatedAt: isoNow(clock),
      }));
      if (!mutated) throw new AppError('NOT_FOUND', `Component '${id}' not found`);
      deps.changed(productId);
      return view(productId, mutated.doc, await snapshot(productId));
    },
    async delete(productId: string, id: string) {
      const doc = await load(productId, id);
      if (doc.builtin) throw new AppError('CONFLICT', "The platform's own components cannot be deleted");
      const monitors = await repo.monitors.list(productId, { componentId: { eq: id } });
      if (monitors.length > 0) {
        throw new AppError('CONFLICT', 'Delete or move the monitors of this component first');
      }
      await repo.components.delete(productId, id);
      deps.changed(productId);
      return { id, deleted: true as const };
    },
  };
};

export type ComponentsService = ReturnType<typeof createComponentsService>;
