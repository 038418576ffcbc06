import type { BaseDoc, Container, Filter, Stored } from '@bytelyst/db/document-store';

/** A container, or a repository's query over one (the same shape). */
export type KeysetSource<T extends BaseDoc> = Pick<Container<T>, 'query'>;

/** Where a walk stands: the last document it handed out, by the walked field and then id. */
export type KeysetPosition = { value: string; id: string };

export type KeysetPage<T extends BaseDoc> = {
  items: Stored<T>[];
  /** Pass back to get the next page; null once the walk is over. */
  next: KeysetPosition | null;
};

/**
 * One page of the documents with `field < before` (and `where`), in (field, id) order, after `after`. A store
 * continuation cannot be used while the walk deletes what it reads (the Cosmos driver's cursor counts the items
 * it skips, so a deletion moves it past a document it never handed out), and re-reading the first page only works
 * while every match is deleted: a document kept (a legal hold, a write that changed it since it was read) would
 * come back forever. The position here is a value, so deletions behind it change nothing; ties on `field` (a
 * telemetry batch shares its `receivedAt`) are finished by id before the walk moves past them. `field` must be
 * indexed alone in the container (`indexes: [[field]]`), as ordering needs on both drivers.
 */
export const keysetPage = async <T extends BaseDoc>(
  container: KeysetSource<T>,
  opts: {
    field: string;
    before: string;
    where?: Filter<T>;
    partitionKey?: string;
    after: KeysetPosition | null;
    limit: number;
  },
): Promise<KeysetPage<T>> => {
  const base = { ...(opts.partitionKey ? { partitionKey: opts.partitionKey } : {}) };
  const orderBy = [{ field: opts.field as keyof T & string, direction: 'asc' as const }];
  const where = (extra: Filter<T>): Filter<T> => ({ ...opts.where, ...extra }) as Filter<T>;
  const items: Stored<T>[] = [];
  if (opts.after) {
    const ties = await container.query({
      ...base,
      where: where({ [opts.field]: { eq: opts.after.value }, id: { gt: opts.after.id } } as Filter<T>),
      orderBy,
      limit: opts.limit,
    });
    items.push(...ties.items);
  }
  if (items.length < opts.limit) {
    const range = opts.after ? { gt: opts.after.value, lt: opts.before } : { lt: opts.before };
    const rest = await container.query({
      ...base,
      where: where({ [opts.field]: range } as Filter<T>),
      orderBy,
      limit: opts.limit - items.length,
    });
    items.push(...rest.items);
  }
  const last = items.at(-1);
  const value = last ? (last as Record<string, unknown>)[opts.field] : undefined;
  return {
    items,
    next: items.length === opts.limit && last && typeof value === 'string' ? { value, id: last.id } : null,
  };
};
