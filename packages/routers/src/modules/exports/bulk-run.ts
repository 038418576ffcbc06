import { type BatchOperation, type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { BulkOperations, BulkParams } from './bulk';
import { BULK_PAGE } from './config';
import { type Hold, Stopped } from './hold';
import { type ExportsRepository, type ItemDoc, itemId, type JobCounts, type JobDoc } from './repository';

export type BulkRunDeps = { bulk: BulkOperations; bus: EventBus; clock: Clock; repo: ExportsRepository };

/**
 * Runs a bulk job in two phases, each resumable after a crash. `select` writes the selection down as item
 * documents, a page at a time, each page in one batch with the job's cursor, so the items are fixed before
 * anything changes (what the dry run counted is what gets applied, even when the change moves items out of the
 * filter). `apply` takes pending items in order, applies each through the owning service, and commits the
 * page's results with the job's counts in one batch; an item applied just before a crash is found already in
 * its target state on the next run and recorded as skipped.
 */
export const runBulk = async (h: Hold, deps: BulkRunDeps): Promise<void> => {
  const { repo, clock } = deps;
  const params = h.job.filters as BulkParams;
  const productId = h.job.productId;
  const now = () => new Date(clock()).toISOString();

  /** Commits item writes with the job's next state; a cancel that came between still gets the results. */
  const commit = async (writes: BatchOperation<ItemDoc>[], patch: (job: JobDoc) => Partial<JobDoc>) => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const job = h.job;
      const next: JobDoc = {
        ...withoutSystemFields(job),
        ...patch(job),
        leaseUntil: h.leaseUntil(),
        updatedAt: now(),
      };
      const saved = await repo.commitWithItems(next, job._etag, writes);
      if (saved) {
        h.set(saved);
        return;
      }
      const fresh = await repo.get(productId, job.id);
      if (!fresh || fresh.holder !== job.holder) throw new Stopped('lost');
      if (fresh.status === 'cancelled') {
        // Recorded on the cancelled job, which keeps its status: these items did change.
        const counted = { ...patch(fresh), status: fresh.status, phase: fresh.phase };
        await repo.commitWithItems(
          { ...withoutSystemFields(fresh), ...counted, updatedAt: now() },
          fresh._etag,
          writes,
        );
        throw new Stopped('cancelled');
      }
      h.set(fresh);
    }
    throw new Stopped('lost');
  };

  while (h.job.phase === 'select') {
    h.checkRunning();
    const page = await deps.bulk.select(productId, params, h.job.cursor, BULK_PAGE);
    const first = h.job.selected;
    const writes: BatchOperation<ItemDoc>[] = page.targets.map((target, i) => ({
      op: 'create',
      doc: {
        id: itemId(h.job.id, first + i),
        productId,
        kind: 'item',
        jobId: h.job.id,
        seq: first + i,
        targetId: target.id,
        label: target.label,
        state: 'pending',
        message: null,
        updatedAt: now(),
      },
    }));
    await commit(writes, (job) => ({
      selected: job.selected + writes.length,
      cursor: page.cursor,
      ...(page.cursor ? {} : { phase: 'apply' as const, estimatedTotal: job.selected + writes.length }),
    }));
  }

  const actor = { userId: h.job.createdBy, roles: h.job.actorRoles };
  for (;;) {
    h.checkRunning();
    await h.refresh();
    const pending = (await repo.pendingItems(productId, h.job.id, BULK_PAGE)).items;
    if (pending.length === 0) break;
    const added: JobCounts = { done: 0, skipped: 0, failed: 0 };
    const writes: BatchOperation<ItemDoc>[] = [];
    for (const item of pending) {
      const result = await deps.bulk.apply(productId, params, actor, item);
      added[result.state] += 1;
      writes.push({
        op: 'replace',
        doc: { ...withoutSystemFields(item), ...result, label: result.label ?? item.label, updatedAt: now() },
      });
    }
    await commit(writes, (job) => ({
      processed: job.processed + pending.length,
      counts: sum(job.counts, added),
    }));
  }

  const job = h.job;
  const counts = job.counts ?? { done: 0, skipped: 0, failed: 0 };
  await h.update({ status: 'completed', holder: null, phase: null, finishedAt: now() }, (next) =>
    deps.bus
      .stage(
        'export.completed',
        { jobId: next.id, kind: 'bulk', type: next.type, rows: next.processed, bytes: 0 },
        { productId, actorId: null },
      )
      // The audit log's one entry for the whole operation, with its item count.
      .and(
        'admin.action',
        {
          actorId: next.createdBy,
          actorEmail: next.requestedBy.email,
          actorTokenId: next.requestedBy.tokenId,
          action: `bulk.${next.type}`,
          targetType: 'bulk_operation',
          targetId: next.id,
          requestId: next.requestedBy.requestId,
          ip: next.requestedBy.ip,
          impersonatedBy: null,
          details: {
            items: next.processed,
            ...counts,
            ...(params.operation === 'users.setStatus' ? { status: params.status } : {}),
            selection: params.selection.ids ? 'ids' : 'filter',
          },
        },
        { productId, actorId: next.createdBy },
      ),
  );
};

const sum = (a: JobCounts | null, b: JobCounts): JobCounts => ({
  done: (a?.done ?? 0) + b.done,
  skipped: (a?.skipped ?? 0) + b.skipped,
  failed: (a?.failed ?? 0) + b.failed,
});
