/**
 * What both drivers build on top of their primitive writes: single writes that carry an outbox go through a
 * one-operation batch (the one place each driver commits an outbox), and `mutate`, the read-apply-replace
 * loop with the etag.
 */
import type {
  BaseDoc,
  BatchOperation,
  Container,
  Mutated,
  MutateOptions,
  Outbox,
  Stored,
} from './document-store';
import { isStoreError, StoreError } from './document-store';
import { assertId } from './driver-common';

export const DEFAULT_MUTATE_ATTEMPTS = 20;

/**
 * Refuses an outbox that could not be written, before anything is: every entry names a declared container
 * (`resolve` throws otherwise) and has a valid id and partition key there.
 */
export function assertOutbox(
  outbox: Outbox | undefined,
  resolve: (name: string) => Pick<Container<BaseDoc>, 'partitionKeyOf'>,
): void {
  for (const entry of outbox?.entries ?? []) {
    assertId(entry.doc.id);
    resolve(entry.container).partitionKeyOf(entry.doc);
  }
}

/** A driver's container before the shared helpers: its single writes never see an outbox. */
export type PrimitiveContainer<T extends BaseDoc> = Omit<Container<T>, 'mutate'>;

/** Runs `committed` of an outbox whose write went through; a throwing callback must not undo the write. */
export function afterCommit(outbox: Outbox | undefined, stored: readonly Stored<BaseDoc>[]): void {
  if (!outbox?.committed) return;
  try {
    outbox.committed(stored);
  } catch {
    // The write and its entries are durable; the callback only speeds up what a poll would find anyway.
  }
}

export function completeContainer<T extends BaseDoc>(base: PrimitiveContainer<T>): Container<T> {
  const single = async (pk: string, op: BatchOperation<T>, outbox: Outbox): Promise<Stored<T>> => {
    const [doc] = await base.batch(pk, [op], { outbox });
    if (!doc) throw new StoreError('invalid', `${base.def.name}: a write returned no document`);
    return doc;
  };

  const container: Container<T> = {
    ...base,
    create: (doc, options) =>
      options?.outbox
        ? single(base.partitionKeyOf(doc), { op: 'create', doc, ttl: options.ttl }, options.outbox)
        : base.create(doc, options),
    upsert: (doc, options) =>
      options?.outbox
        ? single(base.partitionKeyOf(doc), { op: 'upsert', doc, ttl: options.ttl }, options.outbox)
        : base.upsert(doc, options),
    replace: (doc, options) =>
      options?.outbox
        ? single(
            base.partitionKeyOf(doc),
            { op: 'replace', doc, ifMatch: options.ifMatch, ttl: options.ttl },
            options.outbox,
          )
        : base.replace(doc, options),
    async delete(id, pk, options) {
      if (!options?.outbox) return base.delete(id, pk, options);
      try {
        await base.batch(pk, [{ op: 'delete', id, ifMatch: options.ifMatch }], { outbox: options.outbox });
        return true;
      } catch (error) {
        if (isStoreError(error, 'not_found')) return false;
        throw error;
      }
    },
    mutate: (id, pk, change, options) => mutate(container, id, pk, change, options),
  };
  return container;
}

async function mutate<T extends BaseDoc>(
  container: Container<T>,
  id: string,
  pk: string,
  change: (current: Stored<T>) => T | null | Promise<T | null>,
  options: MutateOptions<T> = {},
): Promise<Mutated<T> | undefined> {
  const attempts = options.attempts ?? DEFAULT_MUTATE_ATTEMPTS;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const current = await container.read(id, pk);
    if (!current) return undefined;
    const next = await change(current);
    if (next === null) return { doc: current, changed: false };
    const outbox = options.outbox?.(next, current);
    try {
      const doc = await container.replace(next, {
        ifMatch: current._etag,
        ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
        ...(outbox ? { outbox } : {}),
      });
      return { doc, changed: true };
    } catch (error) {
      if (!isStoreError(error, 'precondition_failed')) throw error;
    }
  }
  throw new StoreError(
    'precondition_failed',
    `${container.def.name}/${id} kept changing under ${attempts} attempts to update it`,
  );
}
