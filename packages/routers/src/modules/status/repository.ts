import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { STATUS_CONTAINERS } from './containers';
import type {
  CheckDoc,
  ComponentDoc,
  DailyDoc,
  IncidentDoc,
  MaintenanceDoc,
  MonitorDoc,
  SubscriberDoc,
} from './documents';

export type {
  CheckDoc,
  CheckStatus,
  ComponentDoc,
  DailyDoc,
  ImpactLogEntry,
  IncidentDoc,
  MaintenanceDoc,
  MonitorDoc,
  SubscriberDoc,
} from './documents';

type Change<T extends { id: string }> = (current: Stored<T>) => T | null | Promise<T | null>;
type OutboxOf<T extends { id: string }> = (next: T, current: Stored<T>) => Outbox | undefined;

/** Every page of a query, for the small per-product lists (components, monitors, subscribers' pages). */
const all = async <T extends { id: string }>(
  page: (continuation: string | undefined) => Promise<{ items: T[]; continuation: string | null }>,
): Promise<T[]> => {
  const out: T[] = [];
  let continuation: string | undefined;
  do {
    const next = await page(continuation);
    out.push(...next.items);
    continuation = next.continuation ?? undefined;
  } while (continuation);
  return out;
};

const createIfAbsent = async <T extends { id: string }>(
  create: () => Promise<Stored<T>>,
): Promise<boolean> => {
  try {
    await create();
    return true;
  } catch (error) {
    if (isStoreError(error, 'conflict')) return false;
    throw error;
  }
};

export const createStatusRepository = (store: DocumentStore) => {
  const c = STATUS_CONTAINERS;
  const components = () => store.container<ComponentDoc>(c.statusComponents.name);
  const monitors = () => store.container<MonitorDoc>(c.statusMonitors.name);
  const checks = () => store.container<CheckDoc>(c.serviceStatus.name);
  const daily = () => store.container<DailyDoc>(c.statusDaily.name);
  const incidents = () => store.container<IncidentDoc>(c.incidents.name);
  const maintenance = () => store.container<MaintenanceDoc>(c.statusMaintenance.name);
  const subscribers = () => store.container<SubscriberDoc>(c.statusSubscribers.name);
  const opts = <T extends { id: string }>(outbox?: OutboxOf<T>) => (outbox ? { outbox } : {});

  return {
    checksContainer: c.serviceStatus.name,
    components: {
      get: (productId: string, id: string) => components().read(id, productId),
      list: (productId: string) =>
        all((continuation) =>
          components().query({
            partitionKey: productId,
            orderBy: [{ field: 'order' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      /** Every product that has components (the rollup job's walk). */
      productIds: async () => {
        const docs = await all((continuation) =>
          components().query({ limit: 1000, ...(continuation ? { continuation } : {}) }),
        );
        return [...new Set(docs.map((doc) => doc.productId))];
      },
      create: (doc: ComponentDoc) => components().create(doc),
      createIfAbsent: (doc: ComponentDoc) => createIfAbsent(() => components().create(doc)),
      mutate: (productId: string, id: string, change: Change<ComponentDoc>) =>
        components().mutate(id, productId, change),
      delete: (productId: string, id: string) => components().delete(id, productId),
    },
    monitors: {
      get: (productId: string, id: string) => monitors().read(id, productId),
      list: (productId: string, where: Filter<MonitorDoc> = {}) =>
        all((continuation) =>
          monitors().query({
            partitionKey: productId,
            where,
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      /** Enabled monitors of every product due by `nowIso`, most overdue first. */
      due: async (nowIso: string, limit: number) =>
        (
          await monitors().query({
            where: { enabled: { eq: true }, nextCheckAt: { lte: nowIso } },
            orderBy: [{ field: 'nextCheckAt' }],
            limit,
          })
        ).items,
      byTokenHash: async (hash: string) =>
        (await monitors().query({ where: { heartbeatTokenHash: { eq: hash } }, limit: 1 })).items[0],
      create: (doc: MonitorDoc) => monitors().create(doc),
      createIfAbsent: (doc: MonitorDoc) => createIfAbsent(() => monitors().create(doc)),
      mutate: (productId: string, id: string, change: Change<MonitorDoc>, outbox?: OutboxOf<MonitorDoc>) =>
        monitors().mutate(id, productId, change, opts(outbox)),
      delete: (productId: string, id: string) => monitors().delete(id, productId),
    },
    checks: {
      /** A component's checks in [fromIso, toIso), oldest first. */
      ofComponent: (productId: string, componentId: string, fromIso: string, toIso: string) =>
        all((continuation) =>
          checks().query({
            partitionKey: productId,
            where: { componentId: { eq: componentId }, at: { gte: fromIso, lt: toIso } },
            orderBy: [{ field: 'componentId' }, { field: 'at' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      /** A component's latest `limit` checks, newest first. */
      latestOfComponent: async (productId: string, componentId: string, limit: number) =>
        (
          await checks().query({
            partitionKey: productId,
            where: { componentId: { eq: componentId } },
            orderBy: [
              { field: 'componentId', direction: 'desc' },
              { field: 'at', direction: 'desc' },
            ],
            limit,
          })
        ).items,
      ofMonitor: async (productId: string, monitorId: string, limit: number) =>
        (
          await checks().query({
            partitionKey: productId,
            where: { monitorId: { eq: monitorId } },
            orderBy: [
              { field: 'monitorId', direction: 'desc' },
              { field: 'at', direction: 'desc' },
            ],
            limit,
          })
        ).items,
      /** A monitor's last check before `beforeIso` (the state it entered a day with). */
      lastBefore: async (productId: string, monitorId: string, beforeIso: string) =>
        (
          await checks().query({
            partitionKey: productId,
            where: { monitorId: { eq: monitorId }, at: { lt: beforeIso } },
            orderBy: [
              { field: 'monitorId', direction: 'desc' },
              { field: 'at', direction: 'desc' },
            ],
            limit: 1,
          })
        ).items[0],
      mutate: (productId: string, id: string, change: Change<CheckDoc>) =>
        checks().mutate(id, productId, change),
    },
    daily: {
      get: (productId: string, componentId: string, day: string) =>
        daily().read(`${componentId}:${day}`, productId),
      /** Rollups of days in [fromDay, toDay]. */
      between: (productId: string, fromDay: string, toDay: string) =>
        all((continuation) =>
          daily().query({
            partitionKey: productId,
            where: { day: { gte: fromDay, lte: toDay } },
            orderBy: [{ field: 'day' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      upsert: (doc: DailyDoc) => daily().upsert(doc),
    },
    incidents: {
      get: (productId: string, id: string) => incidents().read(id, productId),
      page: (productId: string, where: Filter<IncidentDoc>, limit: number, continuation?: string) =>
        incidents().query({
          partitionKey: productId,
          where,
          orderBy: [{ field: 'createdAt', direction: 'desc' }],
          limit,
          ...(continuation ? { continuation } : {}),
        }),
      /** Incidents open now or resolved after `sinceIso`, newest first. */
      since: (productId: string, sinceIso: string) =>
        all((continuation) =>
          incidents().query({
            partitionKey: productId,
            where: { createdAt: { gte: sinceIso } },
            orderBy: [{ field: 'createdAt', direction: 'desc' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      open: (productId: string) =>
        all((continuation) =>
          incidents().query({
            partitionKey: productId,
            where: { status: { ne: 'resolved' } },
            orderBy: [{ field: 'createdAt', direction: 'desc' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      create: (doc: IncidentDoc, outbox: Outbox) => incidents().create(doc, { outbox }),
      mutate: (productId: string, id: string, change: Change<IncidentDoc>, outbox?: OutboxOf<IncidentDoc>) =>
        incidents().mutate(id, productId, change, opts(outbox)),
    },
    maintenance: {
      get: (productId: string, id: string) => maintenance().read(id, productId),
      list: (productId: string, where: Filter<MaintenanceDoc>, limit: number) =>
        maintenance().query({
          partitionKey: productId,
          where,
          orderBy: [{ field: 'scheduledStart', direction: 'desc' }],
          limit,
        }),
      /** Windows not yet over (scheduled or in progress), soonest first. */
      current: (productId: string) =>
        all((continuation) =>
          maintenance().query({
            partitionKey: productId,
            where: { status: { in: ['scheduled', 'in_progress'] } },
            orderBy: [{ field: 'scheduledStart' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          }),
        ),
      /** Windows of every product in `status` with `field` at or before `nowIso` (the maintenance job). */
      dueAcross:
        (status: 'scheduled' | 'in_progress', field: 'scheduledStart' | 'scheduledEnd', nowIso: string) =>
        (continuation: string | undefined) =>
          maintenance().query({
            where: { status: { eq: status }, source: { eq: 'scheduled' }, [field]: { lte: nowIso } },
            limit: 500,
            ...(continuation ? { continuation } : {}),
          }),
      /** Windows that started before `toIso` and were not over by `fromIso` (rollups). */
      overlapping: async (productId: string, fromIso: string, toIso: string) =>
        (
          await all((continuation) =>
            maintenance().query({
              partitionKey: productId,
              where: { startedAt: { lt: toIso } },
              limit: 1000,
              ...(continuation ? { continuation } : {}),
            }),
          )
        ).filter((doc) => doc.startedAt !== null && (doc.completedAt === null || doc.completedAt > fromIso)),
      create: (doc: MaintenanceDoc, outbox: Outbox) => maintenance().create(doc, { outbox }),
      mutate: (
        productId: string,
        id: string,
        change: Change<MaintenanceDoc>,
        outbox?: OutboxOf<MaintenanceDoc>,
      ) => maintenance().mutate(id, productId, change, opts(outbox)),
      delete: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
        maintenance().delete(id, productId, { ifMatch, outbox }),
    },
    subscribers: {
      get: (productId: string, id: string) => subscribers().read(id, productId),
      byConfirmHash: async (hash: string) =>
        (await subscribers().query({ where: { confirmTokenHash: { eq: hash } }, limit: 1 })).items[0],
      byUnsubscribeHash: async (hash: string) =>
        (await subscribers().query({ where: { unsubscribeTokenHash: { eq: hash } }, limit: 1 })).items[0],
      activePage: (productId: string, continuation?: string) =>
        subscribers().query({
          partitionKey: productId,
          where: { status: { eq: 'active' } },
          limit: 500,
          ...(continuation ? { continuation } : {}),
        }),
      count: (productId: string, status: SubscriberDoc['status']) =>
        subscribers().count({ partitionKey: productId, where: { status: { eq: status } } }),
      create: (doc: SubscriberDoc) => subscribers().create(doc),
      mutate: (productId: string, id: string, change: Change<SubscriberDoc>) =>
        subscribers().mutate(id, productId, change),
    },
  };
};

export type StatusRepository = ReturnType<typeof createStatusRepository>;
