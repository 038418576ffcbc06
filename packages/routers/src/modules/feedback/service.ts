import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { createAdminService } from './admin';
import { type FeedbackRepository, toFeedback } from './repository';
import type { TFeedback } from './schema';
import { createStatsService } from './stats';
import { createSubmitService, type SubmitNeeds } from './submit';

export type FeedbackNeeds = SubmitNeeds;

/** Submissions from the apps, the admins' inbox and the NPS dashboard. */
export const createFeedbackService = (deps: {
  repo: FeedbackRepository;
  clock: Clock;
  bus: EventBus;
  needs: FeedbackNeeds;
}) => {
  const submit = createSubmitService(deps);
  const admin = createAdminService(deps);
  const stats = createStatsService(deps);
  return {
    create: submit.create,
    list: admin.list,
    get: admin.get,
    /** The entry as stored, or undefined (no signed screenshot link, unlike `get`). */
    find: async (productId: string, id: string): Promise<TFeedback | undefined> => {
      const doc = await deps.repo.get(productId, id);
      return doc ? toFeedback(doc) : undefined;
    },
    convert: admin.convert,
    reply: admin.reply,
    dismiss: admin.dismiss,
    nps: stats.nps,
  };
};

export type FeedbackService = ReturnType<typeof createFeedbackService>;
