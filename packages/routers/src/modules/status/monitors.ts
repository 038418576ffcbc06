import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { randomId, sha256 } from '../../lib/crypto';
import { OutboundRefused, resolveTarget, type TargetPolicy } from '../../lib/outbound';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import type { MonitorDoc, StatusRepository } from './repository';
import type { TMonitorCreateInput, TMonitorUpdateInput, TStatusMonitor } from './schema';

export const HEARTBEAT_PATH = '/v1/public/status/heartbeat/';

const DEFAULTS = {
  expectedStatus: '200-299',
  timeoutMs: 10_000,
  intervalSeconds: 60,
  retries: 2,
} as const;

const tokenContext = (doc: { productId: string; id: string }) =>
  `status-heartbeat:${doc.productId}:${doc.id}`;

export const newHeartbeatToken = () => `hb_${randomId(24)}`;

/** A monitor as the console shows it: the push path (with its token) only for heartbeat monitors. */
export const toMonitorView = (doc: MonitorDoc, secretBox: SecretBox): TStatusMonitor => {
  const {
    productId: _,
    heartbeatTokenHash: __,
    heartbeatTokenSealed,
    pendingCheckIds: ___,
    lastHeartbeat: ____,
    ...rest
  } = withoutSystemFields(doc);
  return {
    ...rest,
    pushPath: heartbeatTokenSealed
      ? `${HEARTBEAT_PATH}${secretBox.open(heartbeatTokenSealed, tokenContext(doc))}`
      : null,
  };
};

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

/** A fresh monitor document with the runtime fields at their start. */
export const newMonitorDoc = (
  productId: string,
  id: string,
  fields: Omit<
    MonitorDoc,
    | 'id'
    | 'productId'
    | 'status'
    | 'statusSince'
    | 'consecutiveFailures'
    | 'pendingCheckIds'
    | 'lastCheckedAt'
    | 'lastLatencyMs'
    | 'lastMessage'
    | 'nextCheckAt'
    | 'lastHeartbeatAt'
    | 'lastHeartbeat'
    | 'createdAt'
    | 'updatedAt'
  >,
  at: string,
): MonitorDoc => ({
  id,
  productId,
  ...fields,
  status: 'unknown',
  statusSince: null,
  consecutiveFailures: 0,
  pendingCheckIds: [],
  lastCheckedAt: null,
  lastLatencyMs: null,
  lastMessage: null,
  nextCheckAt: fields.enabled ? at : null,
  lastHeartbeatAt: null,
  lastHeartbeat: null,
  createdAt: at,
  updatedAt: at,
});

export const createMonitorsService = (deps: {
  repo: StatusRepository;
  clock: Clock;
  secretBox: SecretBox;
  policy: TargetPolicy;
  /** Refuses a component id the product does not have. */
  requireComponent: (productId: string, id: string) => Promise<void>;
  /** Called after a change, so cached views of the product are dropped. */
  changed: (productId: string) => void;
}) => {
  const { repo, clock, secretBox } = deps;

  /** The URL or host must pass the guard now (a 400 naming the field); it is checked again at every check. */
  const checkTarget = async (doc: Pick<MonitorDoc, 'type' | 'url' | 'host' | 'port'>) => {
    try {
      if (doc.type === 'http' && doc.url) await resolveTarget(doc.url, deps.policy);
      if (doc.type === 'tcp' && doc.host) {
        const host = doc.host.includes(':') ? `[${doc.host}]` : doc.host;
        await resolveTarget(`http://${host}:${doc.port ?? 80}/`, { ...deps.policy, http: 'allow' });
      }
    } catch (error) {
      if (error instanceof OutboundRefused)
        throw fieldError(doc.type === 'http' ? 'url' : 'host', error.message);
      throw error;
    }
  };

  const load = async (productId: string, id: string) => {
    const doc = await repo.monitors.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Monitor not found');
    return doc;
  };

  return {
    async list(productId: string, componentId?: string): Promise<TStatusMonitor[]> {
      const docs = await repo.monitors.list(
        productId,
        componentId ? { componentId: { eq: componentId } } : {},
      );
      return docs
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map((doc) => toMonitorView(doc, secretBox));
    },

    get: async (productId: string, id: string) => toMonitorView(await load(productId, id), secretBox),

    async create(productId: string, input: TMonitorCreateInput): Promise<TStatusMonitor> {
      await deps.requireComponent(productId, input.componentId);
      const at = isoNow(clock);
      const id = `mon_${randomId(9)}`;
      const token = input.type === 'heartbeat' ? newHeartbeatToken() : null;
      const doc = newMonitorDoc(
        productId,
        id,
        {
          componentId: input.componentId,
          name: input.name,
          type: input.type,
          url: input.type === 'http' ? (input.url ?? null) : null,
          expectedStatus: input.expectedStatus ?? DEFAULTS.expectedStatus,
          keyword: input.type === 'http' ? input.keyword || null : null,
          host: input.type === 'tcp' ? (input.host ?? null) : null,
          port: input.type === 'tcp' ? (input.port ?? null) : null,
          check: input.type === 'internal' ? (input.check ?? null) : null,
          threshold: input.type === 'internal' ? (input.threshold ?? null) : null,
          timeoutMs: input.timeoutMs ?? DEFAULTS.timeoutMs,
          intervalSeconds: input.intervalSeconds ?? DEFAULTS.intervalSeconds,
          retries: input.retries ?? DEFAULTS.retries,
          degradedLatencyMs: input.degradedLatencyMs ?? null,
          enabled: input.enabled ?? true,
          builtin: false,
          heartbeatTokenHash: token ? sha256(token) : null,
          heartbeatTokenSealed: token ? secretBox.seal(token, tokenContext({ productId, id })) : null,
        },
        at,
      );
      await checkTarget(doc);
      const created = await repo.monitors.create(doc);
      deps.changed(productId);
      return toMonitorView(created, secretBox);
    },

    async update(productId: string, input: TMonitorUpdateInput): Promise<TStatusMonitor> {
      const current = await load(productId, input.id);
      if (input.componentId) await deps.requireComponent(productId, input.componentId);
      const { id: _, ...changes } = input;
      const defined: Partial<MonitorDoc> = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      );
      if (defined.keyword === '') defined.keyword = null;
      const probe = { ...current, ...defined } as MonitorDoc;
      if (probe.type === 'http' && !probe.url) throw fieldError('url', 'Required');
      if (probe.type === 'tcp' && (!probe.host || !probe.port))
        throw fieldError(probe.host ? 'port' : 'host', 'Required');
      if (
        current.builtin &&
        ((input.url && input.url !== current.url) ||
          (input.host && input.host !== current.host) ||
          (input.check && input.check !== current.check))
      ) {
        throw fieldError('check', "A platform monitor's check cannot change; add a monitor instead");
      }
      await checkTarget(probe);
      const at = isoNow(clock);
      const mutated = await repo.monitors.mutate(productId, input.id, (doc) => {
        const next: MonitorDoc = { ...withoutSystemFields(doc), ...defined, updatedAt: at };
        if (input.enabled === false) next.nextCheckAt = null;
        else if (next.enabled && (doc.nextCheckAt === null || input.intervalSeconds !== undefined)) {
          next.nextCheckAt = at;
        }
        if (input.enabled === false || input.url || input.host || input.port || input.componentId) {
          // A different target (or none): what was known no longer says anything.
          Object.assign(next, {
            status: 'unknown',
            statusSince: null,
            consecutiveFailures: 0,
            pendingCheckIds: [],
          });
        }
        return next;
      });
      if (!mutated) throw new AppError('NOT_FOUND', 'Monitor not found');
      deps.changed(productId);
      return toMonitorView(mutated.doc, secretBox);
    },

    async delete(productId: string, id: string) {
      const doc = await load(productId, id);
      if (doc.builtin) {
        throw new AppError('CONFLICT', 'A platform monitor cannot be deleted; disable it instead');
      }
      await repo.monitors.delete(productId, id);
      deps.changed(productId);
      return { id, deleted: true as const };
    },

    /** A push to a heartbeat monitor's secret URL; undefined when the token names none. */
    async heartbeat(
      token: string,
      push: { status: 'up' | 'down'; message: string | null; ping: number | null },
    ): Promise<MonitorDoc | undefined> {
      const found = await repo.monitors.byTokenHash(sha256(token));
      if (found?.type !== 'heartbeat') return undefined;
      const at = isoNow(clock);
      const mutated = await repo.monitors.mutate(found.productId, found.id, (doc) => ({
        ...withoutSystemFields(doc),
        lastHeartbeatAt: at,
        lastHeartbeat: push,
        // A push to a monitor that is failing is judged at the next pass, not at the end of the interval.
        nextCheckAt: doc.enabled && (doc.status !== 'up' || push.status === 'down') ? at : doc.nextCheckAt,
        updatedAt: at,
      }));
      return mutated?.doc;
    },
  };
};

export type MonitorsService = ReturnType<typeof createMonitorsService>;
