/**
 * The Azure Cosmos DB DocumentStore driver (@azure/cosmos 4.9). Containers are created from the catalogue
 * with their partition key path, composite indexes and default TTL.
 */
import type { Agent } from 'node:https';
import {
  type ContainerDefinition,
  CosmosClient,
  type Database,
  type Container as SdkContainer,
} from '@azure/cosmos';
import type { BaseDoc, Clock, Container, ContainerDef, DocumentStore } from '../document-store';
import { StoreError, systemClock } from '../document-store';
import { assertContainerName, assertField, startPurgeTimer } from '../driver-common';
import type { FullTextIndex } from '../full-text/full-text';
import { createCosmosContainer, purgeContainer } from './cosmos-container';
import { partitionPath } from './cosmos-doc';
import { guard, statusOf } from './cosmos-errors';
import { createCosmosFullText } from './cosmos-full-text';
import { relayContainer } from './cosmos-outbox';
import { compositeIndexes, EXPIRES_AT } from './cosmos-sql';

export type CosmosStoreOptions = {
  endpoint: string;
  key: string;
  database: string;
  clock?: Clock;
  /** For test servers only (for example one with a self-signed certificate); never set globally. */
  agent?: Agent;
  /** Needed for endpoints that advertise addresses they do not serve (the loopback test server). */
  disableEndpointDiscovery?: boolean;
};

function containerRequest(def: ContainerDef) {
  return {
    id: def.name,
    partitionKey: { paths: [partitionPath(def)] },
    // -1 turns TTL on without a default, so a document's own `ttl` applies in every container.
    defaultTtl: def.defaultTtl ?? -1,
    indexingPolicy: {
      indexingMode: 'consistent' as const,
      automatic: true,
      includedPaths: [{ path: '/*' }],
      excludedPaths: [{ path: '/"_etag"/?' }],
      compositeIndexes: compositeIndexes(def.indexes),
    },
  };
}

const compositeKey = (indexes: readonly (readonly { path?: string; order?: string }[])[] | undefined) =>
  (indexes ?? [])
    .map((ix) => ix.map((p) => `${p.path}:${p.order ?? 'ascending'}`).join(','))
    .sort()
    .join('|');

function sameSettings(existing: ContainerDefinition, wanted: ReturnType<typeof containerRequest>): boolean {
  return (
    (existing.defaultTtl ?? null) === wanted.defaultTtl &&
    compositeKey(existing.indexingPolicy?.compositeIndexes) ===
      compositeKey(wanted.indexingPolicy.compositeIndexes)
  );
}

export function createCosmosStore(opts: CosmosStoreOptions): DocumentStore {
  const clock = opts.clock ?? systemClock;
  const client = new CosmosClient({
    endpoint: opts.endpoint,
    key: opts.key,
    ...(opts.agent ? { agent: opts.agent } : {}),
    connectionPolicy: { enableEndpointDiscovery: !opts.disableEndpointDiscovery },
  });
  let database: Database | undefined;
  const defs = new Map<string, { def: ContainerDef; sdk: SdkContainer }>();
  const containers = new Map<string, Container<BaseDoc>>();
  let stopPurge: (() => void) | undefined;
  const containerOf = (name: string): Container<BaseDoc> => {
    const existing = containers.get(name);
    if (existing) return existing;
    const entry = defs.get(name);
    if (!entry) throw new StoreError('invalid', `Container ${name} was not declared in init()`);
    if (entry.def.fullText) throw new StoreError('invalid', `${name} is a full-text index: use fullText()`);
    const created = createCosmosContainer<BaseDoc>(entry.sdk, entry.def, clock, containerOf);
    containers.set(name, created);
    return created;
  };

  const indexes = new Map<string, FullTextIndex>();
  const fullTextOf = (name: string): FullTextIndex => {
    const existing = indexes.get(name);
    if (existing) return existing;
    const entry = defs.get(name);
    if (!entry?.def.fullText) {
      throw new StoreError('invalid', `Full-text index ${name} was not declared in init()`);
    }
    const created = createCosmosFullText(entry.sdk, entry.def, clock);
    indexes.set(name, created);
    return created;
  };

  const purgeExpired = () =>
    guard(async () => {
      let total = 0;
      for (const { def, sdk } of defs.values()) total += await purgeContainer(sdk, def, clock);
      return total;
    });

  return {
    driver: 'cosmos',
    init: (newDefs) =>
      guard(async () => {
        for (const def of newDefs) {
          assertContainerName(def.name);
          for (const field of [...def.partitionKey, ...(def.indexes ?? []).flat()]) assertField(field);
          if (def.partitionKey.length === 0)
            throw new StoreError('invalid', `${def.name} needs a partition key`);
          if (def.partitionKey.includes(EXPIRES_AT))
            throw new StoreError('invalid', `${EXPIRES_AT} is reserved`);
        }
        database ??= (await client.databases.createIfNotExists({ id: opts.database })).database;
        const db = database;
        for (const def of newDefs) {
          const request = containerRequest(def);
          const { container, resource } = await db.containers.createIfNotExists(request);
          const existingPath = resource?.partitionKey?.paths?.[0];
          if (existingPath !== undefined && existingPath !== request.partitionKey.paths[0]) {
            throw new StoreError(
              'invalid',
              `${def.name} exists with partition key ${existingPath}, not ${partitionPath(def)}`,
            );
          }
          // A catalogue change (new index, other TTL) must reach containers created by an older release.
          if (resource && !sameSettings(resource, request)) await container.replace(request);
          defs.set(def.name, { def, sdk: container });
          containers.delete(def.name);
          indexes.delete(def.name);
        }
        stopPurge ??= startPurgeTimer(purgeExpired);
      }),
    declared: () => [...defs.values()].map((entry) => entry.def),
    container: <T extends BaseDoc>(name: string) => containerOf(name) as unknown as Container<T>,
    fullText: fullTextOf,
    purgeExpired,
    relayOutbox: (options) =>
      guard(async () => {
        const cutoff = clock() - (options?.minAgeMs ?? 5000);
        let total = 0;
        for (const { sdk } of defs.values()) total += await relayContainer(sdk, containerOf, cutoff);
        return total;
      }),
    account: () =>
      guard(async () => {
        const { resource } = await client.getDatabaseAccount();
        if (!resource) throw new StoreError('unavailable', 'The account did not describe itself');
        return {
          writableRegions: resource.writableLocations.map((location) => location.name),
          readableRegions: resource.readableLocations.map((location) => location.name),
          multipleWriteRegions: resource.enableMultipleWritableLocations,
          consistency: String(resource.consistencyPolicy),
        };
      }),
    ping: () =>
      guard(async () => {
        try {
          await client.database(opts.database).read();
        } catch (error) {
          // A missing database still proves the engine answers.
          if (statusOf(error) !== 404) throw error;
        }
      }),
    async close() {
      stopPurge?.();
      stopPurge = undefined;
      client.dispose();
    },
  };
}
