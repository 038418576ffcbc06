/**
 * One container of the cosmos driver. Expiry is enforced on read as well as by Cosmos TTL (the test server
 * does not enforce TTL, and Cosmos deletes lazily), so an expired document is never returned.
 */
import type { Container as SdkContainer } from '@azure/cosmos';
import { completeContainer } from '../commit';
import type {
  BaseDoc,
  BulkDoc,
  Clock,
  Container,
  ContainerDef,
  Query,
  ReplaceOptions,
  ScannedDoc,
  Stored,
} from '../document-store';
import { StoreError } from '../document-store';
import {
  assertId,
  assertOrderBy,
  forEachPooled,
  partitionKeyOf,
  resolveLimit,
  scanPageSize,
  stamp,
} from '../driver-common';
import { runBatch } from './cosmos-batch';
import {
  deleteExpired,
  fromCosmos,
  isLive,
  partitionField,
  type RawDoc,
  readRaw,
  toCosmos,
} from './cosmos-doc';
import { guard, statusOf } from './cosmos-errors';
import type { ContainerResolver } from './cosmos-outbox';
import { queryPage } from './cosmos-query';
import { EXPIRES_AT, orderBySql, Params, whereSql } from './cosmos-sql';

/** Point writes in flight at once during a bulk write or a clear (each is its own request on Cosmos). */
const BULK_CONCURRENCY = 16;

/** Writes without a caller etag retry this often when another writer slips in between read and write. */
const OPTIMISTIC_RETRIES = 5;

export function createCosmosContainer<T extends BaseDoc>(
  sdk: SdkContainer,
  def: ContainerDef,
  clock: Clock,
  resolve: ContainerResolver,
): Container<T> {
  const pkField = partitionField(def);
  const out = (raw: unknown) => fromCosmos<T>(def, raw);
  const live = async (id: string, pk: string) => {
    const raw = await readRaw(sdk, id, pk);
    return raw && isLive(raw, clock()) ? raw : undefined;
  };
  const ifMatch = (etag: string | undefined) => ({
    accessCondition: { type: 'IfMatch', condition: etag ?? '' },
  });

  const create = async (doc: T, ttl: number | undefined): Promise<Stored<T>> => {
    const s = stamp(def, doc, ttl, clock);
    const body = toCosmos(def, s);
    for (let attempt = 0; ; attempt++) {
      try {
        const { resource } = await sdk.items.create(body, { disableAutomaticIdGeneration: true });
        return out(resource);
      } catch (error) {
        if (statusOf(error) !== 409 || attempt > 0) throw error;
        const existing = await readRaw(sdk, s.doc.id, s.pk);
        if (existing && isLive(existing, clock())) throw error;
        if (existing) await deleteExpired(sdk, existing, s.pk);
      }
    }
  };

  const replace = async (doc: T, options: ReplaceOptions | undefined): Promise<Stored<T>> => {
    const s = stamp(def, doc, options?.ttl, clock);
    const body = toCosmos(def, s);
    for (let attempt = 0; ; attempt++) {
      const current = await live(s.doc.id, s.pk);
      if (!current) throw new StoreError('not_found', `${def.name}/${s.doc.id} not found`);
      if (options?.ifMatch !== undefined && options.ifMatch !== current._etag) {
        throw new StoreError('precondition_failed', `${def.name}/${s.doc.id} has changed (etag mismatch)`);
      }
      try {
        const { resource } = await sdk.item(s.doc.id, s.pk).replace(body, ifMatch(current._etag));
        return out(resource);
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) throw new StoreError('not_found', `${def.name}/${s.doc.id} not found`);
        if (status !== 412 || options?.ifMatch !== undefined || attempt >= OPTIMISTIC_RETRIES) throw error;
      }
    }
  };

  const remove = async (id: string, pk: string, etag: string | undefined): Promise<boolean> => {
    assertId(id);
    for (let attempt = 0; ; attempt++) {
      const current = await live(id, pk);
      if (!current) return false;
      if (etag !== undefined && etag !== current._etag) {
        throw new StoreError('precondition_failed', `${def.name}/${id} has changed (etag mismatch)`);
      }
      try {
        await sdk.item(id, pk).delete(ifMatch(current._etag));
        return true;
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) return false;
        if (status !== 412 || etag !== undefined || attempt >= OPTIMISTIC_RETRIES) throw error;
      }
    }
  };

  const where = (query: Pick<Query<T>, 'partitionKey' | 'where'> | undefined, params: Params) =>
    whereSql(
      {
        nowSeconds: clock() / 1000,
        partition:
          query?.partitionKey === undefined ? undefined : { field: pkField, value: query.partitionKey },
        where: query?.where,
      },
      params,
    );

  /** Cross-partition pages straight from the SDK's feed; the engine may hand back empty pages, skipped here. */
  async function* scan(size: number | undefined): AsyncGenerator<ScannedDoc<T>[]> {
    const pageSize = scanPageSize(size);
    const params = new Params();
    const spec = { query: `SELECT * FROM c WHERE ${where(undefined, params)}`, parameters: params.list };
    const feed = sdk.items.query<RawDoc>(spec, { maxItemCount: pageSize });
    while (feed.hasMoreResults()) {
      const { resources } = await guard(() => feed.fetchNext());
      if (resources.length === 0) continue;
      yield resources.map((raw) => {
        const expires = raw[EXPIRES_AT];
        return {
          doc: out(raw),
          partitionKey: partitionKeyOf(def, raw),
          expiresAt: typeof expires === 'number' ? Math.round(expires * 1000) : null,
        };
      });
    }
  }

  const upsert = async (doc: T, ttl: number | undefined) => {
    const s = stamp(def, doc, ttl, clock);
    const { resource } = await sdk.items.upsert(toCosmos(def, s), { disableAutomaticIdGeneration: true });
    return out(resource);
  };

  return completeContainer<T>({
    def,
    partitionKeyOf: (doc) => partitionKeyOf(def, doc),
    create: (doc, options) => guard(() => create(doc, options?.ttl)),
    read: (id, pk) =>
      guard(async () => {
        const raw = await live(assertId(id), pk);
        return raw ? out(raw) : undefined;
      }),
    upsert: (doc, options) => guard(() => upsert(doc, options?.ttl)),
    replace: (doc, options) => guard(() => replace(doc, options)),
    delete: (id, pk, options) => guard(() => remove(id, pk, options?.ifMatch)),
    query: (query) =>
      guard(async () => {
        const limit = resolveLimit(query?.limit);
        assertOrderBy(def, query?.orderBy);
        const params = new Params();
        const text = `SELECT * FROM c WHERE ${where(query, params)} ORDER BY ${orderBySql(query?.orderBy)}`;
        const page = await queryPage(
          sdk,
          { query: text, parameters: params.list },
          { limit, partitionKey: query?.partitionKey, continuation: query?.continuation ?? undefined },
        );
        return { items: page.items.map(out), continuation: page.continuation };
      }),
    count: (query) =>
      guard(async () => {
        const params = new Params();
        const spec = {
          query: `SELECT VALUE COUNT(1) FROM c WHERE ${where(query, params)}`,
          parameters: params.list,
        };
        const options = query?.partitionKey === undefined ? {} : { partitionKey: query.partitionKey };
        const { resources } = await sdk.items.query<number>(spec, options).fetchAll();
        return resources.reduce((sum, n) => sum + n, 0);
      }),
    batch: (pk, operations, options) =>
      guard(() => runBatch<T>({ sdk, def, clock, resolve }, pk, operations, options?.outbox)),
    scan: (options) => scan(options?.pageSize),
    bulkWrite: (docs: readonly BulkDoc<T>[], options) =>
      guard(async () => {
        const mode = options?.mode ?? 'upsert';
        await forEachPooled(docs, BULK_CONCURRENCY, (entry) =>
          mode === 'create' ? create(entry.doc, entry.ttl) : upsert(entry.doc, entry.ttl),
        );
        return docs.length;
      }),
    clear: () =>
      guard(async () => {
        const now = clock();
        let live = 0;
        // A fresh query per round rather than one feed: deleting under a running feed could move its cursor.
        for (;;) {
          const { resources } = await sdk.items
            .query<RawDoc>('SELECT * FROM c', { maxItemCount: 500 })
            .fetchNext();
          if (resources.length === 0) break;
          await forEachPooled(resources, BULK_CONCURRENCY, async (raw) => {
            try {
              await sdk.item(raw.id, partitionKeyOf(def, raw)).delete();
              if (isLive(raw, now)) live += 1;
            } catch (error) {
              if (statusOf(error) !== 404) throw error;
            }
          });
        }
        return live;
      }),
  });
}

/** Deletes this container's expired documents; returns how many went. */
export async function purgeContainer(sdk: SdkContainer, def: ContainerDef, clock: Clock): Promise<number> {
  const params = new Params();
  const spec = {
    query: `SELECT * FROM c WHERE IS_NUMBER(c._expiresAt) AND c._expiresAt <= ${params.add(clock() / 1000)}`,
    parameters: params.list,
  };
  const { resources } = await sdk.items.query<RawDoc>(spec).fetchAll();
  let deleted = 0;
  for (const raw of resources) {
    if (await deleteExpired(sdk, raw, partitionKeyOf(def, raw))) deleted += 1;
  }
  return deleted;
}
