import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { EventPayload } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { ComponentDoc, ImpactLogEntry, IncidentDoc, StatusRepository } from './repository';
import type {
  TIncident,
  TIncidentCreateInput,
  TIncidentImpact,
  TIncidentPostInput,
  TIncidentUpdateInput,
} from './schema';
import { incidentImpactOf } from './states';

type Names = ReadonlyMap<string, string>;

export const namesOf = (components: readonly ComponentDoc[]): Names =>
  new Map(components.map((doc) => [doc.id, doc.name]));

export const toIncidentView = (doc: IncidentDoc, names: Names): TIncident => {
  const { productId: _, impactLog: __, createdBy: ___, ...rest } = withoutSystemFields(doc);
  return {
    ...rest,
    impact: incidentImpactOf(doc.components.map((c) => c.impact)),
    components: doc.components.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.id, impact: c.impact })),
  };
};

const payloadOf = (
  doc: IncidentDoc,
  names: Names,
  update: IncidentDoc['updates'][number] | null,
): EventPayload<'status.incident.created'> => {
  const view = toIncidentView(doc, names);
  return {
    incidentId: doc.id,
    title: doc.title,
    status: doc.status,
    impact: view.impact,
    components: view.components,
    update,
    postmortem: doc.postmortem !== null,
    createdAt: doc.createdAt,
    resolvedAt: doc.resolvedAt,
  };
};

/** Entries for every component whose impact differs between `before` and `after` (null: no longer affected). */
const impactChanges = (
  at: string,
  before: readonly { id: string; impact: TIncidentImpact }[],
  after: readonly { id: string; impact: TIncidentImpact }[],
): ImpactLogEntry[] => {
  const was = new Map(before.map((c) => [c.id, c.impact]));
  const now = new Map(after.map((c) => [c.id, c.impact]));
  const ids = [...new Set([...was.keys(), ...now.keys()])];
  return ids
    .filter((id) => was.get(id) !== now.get(id))
    .map((id) => ({ at, componentId: id, impact: now.get(id) ?? null }));
};

const dedupe = (components: readonly { id: string; impact: TIncidentImpact }[]) => [
  ...new Map(components.map((c) => [c.id, c])).values(),
];

export const createIncidentsService = (deps: {
  repo: StatusRepository;
  clock: Clock;
  bus: EventBus;
  requireComponent: (productId: string, id: string, path: string) => Promise<void>;
  changed: (productId: string) => void;
}) => {
  const { repo, clock, bus } = deps;
  const names = async (productId: string) => namesOf(await repo.components.list(productId));

  const requireAll = async (productId: string, components: readonly { id: string }[]) => {
    for (const [index, c] of components.entries()) {
      await deps.requireComponent(productId, c.id, `components.${index}.id`);
    }
  };

  const load = async (productId: string, id: string) => {
    const doc = await repo.incidents.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Incident not found');
    return doc;
  };

  return {
    async list(
      productId: string,
      input: { status?: 'open' | 'resolved'; limit?: number; cursor?: string } = {},
    ) {
      const where =
        input.status === 'open'
          ? { status: { ne: 'resolved' } }
          : input.status === 'resolved'
            ? { status: { eq: 'resolved' } }
            : {};
      const page = await repo.incidents.page(productId, where, input.limit ?? 20, input.cursor);
      const known = await names(productId);
      return { items: page.items.map((doc) => toIncidentView(doc, known)), nextCursor: page.continuation };
    },

    get: async (productId: string, id: string) =>
      toIncidentView(await load(productId, id), await names(productId)),

    async create(productId: string, input: TIncidentCreateInput, actorId: string | null): Promise<TIncident> {
      const components = dedupe(input.components);
      await requireAll(productId, components);
      const at = isoNow(clock);
      const update = { id: `upd_${randomId(9)}`, status: input.status, message: input.message, at };
      const doc: IncidentDoc = {
        id: `inc_${randomId(9)}`,
        productId,
        title: input.title,
        status: input.status,
        components,
        updates: [update],
        impactLog: impactChanges(at, [], components),
        postmortem: null,
        postmortemAt: null,
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        createdBy: actorId,
      };
      const known = await names(productId);
      await repo.incidents.create(
        doc,
        bus.stage('status.incident.created', payloadOf(doc, known, update), { productId, actorId }),
      );
      deps.changed(productId);
      return toIncidentView(doc, known);
    },

    /** Title and affected components of an incident; posts no public update. */
    async update(productId: string, input: TIncidentUpdateInput, actorId: string | null): Promise<TIncident> {
      const current = await load(productId, input.id);
      const components = input.components ? dedupe(input.components) : undefined;
      if (components) {
        if (current.status === 'resolved') {
          throw new AppError('CONFLICT', 'A resolved incident no longer affects components');
        }
        await requireAll(productId, components);
      }
      const known = await names(productId);
      const at = isoNow(clock);
      const mutated = await repo.incidents.mutate(
        productId,
        input.id,
        (doc) => ({
          ...withoutSystemFields(doc),
          ...(input.title ? { title: input.title } : {}),
          ...(components
            ? { components, impactLog: [...doc.impactLog, ...impactChanges(at, doc.components, components)] }
            : {}),
          updatedAt: at,
        }),
        (next) => bus.stage('status.incident.updated', payloadOf(next, known, null), { productId, actorId }),
      );
      if (!mutated) throw new AppError('NOT_FOUND', 'Incident not found');
      deps.changed(productId);
      return toIncidentView(mutated.doc, known);
    },

    /** Posts a timestamped public update; `resolved` resolves the incident and frees its components. */
    async createUpdate(
      productId: string,
      input: TIncidentPostInput,
      actorId: string | null,
    ): Promise<TIncident> {
      const current = await load(productId, input.id);
      if (current.status === 'resolved') throw new AppError('CONFLICT', 'The incident is resolved');
      const known = await names(productId);
      const at = isoNow(clock);
      const update = { id: `upd_${randomId(9)}`, status: input.status, message: input.message, at };
      const resolving = input.status === 'resolved';
      const mutated = await repo.incidents.mutate(
        productId,
        input.id,
        (doc) => {
          if (doc.status === 'resolved') throw new AppError('CONFLICT', 'The incident is resolved');
          return {
            ...withoutSystemFields(doc),
            status: input.status,
            updates: [update, ...doc.updates],
            ...(resolving
              ? { resolvedAt: at, impactLog: [...doc.impactLog, ...impactChanges(at, doc.components, [])] }
              : {}),
            updatedAt: at,
          };
        },
        (next) =>
          bus.stage(
            resolving ? 'status.incident.resolved' : 'status.incident.updated',
            payloadOf(next, known, update),
            {
              productId,
              actorId,
            },
          ),
      );
      if (!mutated) throw new AppError('NOT_FOUND', 'Incident not found');
      deps.changed(productId);
      return toIncidentView(mutated.doc, known);
    },

    /** Publishes (or replaces) the postmortem of a resolved incident. */
    async setPostmortem(productId: string, id: string, postmortem: string, actorId: string | null) {
      const current = await load(productId, id);
      if (current.status !== 'resolved') {
        throw new AppError('CONFLICT', 'A postmortem follows the resolution: resolve the incident first');
      }
      const known = await names(productId);
      const at = isoNow(clock);
      const mutated = await repo.incidents.mutate(
        productId,
        id,
        (doc) => ({ ...withoutSystemFields(doc), postmortem, postmortemAt: at, updatedAt: at }),
        (next) => bus.stage('status.incident.updated', payloadOf(next, known, null), { productId, actorId }),
      );
      if (!mutated) throw new AppError('NOT_FOUND', 'Incident not found');
      deps.changed(productId);
      return toIncidentView(mutated.doc, known);
    },
  };
};

export type IncidentsService = ReturnType<typeof createIncidentsService>;
