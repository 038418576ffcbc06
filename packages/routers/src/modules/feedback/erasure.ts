import type { Subscriber } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import type { BlobService } from '../blob/service';
import type { FeedbackRepository } from './repository';

const PAGE = 100;

/**
 * A deleted user's feedback goes with them: each entry and its screenshot. The weekly NPS rollups stay, since
 * they are counts that name nobody. Screenshots are deleted before their entry, so a crash in between leaves an
 * entry the redelivered event finds again rather than an orphaned image nothing points at.
 */
export const feedbackUserErasure = (deps: {
  repo: FeedbackRepository;
  blobs: Pick<BlobService, 'delete'>;
}): Subscriber<'user.deleted'> => ({
  name: 'feedback-user-erasure',
  events: ['user.deleted'],
  description: "Deletes a deleted user's feedback entries and their screenshots (NPS week counts stay).",
  handle: async (event) => {
    const { productId, actorId } = event;
    for (;;) {
      const page = await deps.repo.list(productId, { userId: { eq: event.data.userId } }, PAGE);
      if (page.items.length === 0) return;
      for (const entry of page.items) {
        if (entry.screenshot) {
          await deps.blobs
            .delete(productId, entry.screenshot, actorId ?? 'system')
            .catch((error: unknown) => {
              if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
            });
        }
        await deps.repo.remove(productId, entry.id);
      }
    }
  },
});
