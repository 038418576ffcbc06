import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import type { DeliveryService } from '../delivery/service';
import type { FeedbackRepository } from './repository';

const EXCERPT_MAX = 500;

/**
 * Mails each admin reply to the user through delivery (the `feedback-reply` template, transactional: it
 * answers something the user did). The idempotency key is the event's, so a redelivery sends nothing twice.
 */
export const replyMailSubscriber = (deps: {
  repo: FeedbackRepository;
  delivery: Pick<DeliveryService, 'send'>;
  appUrl: (productId: string) => Promise<string>;
}): Subscriber<'feedback.replied'> => ({
  name: 'feedback.reply-mail',
  events: ['feedback.replied'],
  description: "Mails an admin's reply to the user who sent the feedback (feedback-reply template).",
  async handle(event: PlatformEvent<'feedback.replied'>, ctx: HandlerContext) {
    const doc = await deps.repo.get(event.productId, event.data.feedbackId);
    const reply = doc?.replies.find((r) => r.id === event.data.replyId);
    if (!doc || !reply) return;
    const words = doc.description ?? doc.title ?? doc.comment ?? doc.message ?? '';
    try {
      await deps.delivery.send(
        event.productId,
        {
          userId: doc.userId,
          template: 'feedback-reply',
          category: 'product_updates',
          props: {
            feedbackType: doc.type,
            submittedAt: doc.createdAt,
            excerpt: words.length > EXCERPT_MAX ? `${words.slice(0, EXCERPT_MAX - 1)}…` : words,
            reply: reply.message,
            openUrl: await deps.appUrl(event.productId),
          },
          idempotencyKey: ctx.idempotencyKey,
        },
        { actorId: event.actorId, causedBy: causedBy(event, ctx) },
      );
    } catch (error) {
      // The user was deleted since: there is no one to write to.
      if (error instanceof AppError && error.code === 'NOT_FOUND') return;
      throw error;
    }
  },
});
