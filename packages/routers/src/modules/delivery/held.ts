import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { isoNow } from '../../lib/time';
import { type DeliveryDoc, type DeliveryRepository, partitionOf } from './repository';

/** The id of a product's maintenance hold in `delivery_holds`. */
export const MAINTENANCE_HOLD_ID = 'maintenance';
/**
 * When a message held for maintenance is looked at again. Leaving maintenance releases every such message at
 * once; this only catches one held by a dispatch that raced with the release.
 */
export const MAINTENANCE_RECHECK_MS = 5 * 60_000;
const PAGE = 200;

type Deps = { repo: DeliveryRepository; clock: Clock; bus: EventBus };

/**
 * Puts a held (or, for a recovery, failed) entry back in the queue and stages its `delivery.requested`; false
 * when it was no longer in that state. A failed entry starts a fresh set of attempts.
 */
export const requeue = async (
  { repo, clock, bus }: Deps,
  doc: DeliveryDoc,
  from: 'held' | 'failed' = 'held',
): Promise<boolean> => {
  const result = await repo.log.mutate(
    doc.productId,
    doc.id,
    (current) => {
      if (current.status !== from) return null;
      const at = isoNow(clock);
      const base = { ...current, status: 'queued' as const, holdUntil: null, updatedAt: at };
      if (from === 'held') return base;
      // The rank rule keeps a status from going down; a retry is the one move that must, so it is spelled out.
      return {
        ...base,
        attempts: 0,
        error: null,
        timeline: [
          ...current.timeline,
          { status: 'queued' as const, at, detail: 'sent again by a recovery' },
        ].slice(-50),
      };
    },
    (next) =>
      bus.stage(
        'delivery.requested',
        {
          deliveryId: next.id,
          partition: partitionOf(next.productId, next.channel, next.month),
          channel: next.channel,
        },
        { productId: next.productId, actorId: null },
      ),
  );
  return result?.changed === true;
};

/**
 * A product's maintenance hold on its non-transactional sends (announcements, reminders, digests): while it is
 * on, the dispatcher holds them with reason `maintenance`; transactional mail (a password reset) still goes.
 * Both calls are idempotent, so the coordinated maintenance switch can run them again after a crash.
 */
export const createMaintenanceHold = (deps: Deps) => {
  const { repo, clock } = deps;
  const isHeld = async (productId: string): Promise<boolean> =>
    (await repo.holds.get(productId, MAINTENANCE_HOLD_ID)) !== undefined;
  return {
    isHeld,
    async hold(productId: string): Promise<{ since: string }> {
      const existing = await repo.holds.get(productId, MAINTENANCE_HOLD_ID);
      if (existing) return { since: existing.since };
      const since = isoNow(clock);
      await repo.holds.upsert({ id: MAINTENANCE_HOLD_ID, productId, since });
      return { since };
    },
    /** Lifts the hold, then sends every message it held (each goes back through the dispatcher). */
    async release(productId: string): Promise<{ released: number }> {
      await repo.holds.delete(productId, MAINTENANCE_HOLD_ID);
      let released = 0;
      for (;;) {
        const page = await repo.log.heldFor(productId, 'maintenance', PAGE);
        let moved = 0;
        for (const doc of page.items) if (await requeue(deps, doc)) moved += 1;
        released += moved;
        if (page.items.length < PAGE || moved === 0) return { released };
      }
    },
  };
};

export type MaintenanceHold = ReturnType<typeof createMaintenanceHold>;

/**
 * Re-queues held entries whose hold has ended; each goes back through the dispatcher. One held for maintenance
 * whose product is still in maintenance only gets a later look. Runs during maintenance, so a message held for
 * quiet hours still goes when they end.
 */
export const createReleaseJob = (deps: Deps & { maintenance: MaintenanceHold }): JobDefinition => ({
  name: 'delivery-release-held',
  description: 'Sends messages held for quiet hours or the daily cap once the hold ends.',
  cron: '* * * * *',
  timezone: 'UTC',
  timeoutMs: 60_000,
  missedRunPolicy: 'skip',
  duringMaintenance: true,
  async run() {
    const { repo, clock } = deps;
    const due = await repo.log.dueHeld(isoNow(clock), 500);
    const inMaintenance = new Map<string, boolean>();
    let released = 0;
    for (const doc of due.items) {
      if (doc.holdReason === 'maintenance') {
        const held = inMaintenance.get(doc.productId) ?? (await deps.maintenance.isHeld(doc.productId));
        inMaintenance.set(doc.productId, held);
        if (held) {
          const later = new Date(clock() + MAINTENANCE_RECHECK_MS).toISOString();
          await repo.log.mutate(doc.productId, doc.id, (current) =>
            current.status === 'held' ? { ...current, holdUntil: later } : null,
          );
          continue;
        }
      }
      if (await requeue(deps, doc)) released += 1;
    }
    return { released };
  },
});
