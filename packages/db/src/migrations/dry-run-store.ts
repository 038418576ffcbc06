/**
 * The store a migration sees in a dry run: reads go to the real store, writes are counted per container (with
 * a few sample ids) and never made. Because a migration computes its writes from what it reads, running it
 * against this store tells what it would touch. A migration that reads back its own writes sees the data as
 * it was (the writes were not made), so its count is what its first pass would write.
 */

import type {
  BaseDoc,
  BatchOperation,
  Container,
  DocumentStore,
  Mutated,
  MutateOptions,
  Stored,
} from '../document-store';
import { StoreError } from '../document-store';

export type WriteKind = 'create' | 'update' | 'delete';

export type ContainerTouch = {
  container: string;
  creates: number;
  updates: number;
  deletes: number;
  /** The first ids written (at most `sampleSize`), in the order the migration wrote them. */
  sampleIds: string[];
};

export type RecordingStore = DocumentStore & { touches(): ContainerTouch[] };

const fake = <T extends BaseDoc>(doc: T, previous?: Stored<T>): Stored<T> => ({
  ...doc,
  _etag: previous?._etag ?? 'dry-run',
  _ts: previous?._ts ?? 0,
});

export const createRecordingStore = (
  real: DocumentStore,
  opts: { sampleSize?: number } = {},
): RecordingStore => {
  const sampleSize = opts.sampleSize ?? 10;
  const touches = new Map<string, ContainerTouch>();

  const record = (container: string, kind: WriteKind, id: string) => {
    let touch = touches.get(container);
    if (!touch) {
      touch = { container, creates: 0, updates: 0, deletes: 0, sampleIds: [] };
      touches.set(container, touch);
    }
    if (kind === 'create') touch.creates += 1;
    else if (kind === 'update') touch.updates += 1;
    else touch.deletes += 1;
    if (touch.sampleIds.length < sampleSize && !touch.sampleIds.includes(id)) touch.sampleIds.push(id);
  };

  const wrap = <T extends BaseDoc>(inner: Container<T>): Container<T> => {
    const name = inner.def.name;
    // An upsert or a replace of a document that is there is an update; one that is not, a create.
    const writeOf = async (doc: T): Promise<Stored<T>> => {
      const existing = await inner.read(doc.id, inner.partitionKeyOf(doc));
      record(name, existing ? 'update' : 'create', doc.id);
      return fake(doc, existing);
    };
    return {
      def: inner.def,
      partitionKeyOf: (doc) => inner.partitionKeyOf(doc),
      read: (id, pk) => inner.read(id, pk),
      query: (q) => inner.query(q),
      count: (q) => inner.count(q),
      async create(doc) {
        const existing = await inner.read(doc.id, inner.partitionKeyOf(doc));
        if (existing) throw new StoreError('conflict', `${name}: ${doc.id} exists`);
        record(name, 'create', doc.id);
        return fake(doc);
      },
      upsert: (doc) => writeOf(doc),
      async replace(doc) {
        const existing = await inner.read(doc.id, inner.partitionKeyOf(doc));
        if (!existing) throw new StoreError('not_found', `${name}: ${doc.id} not found`);
        record(name, 'update', doc.id);
        return fake(doc, existing);
      },
      async delete(id, pk) {
        const existing = await inner.read(id, pk);
        if (!existing) return false;
        record(name, 'delete', id);
        return true;
      },
      async mutate(id, pk, change, _options?: MutateOptions<T>): Promise<Mutated<T> | undefined> {
        const current = await inner.read(id, pk);
        if (!current) return undefined;
        const next = await change(current);
        if (next === null) return { doc: current, changed: false };
        record(name, 'update', id);
        return { doc: fake(next, current), changed: true };
      },
      async batch(pk, operations: readonly BatchOperation<T>[]) {
        const written: Stored<T>[] = [];
        for (const op of operations) {
          if (op.op === 'delete') {
            if (await inner.read(op.id, pk)) record(name, 'delete', op.id);
          } else {
            const existing = await inner.read(op.doc.id, pk);
            record(name, existing ? 'update' : 'create', op.doc.id);
            written.push(fake(op.doc, existing));
          }
        }
        return written;
      },
      scan: (options) => inner.scan(options),
      async bulkWrite(docs) {
        for (const { doc } of docs) await writeOf(doc);
        return docs.length;
      },
      async clear() {
        let live = 0;
        for await (const page of inner.scan()) {
          for (const { doc } of page) record(name, 'delete', doc.id);
          live += page.length;
        }
        return live;
      },
    };
  };

  const refuse = (what: string) => async (): Promise<never> => {
    throw new StoreError('invalid', `a dry run cannot ${what}`);
  };

  return {
    driver: real.driver,
    declared: () => real.declared(),
    container: <T extends BaseDoc>(name: string) => wrap(real.container<T>(name)),
    init: refuse('create containers'),
    // A migration never writes a full-text index: it is derived data, rebuilt by its owner.
    fullText: (name) => {
      throw new StoreError('invalid', `a dry run cannot reach the full-text index ${name}`);
    },
    purgeExpired: refuse('purge documents'),
    relayOutbox: refuse('relay an outbox'),
    ping: () => real.ping(),
    // The real store belongs to the caller.
    close: async () => {},
    touches: () => [...touches.values()].sort((a, b) => a.container.localeCompare(b.container)),
  };
};
