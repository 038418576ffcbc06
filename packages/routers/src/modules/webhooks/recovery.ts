import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { EndpointsService } from './endpoints';
import type { MessagesService } from './messages';
import { monthsBetween, type RecoveryDoc, type WebhooksRepository } from './repository';
import type { TWebhookMessageStatus, TWebhookRecovery } from './schema';

const PAGE = 200;
/** What `run` sends again: neither succeeded nor waiting for an attempt already. */
const RECOVERABLE = ['failed', 'retrying'] as const satisfies TWebhookMessageStatus[];

const toRecovery = (doc: RecoveryDoc): TWebhookRecovery => {
  const {
    productId: _p,
    cursor: _c,
    createdBy: _b,
    ...rest
  } = withoutSystemFields(doc as RecoveryDoc & { _etag?: string });
  return rest;
};

/**
 * Recover since T (Svix's recover, without its 14-day and 10,000-message caps): every message to an endpoint
 * since T that did not succeed is sent again, oldest first, one after another, page by page. The request commits the run's
 * document with `webhook.recovery_requested`; the subscriber does the work and records its cursor after each
 * page, so a run cut short by a crash resumes where it was when the bus delivers the event again.
 */
export const createRecoveryService = (deps: {
  repo: WebhooksRepository;
  clock: Clock;
  bus: EventBus;
  endpoints: EndpointsService;
  messages: MessagesService;
}) => {
  const { repo, clock, bus } = deps;

  const run = async (productId: string, recoveryId: string) => {
    const doc = await repo.getRecovery(productId, recoveryId);
    if (doc?.status !== 'running') return;
    const months = monthsBetween(doc.since, isoNow(clock));
    let { month: m, continuation } = doc.cursor;
    let { scanned, queued } = doc;
    while (m < months.length) {
      const page = await repo.messagesOfMonth(
        doc.endpointId,
        months[m] ?? '',
        { since: doc.since },
        { direction: 'asc', limit: PAGE, continuation },
      );
      for (const message of page.items) {
        if (message.productId !== productId) continue;
        scanned += 1;
        // Waiting or in flight already: it will be attempted anyway.
        if (!(RECOVERABLE as readonly string[]).includes(message.status)) continue;
        // One at a time, so the endpoint gets them oldest first.
        if (await deps.messages.requeue(message, 'recover', message.eventAt, { wait: true })) queued += 1;
      }
      if (page.continuation) continuation = page.continuation;
      else {
        m += 1;
        continuation = null;
      }
      const progress = { scanned, queued, cursor: { month: m, continuation } };
      const saved = await repo.mutateRecovery(productId, recoveryId, (current) => ({
        ...withoutSystemFields(current),
        ...progress,
      }));
      if (!saved) return;
    }
    await repo.mutateRecovery(productId, recoveryId, (current) => ({
      ...withoutSystemFields(current),
      status: 'done',
      finishedAt: isoNow(clock),
    }));
  };

  const subscriber: Subscriber<'webhook.recovery_requested'> = {
    name: 'webhooks.recover',
    events: ['webhook.recovery_requested'],
    description:
      'Queues again every message to an endpoint since a time that did not succeed, in order, with progress.',
    timeoutMs: 10 * 60_000,
    async handle(event) {
      try {
        await run(event.productId, event.data.recoveryId);
      } catch (error) {
        await repo.mutateRecovery(event.productId, event.data.recoveryId, (current) => ({
          ...withoutSystemFields(current),
          error: error instanceof Error ? error.message : String(error),
        }));
        throw error;
      }
    },
  };

  return {
    subscriber,
    /**
     * What a recovery since T would send again, per endpoint: the messages that did not succeed and are not
     * waiting (the ones `run` requeues), counted one endpoint's month (one partition) at a time.
     */
    async preview(productId: string, since: string) {
      const sinceIso = new Date(since).toISOString();
      const months = monthsBetween(sinceIso, isoNow(clock));
      const items: { endpointId: string; url: string; messages: number }[] = [];
      for (const endpoint of await deps.endpoints.list(productId)) {
        let messages = 0;
        for (const month of months) {
          messages += await repo.countOfMonth(endpoint.id, month, sinceIso, RECOVERABLE);
        }
        items.push({ endpointId: endpoint.id, url: endpoint.url, messages });
      }
      return items;
    },
    async start(
      productId: string,
      endpointId: string,
      since: string,
      actorId: string,
    ): Promise<TWebhookRecovery> {
      await deps.endpoints.load(productId, endpointId);
      const sinceIso = new Date(since).toISOString();
      if (Date.parse(sinceIso) > clock()) {
        throw new AppError('VALIDATION', 'since is in the future', {
          fields: [{ path: 'since', message: 'Must be a time in the past' }],
        });
      }
      const id = `rcv_${randomId(9)}`;
      const doc: RecoveryDoc = {
        id,
        productId,
        endpointId,
        since: sinceIso,
        status: 'running',
        scanned: 0,
        queued: 0,
        error: null,
        createdAt: isoNow(clock),
        finishedAt: null,
        cursor: { month: 0, continuation: null },
        createdBy: actorId,
      };
      const created = await repo.createRecovery(
        doc,
        bus.stage(
          'webhook.recovery_requested',
          { recoveryId: id, endpointId, since: sinceIso },
          { productId, actorId },
        ),
      );
      return toRecovery(created);
    },
    async get(productId: string, id: string): Promise<TWebhookRecovery> {
      const doc = await repo.getRecovery(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `Recovery '${id}' not found`);
      return toRecovery(doc);
    },
    async list(productId: string, endpointId: string) {
      return { items: (await repo.listRecoveries(productId, endpointId)).map(toRecovery) };
    },
  };
};
