import { AppError } from '../../app-error';
import type { EndpointsService } from './endpoints';
import { toEndpoint } from './endpoints';
import type { DeliveryEngine } from './engine';
import type { MessagesService } from './messages';
import type { createRecoveryService } from './recovery';

export type WebhooksNeeds = {
  events: {
    get(
      productId: string,
      id: string,
    ): Promise<{ id: string; type: string; at: string; data: Record<string, unknown> }>;
  };
};

/** The module's face: endpoints, messages, recovery and the engine, plus the views that combine them. */
export const createWebhooksService = (parts: {
  endpoints: EndpointsService;
  messages: MessagesService;
  recovery: ReturnType<typeof createRecoveryService>;
  engine: DeliveryEngine;
  needs: WebhooksNeeds;
}) => {
  const { endpoints, messages } = parts;
  return {
    endpoints,
    messages,
    recovery: parts.recovery,
    engine: parts.engine,
    /** Every endpoint with its health from its last 50 attempts. */
    async summaries(productId: string) {
      const docs = await endpoints.list(productId);
      return Promise.all(
        docs.map(async (doc) => ({ ...toEndpoint(doc), health: await messages.health(productId, doc.id) })),
      );
    },
    async summary(productId: string, id: string) {
      const doc = await endpoints.load(productId, id);
      return { ...toEndpoint(doc), health: await messages.health(productId, id) };
    },
    /** Sends a stored event again to every endpoint that subscribes to it now (from /ops/events). */
    async replayEvent(productId: string, eventId: string) {
      const event = await parts.needs.events.get(productId, eventId).catch((error: unknown) => {
        throw error instanceof AppError ? error : new AppError('NOT_FOUND', `Event '${eventId}' not found`);
      });
      return messages.replayEvent(productId, event);
    },
  };
};
