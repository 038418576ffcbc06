/**
 * The transactional outbox on Cosmos, which has no transaction across containers: a batch that carries an
 * outbox also creates one outbox document in its own partition (same transactional batch), holding the
 * entries. Right after the batch the writer moves the entries to their containers and deletes the outbox
 * document; a writer that dies in between leaves it for `relayOutbox`, an indexed poll over every container.
 * Entries are created, never overwritten, so moving one twice is harmless.
 */
import { randomUUID } from 'node:crypto';
import type { JSONObject, OperationInput, Container as SdkContainer } from '@azure/cosmos';
import type { BaseDoc, Clock, Container, ContainerDef, OutboxEntry, Stored } from '../document-store';
import { isStoreError } from '../document-store';
import { partitionField, type RawDoc } from './cosmos-doc';
import { statusOf } from './cosmos-errors';
import { Params } from './cosmos-sql';

/** The property that marks an outbox document; every query of the driver leaves such documents out. */
export const OUTBOX_FIELD = '_outbox';

export type OutboxBody = { at: number; pk: string; entries: OutboxEntry[] };

/** Resolves a declared container by name, as the store does. */
export type ContainerResolver = (name: string) => Container<BaseDoc>;

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = (node[part] ?? {}) as Record<string, unknown>;
    node[part] = next;
    node = next;
  }
  node[parts[parts.length - 1] as string] = value;
};

export type StagedOutbox = { id: string; body: OutboxBody; input: OperationInput };

/** The batch operation that stages `entries` in partition `pk`. */
export function stageOutbox(
  def: ContainerDef,
  pk: string,
  entries: readonly OutboxEntry[],
  clock: Clock,
): StagedOutbox {
  const id = `${OUTBOX_FIELD}:${randomUUID()}`;
  const body: OutboxBody = { at: clock(), pk, entries: [...entries] };
  const doc: Record<string, unknown> = { id, [OUTBOX_FIELD]: body, ttl: -1 };
  setPath(doc, partitionField(def), pk);
  return { id, body, input: { operationType: 'Create', partitionKey: pk, resourceBody: doc as JSONObject } };
}

/** Creates each entry in its container, in order; one that exists already was moved before. */
export async function placeEntries(
  resolve: ContainerResolver,
  entries: readonly OutboxEntry[],
): Promise<Stored<BaseDoc>[]> {
  const stored: Stored<BaseDoc>[] = [];
  for (const entry of entries) {
    const container = resolve(entry.container);
    try {
      stored.push(await container.create(entry.doc, entry.ttl !== undefined ? { ttl: entry.ttl } : {}));
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
      const existing = await container.read(entry.doc.id, container.partitionKeyOf(entry.doc));
      if (existing) stored.push(existing);
    }
  }
  return stored;
}

/** Places the entries of one outbox document, then deletes it. */
export async function finishOutbox(
  sdk: SdkContainer,
  resolve: ContainerResolver,
  outboxId: string,
  body: OutboxBody,
): Promise<Stored<BaseDoc>[]> {
  const stored = await placeEntries(resolve, body.entries);
  try {
    await sdk.item(outboxId, body.pk).delete();
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  return stored;
}

/** One relay pass over a container: finishes up to `limit` outbox documents written before `cutoffMs`. */
export async function relayContainer(
  sdk: SdkContainer,
  resolve: ContainerResolver,
  cutoffMs: number,
  limit = 100,
): Promise<number> {
  const params = new Params();
  const spec = {
    query: `SELECT * FROM c WHERE IS_DEFINED(c.${OUTBOX_FIELD}) AND c.${OUTBOX_FIELD}.at <= ${params.add(cutoffMs)}`,
    parameters: params.list,
  };
  const { resources } = await sdk.items.query<RawDoc>(spec, { maxItemCount: limit }).fetchNext();
  let finished = 0;
  for (const raw of resources) {
    const body = raw[OUTBOX_FIELD] as OutboxBody | undefined;
    if (!body) continue;
    await finishOutbox(sdk, resolve, raw.id, body);
    finished += 1;
  }
  return finished;
}
