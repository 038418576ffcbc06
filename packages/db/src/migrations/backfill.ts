import type { BaseDoc, Filter, Stored } from '../document-store';
import type { MigrationContext } from './definition';

export type UpdateEachResult = { matched: number; changed: number };

const PAGE = 500;

/**
 * How a migration rewrites the documents a filter matches: their ids are collected first, then each is changed
 * through `container.mutate` (read, apply, replace under the etag). Collecting first matters because the
 * change usually moves a document out of the filter, which would make a cursor skip the ones behind it.
 * `change` sees the current document and returns the next one, or null when it needs nothing (which is what
 * makes the migration idempotent: a second run finds nothing to change).
 */
export const updateEach = async <T extends BaseDoc>(
  ctx: Pick<MigrationContext, 'store'>,
  containerName: string,
  where: Filter<T>,
  change: (doc: Stored<T>) => T | null,
): Promise<UpdateEachResult> => {
  const container = ctx.store.container<T>(containerName);
  const keys: { id: string; pk: string }[] = [];
  let continuation: string | undefined;
  do {
    const page = await container.query({
      where,
      limit: PAGE,
      ...(continuation ? { continuation } : {}),
    });
    for (const doc of page.items) keys.push({ id: doc.id, pk: container.partitionKeyOf(doc) });
    continuation = page.continuation ?? undefined;
  } while (continuation);
  let changed = 0;
  for (const { id, pk } of keys) {
    const result = await container.mutate(id, pk, change);
    if (result?.changed) changed += 1;
  }
  return { matched: keys.length, changed };
};
