import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import { randomId, sha256 } from '../../lib/crypto';
import type { SecretBox } from '../../lib/secret-box';
import { DAY_MS, isoNow } from '../../lib/time';
import type { DeliveryService } from '../delivery/service';
import { CONFIRM_MAILS_PER_DAY, CONFIRM_TTL_MS } from './config';
import type { StatusRepository, SubscriberDoc } from './repository';

/**
 * Email subscribers of the status page (Uptime Kuma's most asked-for feature): double opt-in (a confirmation
 * link, valid 48 hours, before anything else is mailed), one-click unsubscribe from every notice, and the notices
 * themselves through delivery (transactional: they go during maintenance too, when they matter most).
 */

const NOTICE_EVENTS = [
  'status.incident.created',
  'status.incident.updated',
  'status.incident.resolved',
  'status.maintenance.scheduled',
  'status.maintenance.started',
  'status.maintenance.completed',
  'status.maintenance.cancelled',
] as const;
type NoticeEvent = PlatformEvent<(typeof NOTICE_EVENTS)[number]>;

const INCIDENT_WORDS = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
} as const;
const MAINTENANCE_WORDS = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const;

const invalidLink = () =>
  new AppError('BAD_REQUEST', 'This link is invalid or has expired', { reason: 'invalid_token' });

const unsubscribeContext = (doc: { productId: string; id: string }) =>
  `status-unsubscribe:${doc.productId}:${doc.id}`;

export const createSubscribersService = (deps: {
  repo: StatusRepository;
  clock: Clock;
  secretBox: SecretBox;
  rateCounters: RateCounters;
  delivery: DeliveryService;
  /** The public page of a product, and its confirm and unsubscribe pages. */
  urls: {
    page(productId: string): string;
    confirm(token: string): string;
    unsubscribe(token: string): string;
  };
}) => {
  const { repo, clock, secretBox } = deps;

  const sendConfirmation = async (doc: SubscriberDoc, token: string) => {
    await deps.delivery.send(
      doc.productId,
      {
        to: doc.email,
        template: 'status-subscription-confirm',
        category: 'product_updates',
        props: { confirmUrl: deps.urls.confirm(token), statusPageUrl: deps.urls.page(doc.productId) },
        idempotencyKey: `status-confirm:${doc.id}:${sha256(token).slice(0, 16)}`,
      },
      // The link carries a one-time token: the delivery log keeps it sealed.
      { actorId: null, sealProps: ['confirmUrl'] },
    );
  };

  return {
    /**
     * Asks for a subscription: a new or lapsed address gets a confirmation link (at most 3 a day); a confirmed
     * one gets nothing. The answer is the same either way, so it says nothing about who subscribes.
     */
    async subscribe(productId: string, email: string): Promise<{ accepted: true }> {
      const id = sha256(`${productId}\n${email}`).slice(0, 32);
      const existing = await repo.subscribers.get(productId, id);
      if (existing?.status === 'active') return { accepted: true };
      const hit = await deps.rateCounters.hit(`status-confirm:${productId}:${id}`, {
        limit: CONFIRM_MAILS_PER_DAY,
        windowMs: DAY_MS,
      });
      if (!hit.allowed) return { accepted: true };
      const token = `stc_${randomId(24)}`;
      const at = isoNow(clock);
      const pending = {
        status: 'pending' as const,
        confirmTokenHash: sha256(token),
        confirmExpiresAt: new Date(clock() + CONFIRM_TTL_MS).toISOString(),
        updatedAt: at,
      };
      let doc: SubscriberDoc | undefined;
      if (existing) {
        doc = (
          await repo.subscribers.mutate(productId, id, (current) =>
            current.status === 'active' ? null : { ...withoutSystemFields(current), ...pending },
          )
        )?.doc;
      } else {
        const unsubscribe = `stu_${randomId(24)}`;
        try {
          doc = await repo.subscribers.create({
            id,
            productId,
            email,
            ...pending,
            unsubscribeTokenHash: sha256(unsubscribe),
            unsubscribeTokenSealed: secretBox.seal(unsubscribe, unsubscribeContext({ productId, id })),
            createdAt: at,
            confirmedAt: null,
            unsubscribedAt: null,
          });
        } catch (error) {
          if (!isStoreError(error, 'conflict')) throw error;
          return { accepted: true };
        }
      }
      if (doc && doc.status === 'pending' && doc.confirmTokenHash === pending.confirmTokenHash) {
        await sendConfirmation(doc, token);
      }
      return { accepted: true };
    },

    /** The confirmation link's token: the address is subscribed from now on. */
    async confirm(token: string): Promise<{ status: 'active'; email: string }> {
      const found = await repo.subscribers.byConfirmHash(sha256(token));
      if (!found?.confirmExpiresAt || Date.parse(found.confirmExpiresAt) <= clock()) throw invalidLink();
      const at = isoNow(clock);
      const mutated = await repo.subscribers.mutate(found.productId, found.id, (current) => {
        if (current.confirmTokenHash !== found.confirmTokenHash) throw invalidLink();
        return {
          ...withoutSystemFields(current),
          status: 'active',
          confirmTokenHash: null,
          confirmExpiresAt: null,
          confirmedAt: at,
          unsubscribedAt: null,
          updatedAt: at,
        };
      });
      if (!mutated) throw invalidLink();
      return { status: 'active', email: mutated.doc.email };
    },

    /** The one-click link of every notice; idempotent. */
    async unsubscribe(token: string): Promise<{ status: 'unsubscribed'; email: string }> {
      const found = await repo.subscribers.byUnsubscribeHash(sha256(token));
      if (!found) throw invalidLink();
      const at = isoNow(clock);
      await repo.subscribers.mutate(found.productId, found.id, (current) =>
        current.status === 'unsubscribed'
          ? null
          : {
              ...withoutSystemFields(current),
              status: 'unsubscribed',
              confirmTokenHash: null,
              confirmExpiresAt: null,
              unsubscribedAt: at,
              updatedAt: at,
            },
      );
      return { status: 'unsubscribed', email: found.email };
    },

    async stats(productId: string) {
      const [active, pending, unsubscribed] = await Promise.all([
        repo.subscribers.count(productId, 'active'),
        repo.subscribers.count(productId, 'pending'),
        repo.subscribers.count(productId, 'unsubscribed'),
      ]);
      return { active, pending, unsubscribed };
    },

    /** Mails each confirmed subscriber the notice of an incident or maintenance event (once per event each). */
    noticeSubscriber: {
      name: 'status.subscriber-notices',
      events: [...NOTICE_EVENTS],
      // Room for many subscribers (each send is one write).
      timeoutMs: 120_000,
      description:
        "Mails the status page's confirmed subscribers a status-notice for incidents (opened, updated, resolved) and maintenance (scheduled, started, completed, cancelled).",
      async handle(event: NoticeEvent, ctx: HandlerContext) {
        const data = event.data;
        if ('incidentId' in data && data.update === null) return; // a postmortem or an edit posts no update
        const props =
          'incidentId' in data
            ? {
                kind: 'incident' as const,
                title: data.title,
                state: INCIDENT_WORDS[data.status],
                message: data.update?.message ?? data.title,
                components: data.components.map((c) => c.name),
                at: data.update?.at ?? event.at,
              }
            : {
                kind: 'maintenance' as const,
                title: data.title,
                state: MAINTENANCE_WORDS[data.status],
                message: data.message,
                components: data.components.map((c) => c.name),
                at: event.at,
                scheduledStart: data.scheduledStart,
                scheduledEnd: data.scheduledEnd,
              };
        let continuation: string | undefined;
        do {
          const page = await repo.subscribers.activePage(event.productId, continuation);
          for (const subscriber of page.items) {
            const token = secretBox.open(subscriber.unsubscribeTokenSealed, unsubscribeContext(subscriber));
            await deps.delivery.send(
              event.productId,
              {
                to: subscriber.email,
                template: 'status-notice',
                category: 'product_updates',
                props: {
                  ...props,
                  statusPageUrl: deps.urls.page(event.productId),
                  unsubscribeLink: deps.urls.unsubscribe(token),
                },
                idempotencyKey: `${ctx.idempotencyKey}:${subscriber.id}`,
              },
              { actorId: null, sealProps: ['unsubscribeLink'], causedBy: causedBy(event, ctx) },
            );
          }
          continuation = page.continuation ?? undefined;
        } while (continuation);
      },
    } satisfies Subscriber<(typeof NOTICE_EVENTS)[number]>,
  };
};

export type SubscribersService = ReturnType<typeof createSubscribersService>;
