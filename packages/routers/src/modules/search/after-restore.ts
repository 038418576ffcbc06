import type { Subscriber } from '@bytelyst/events/bus';
import { isAppError } from '../../app-error';
import type { Rebuilds } from './rebuild';
import type { TRebuild, TSearchType } from './schema';

/** The job runner's actor for rebuilds a restore asks for, as the scheduler is for the daily backup. */
export const AFTER_RESTORE = 'after-restore';

const covers = (rebuild: TRebuild, types: readonly TSearchType[]) =>
  types.every((type) => rebuild.types.includes(type));

/**
 * Whether `latest` already rebuilds the product from the restored records: queued (it starts after the restore
 * ended), or started or asked for since. Undefined when a rebuild that began before the restore is still running:
 * it read records the restore replaced, so the product waits until it ends.
 */
const settledBy = (
  latest: TRebuild | null,
  types: readonly TSearchType[],
  restoredAt: string,
): boolean | undefined => {
  if (!latest) return false;
  const current = covers(latest, types);
  if (latest.status === 'queued') return current ? true : undefined;
  if (latest.status === 'running') {
    return current && latest.startedAt !== null && latest.startedAt >= restoredAt ? true : undefined;
  }
  return current && latest.requestedAt >= restoredAt;
};

/**
 * The index is derived data that backups leave out (backups/config.ts), so after a restore it still holds the
 * records as they were before it. Once a restore ends, this queues a rebuild of every product's index (one
 * `search-rebuild` run takes them all): entries of records the restore took away are removed, restored ones
 * indexed. A delivery that comes again finds the rebuilds it queued and asks for none.
 */
export const rebuildAfterRestore = (deps: {
  rebuilds: Pick<Rebuilds, 'latest' | 'request'>;
  types: readonly TSearchType[];
  products: () => Promise<readonly string[]>;
}): Subscriber => ({
  name: 'search.rebuild-after-restore',
  events: ['backup.restored'],
  description: "Rebuilds every product's search index from the records a restore wrote back.",
  handle: async (event) => {
    if (event.type !== 'backup.restored') return;
    const waiting: string[] = [];
    for (const productId of await deps.products()) {
      const state = settledBy(await deps.rebuilds.latest(productId), deps.types, event.at);
      if (state === true) continue;
      if (state === undefined) {
        waiting.push(productId);
        continue;
      }
      try {
        await deps.rebuilds.request(productId, deps.types, {
          id: event.actorId ?? AFTER_RESTORE,
          email: AFTER_RESTORE,
        });
      } catch (error) {
        // Another rebuild was asked for meanwhile: judged again on the next delivery.
        if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
        waiting.push(productId);
      }
    }
    // Failing the delivery makes the bus try again later, when the rebuilds in the way have ended.
    if (waiting.length > 0) {
      throw new Error(`A rebuild that began before the restore is still under way in ${waiting.join(', ')}`);
    }
  },
});
