import type { BaseDoc, BatchOperation, Container, Stored } from '@bytelyst/db/document-store';

/**
 * Group commit for one container: writes requested in the same turn of the event loop (and those that arrive
 * while a flush is running) go to the store as transactional batches of up to 100 per partition. At low load
 * a write waits for no timer; under load one transaction carries many writes. When a batch fails (one
 * conflicting create, one stale etag) its operations are retried one by one, so each caller gets its own
 * outcome and no write is lost to a neighbour's error.
 */

type Op<T extends BaseDoc> =
  | { op: 'create'; doc: T }
  | { op: 'replace'; doc: T; ifMatch: string | undefined };

type Pending<T extends BaseDoc> = {
  op: Op<T>;
  resolve: (doc: Stored<T>) => void;
  reject: (error: unknown) => void;
};

const BATCH_LIMIT = 100;

export type WriteBatcher<T extends BaseDoc> = {
  create(doc: T): Promise<Stored<T>>;
  replace(doc: T, ifMatch?: string): Promise<Stored<T>>;
  /** Resolves when every write requested so far has been attempted. */
  idle(): Promise<void>;
};

export const createWriteBatcher = <T extends BaseDoc>(container: () => Container<T>): WriteBatcher<T> => {
  let queue: Pending<T>[] = [];
  let flushing: Promise<void> | null = null;
  let scheduled = false;

  const single = async (item: Pending<T>) => {
    const c = container();
    try {
      const { op } = item;
      item.resolve(
        op.op === 'create'
          ? await c.create(op.doc)
          : await c.replace(op.doc, op.ifMatch ? { ifMatch: op.ifMatch } : {}),
      );
    } catch (error) {
      item.reject(error);
    }
  };

  const runChunk = async (pk: string, chunk: Pending<T>[]) => {
    if (chunk.length === 1) {
      const [only] = chunk;
      if (only) await single(only);
      return;
    }
    const ops: BatchOperation<T>[] = chunk.map(({ op }) =>
      op.op === 'create'
        ? { op: 'create', doc: op.doc }
        : { op: 'replace', doc: op.doc, ...(op.ifMatch ? { ifMatch: op.ifMatch } : {}) },
    );
    let written: Stored<T>[];
    try {
      written = await container().batch(pk, ops);
    } catch {
      for (const item of chunk) await single(item);
      return;
    }
    chunk.forEach((item, i) => {
      const doc = written[i];
      if (doc) item.resolve(doc);
      else item.reject(new Error('batch returned fewer documents than operations'));
    });
  };

  const flush = async () => {
    while (queue.length > 0) {
      const taken = queue;
      queue = [];
      const byPartition = new Map<string, Pending<T>[]>();
      const c = container();
      for (const item of taken) {
        let pk: string;
        try {
          pk = c.partitionKeyOf(item.op.doc);
        } catch (error) {
          item.reject(error);
          continue;
        }
        const list = byPartition.get(pk);
        if (list) list.push(item);
        else byPartition.set(pk, [item]);
      }
      const chunks: Promise<void>[] = [];
      for (const [pk, items] of byPartition) {
        for (let i = 0; i < items.length; i += BATCH_LIMIT) {
          chunks.push(runChunk(pk, items.slice(i, i + BATCH_LIMIT)));
        }
      }
      await Promise.all(chunks);
    }
  };

  const schedule = () => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flushing = flush().finally(() => {
        flushing = null;
        if (queue.length > 0) schedule();
      });
    });
  };

  const enqueue = (op: Op<T>) =>
    new Promise<Stored<T>>((resolve, reject) => {
      queue.push({ op, resolve, reject });
      schedule();
    });

  return {
    create: (doc) => enqueue({ op: 'create', doc }),
    replace: (doc, ifMatch) => enqueue({ op: 'replace', doc, ifMatch }),
    async idle() {
      while (queue.length > 0 || flushing || scheduled) {
        await (flushing ?? new Promise<void>((resolve) => setImmediate(resolve)));
      }
    },
  };
};
