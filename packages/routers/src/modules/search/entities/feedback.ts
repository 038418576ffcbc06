import type { TFeedback } from '../../feedback/schema';
import type { FeedbackService } from '../../feedback/service';
import { clip, type SearchEntity } from './entity';

/** Feedback by its words; what a user sent in private goes with their account. */
export const feedbackEntity = (
  feedback: Pick<FeedbackService, 'find' | 'list'>,
): SearchEntity<TFeedback> => ({
  type: 'feedback',
  label: 'Feedback',
  events: ['feedback.submitted', 'feedback.converted', 'feedback.replied', 'feedback.dismissed'],
  recordId: (event) => ('feedbackId' in event.data ? String(event.data.feedbackId) : null),
  find: (productId, id) => feedback.find(productId, id),
  page: (productId, cursor, limit) => feedback.list(productId, { limit: Math.min(limit, 100), cursor }),
  entry: (entry) => ({
    id: entry.id,
    owner: entry.userId,
    primary: entry.title ?? clip(entry.summary, 200),
    secondary: [entry.description, entry.comment, entry.message, ...entry.steps].filter(Boolean).join(' '),
    keys: [entry.id],
    title: clip(entry.title ?? entry.summary, 160),
    subtitle: `${entry.type.replace('_', ' ')} · ${entry.status}`,
    at: entry.createdAt,
    ref: { id: entry.id },
  }),
  ordered: true,
  erasedWithOwner: true,
});
