import type { Subscriber } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import type { UsageService } from '../billing/usage/service';
import type { BlobService } from '../blob/service';
import type { MemoryRepository } from './repository';
import { MEMORY_USAGE_METRIC, type MemoryService } from './service';

const PAGE = 100;
const ATTACHMENTS = 'attachments';

const ignoreMissing = (error: unknown) => {
  if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
};

/**
 * Files go after the item that pointed at them: a deleted item's attachment, a replaced or removed one. A crash
 * in between leaves the event, whose redelivery deletes the file, never an item pointing at a missing file.
 */
export const attachmentCleanup = (deps: {
  blobs: Pick<BlobService, 'delete'>;
}): Subscriber<'memory.deleted' | 'memory.updated'> => ({
  name: 'memory.attachment-cleanup',
  events: ['memory.deleted', 'memory.updated'],
  description: 'Deletes the file of a deleted memory item, or the one an edit replaced or removed.',
  handle: async (event) => {
    const key = event.type === 'memory.deleted' ? event.data.attachmentKey : event.data.removedAttachmentKey;
    if (!key) return;
    await deps.blobs
      .delete(event.productId, { container: ATTACHMENTS, key }, event.actorId ?? 'system')
      .catch(ignoreMissing);
  },
});

/** Each saved item counts once (the event id is the idempotency key) under the `memory_items` usage metric. */
export const usageRecorder = (deps: {
  usage: Pick<UsageService, 'record'>;
}): Subscriber<'memory.created'> => ({
  name: 'memory.usage',
  events: ['memory.created'],
  description:
    'Counts each saved memory item under the memory_items usage metric (quotas, analytics activity).',
  handle: async (event, ctx) => {
    await deps.usage
      .record(
        event.productId,
        { userId: event.data.userId, roles: [] },
        { metric: MEMORY_USAGE_METRIC, quantity: 1, idempotencyKey: ctx.idempotencyKey },
      )
      .catch(ignoreMissing);
  },
});

/** A deleted user's memory items go with them, each with `memory.deleted` (and so its attachment). */
export const memoryUserErasure = (deps: {
  repo: MemoryRepository;
  service: Pick<MemoryService, 'remove'>;
}): Subscriber<'user.deleted'> => ({
  name: 'memory-user-erasure',
  events: ['user.deleted'],
  description: "Deletes a deleted user's memory items and, through memory.deleted, their attachments.",
  handle: async (event) => {
    for (;;) {
      const page = await deps.repo.list(event.productId, { userId: { eq: event.data.userId } }, PAGE);
      if (page.items.length === 0) return;
      for (const doc of page.items) {
        await deps.service.remove(event.productId, doc, 'user_deleted', event.actorId);
      }
    }
  },
});
