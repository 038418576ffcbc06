import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { EVENT_TIMELINE_CONTAINERS } from './containers';
import type { TRecoveryCounts } from './schema';

export type RecoveryPhase = 'webhooks' | 'notifications' | 'jobs' | 'finished';

export type EventRecoveryDoc = {
  id: string;
  productId: string;
  since: string;
  /** Where the run has got to; a redelivered request resumes there. */
  phase: RecoveryPhase;
  /** Set once every phase of its own has run; the webhook endpoints' runs may still be going. */
  finishedAt: string | null;
  error: string | null;
  preview: TRecoveryCounts;
  webhookRecoveryIds: string[];
  notifications: { failed: number; held: number };
  jobSlots: { done: number; failed: number };
  createdAt: string;
  createdBy: string;
  /** The job runs it starts name the admin who asked. */
  createdByEmail: string;
};

export const createEventRecoveriesRepository = (store: DocumentStore) => {
  const runs = () => store.container<EventRecoveryDoc>(EVENT_TIMELINE_CONTAINERS.eventRecoveries.name);
  return {
    create: (doc: EventRecoveryDoc, outbox: Outbox) => runs().create(doc, { outbox }),
    get: (productId: string, id: string) => runs().read(id, productId),
    mutate: (
      productId: string,
      id: string,
      change: (current: Stored<EventRecoveryDoc>) => EventRecoveryDoc | null,
    ) => runs().mutate(id, productId, change),
    /** The product's latest runs, newest first. */
    async latest(productId: string, limit: number): Promise<Stored<EventRecoveryDoc>[]> {
      const page = await runs().query({
        partitionKey: productId,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
      });
      return page.items;
    },
  };
};

export type EventRecoveriesRepository = ReturnType<typeof createEventRecoveriesRepository>;
