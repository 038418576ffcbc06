import type { Clock } from '@bytelyst/db/document-store';
import { listUnsubscribeHeaders, renderEmail } from '@bytelyst/emails/render';
import type { TemplateName } from '@bytelyst/emails/templates';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { EmailStringsSource } from '../../lib/email-strings';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import { type EmailDriver, isEmailProviderError } from './channels/email';
import { type PushDriver, type PushPlatform, PushProviderError, pushDriverServes } from './channels/push';
import { MAINTENANCE_RECHECK_MS, type MaintenanceHold } from './held';
import { inQuietHours, localTime, nextLocalHour, type QuietHours } from './local-time';
import { withStatus } from './log-entry';
import type { DeliveryDoc, DeliveryRepository } from './repository';
import type { THoldReason } from './schema';
import { blankSealed, openProps } from './sealed-props';
import type { DeliveryNeeds, DeliveryService } from './service';

export const DISPATCH_ATTEMPTS = 6;

type Outcome =
  | {
      kind: 'sent';
      provider: string;
      providerMessageId: string | null;
      fellBackFrom: string | null;
      response: string | null;
      rendered?: { subject: string; html: string; text: string };
    }
  | { kind: 'failed'; error: string; response: string | null; transient: boolean; tokenInvalid?: boolean };

export type DispatcherDeps = {
  repo: DeliveryRepository;
  secretBox: SecretBox;
  service: DeliveryService;
  needs: DeliveryNeeds & {
    clearPushToken(productId: string, userId: string, deviceId: string): Promise<unknown>;
  };
  email: EmailDriver;
  push: PushDriver;
  clock: Clock;
  bus: EventBus;
  fromAddress: string;
  fromName: string | undefined;
  quietHours: QuietHours | null;
  dailyCap: number;
  apnsTopic: string | undefined;
  maintenance: Pick<MaintenanceHold, 'isHeld'>;
  /** The recipient's locale and its mail strings; absent: the templates' built-in English. */
  emailStrings?: EmailStringsSource;
};

/** Sends queued entries: the `delivery.requested` subscriber and the job that releases held ones. */
export const createDispatcher = (deps: DispatcherDeps) => {
  const { repo, clock, bus } = deps;

  /** The zone of the push's device; for mail, the user's most recently seen device's; else UTC. */
  const zoneOf = async (doc: DeliveryDoc): Promise<string> => {
    if (!doc.userId) return 'UTC';
    const { items } = await deps.needs.devices.ofUser(doc.productId, doc.userId);
    if (doc.channel === 'push') return items.find((d) => d.deviceId === doc.to)?.timeZone ?? 'UTC';
    const latest = [...items].sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : -1))[0];
    return latest?.timeZone ?? 'UTC';
  };

  const hold = (doc: DeliveryDoc, until: number, reason: THoldReason) =>
    repo.log.mutate(doc.productId, doc.id, (current) =>
      current.status === 'queued'
        ? {
            ...withStatus(
              current,
              'held',
              isoNow(clock),
              reason === 'maintenance'
                ? 'held while the product is in maintenance'
                : `${reason.replace('_', ' ')} until ${new Date(until).toISOString()}`,
            ),
            holdUntil: new Date(until).toISOString(),
            holdReason: reason,
          }
        : null,
    );

  /** Counts the message against the user's local day; false when the cap is reached (idempotent per id). */
  const withinCap = async (doc: DeliveryDoc, zone: string): Promise<boolean> => {
    if (!doc.userId) return true;
    const day = localTime(clock(), zone).day;
    const id = `${doc.userId}:${day}`;
    const existing = await repo.caps.get(doc.productId, id);
    if (!existing) {
      try {
        await repo.caps.create({
          id,
          productId: doc.productId,
          userId: doc.userId,
          day,
          deliveryIds: [doc.id],
        });
        return deps.dailyCap >= 1;
      } catch {
        // Created meanwhile by another send: fall through to the mutate below.
      }
    }
    let admitted = false;
    await repo.caps.mutate(doc.productId, id, (current) => {
      if (current.deliveryIds.includes(doc.id)) {
        admitted = true;
        return null;
      }
      if (current.deliveryIds.length >= deps.dailyCap) {
        admitted = false;
        return null;
      }
      admitted = true;
      return { ...current, deliveryIds: [...current.deliveryIds, doc.id] };
    });
    return admitted;
  };

  const sendEmail = async (doc: DeliveryDoc): Promise<Outcome> => {
    const product = await deps.needs.products.get(doc.productId);
    const recipient = doc.userId ? `user:${doc.userId}` : doc.to;
    const unsubscribeUrl = doc.transactional
      ? undefined
      : deps.service.unsubscribeUrl(doc.productId, recipient, doc.category);
    // Read before the render: a store that cannot answer now fails the attempt as transient, not the mail.
    const strings = await deps.emailStrings?.of(doc.productId, doc.userId ?? null);
    let rendered: { subject: string; html: string; text: string };
    try {
      rendered = await renderEmail(
        doc.template as TemplateName,
        {
          ...openProps(deps.secretBox, doc),
          brand: doc.brand ?? (await deps.service.brandFor(product)),
          ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
        },
        strings,
      );
    } catch (error) {
      return {
        kind: 'failed',
        error: `render: ${(error as Error).message}`,
        response: null,
        transient: false,
      };
    }
    const name = typeof doc.props?.name === 'string' ? doc.props.name : undefined;
    try {
      const sent = await deps.email.send({
        deliveryId: doc.id,
        productId: doc.productId,
        from: {
          email: deps.fromAddress,
          name: product.branding.emailFromName ?? deps.fromName ?? product.name,
        },
        ...(product.branding.supportEmail ? { replyTo: { email: product.branding.supportEmail } } : {}),
        to: { email: doc.to, ...(name ? { name } : {}) },
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: unsubscribeUrl ? listUnsubscribeHeaders(unsubscribeUrl) : {},
        categories: [doc.template, doc.category],
        customArgs: { deliveryId: doc.id, productId: doc.productId },
        ...(doc.test ? { test: true } : {}),
      });
      return {
        kind: 'sent',
        provider: sent.provider,
        providerMessageId: sent.providerMessageId,
        fellBackFrom: sent.fellBackFrom ? `${sent.fellBackFrom.provider}: ${sent.fellBackFrom.error}` : null,
        response: sent.response ?? null,
        // The outbox's copy is the mail itself; a provider's is a record, kept without the sealed values.
        rendered:
          doc.sealedProps && sent.provider !== 'outbox'
            ? {
                subject: rendered.subject,
                html: blankSealed(deps.secretBox, doc, rendered.html),
                text: blankSealed(deps.secretBox, doc, rendered.text),
              }
            : rendered,
      };
    } catch (error) {
      if (!isEmailProviderError(error)) throw error;
      return {
        kind: 'failed',
        error: `${error.provider}: ${error.message}`,
        response: error.response ?? null,
        transient: error.kind === 'transient',
      };
    }
  };

  const sendPush = async (doc: DeliveryDoc): Promise<Outcome> => {
    const push = doc.push;
    if (!push || !doc.userId)
      return { kind: 'failed', error: 'not a push', response: null, transient: false };
    const target = (await deps.needs.devices.pushTargets(doc.productId, doc.userId)).find(
      (t) => t.deviceId === doc.to,
    );
    if (!target) {
      return {
        kind: 'failed',
        error: 'the device no longer has a push token',
        response: null,
        transient: false,
      };
    }
    const platform = target.platform as PushPlatform;
    if (!pushDriverServes(deps.push.name, platform)) {
      return {
        kind: 'failed',
        error: `PUSH_DRIVER=${deps.push.name} does not reach ${platform} devices`,
        response: null,
        transient: false,
      };
    }
    try {
      const sent = await deps.push.send({
        deliveryId: doc.id,
        token: target.pushToken,
        platform,
        ...(deps.apnsTopic ? { topic: deps.apnsTopic } : {}),
        title: push.title,
        body: push.body,
        data: { ...push.data, type: push.type, deliveryId: doc.id },
        collapseKey: push.type,
      });
      return {
        kind: 'sent',
        provider: sent.provider,
        providerMessageId: sent.providerMessageId,
        fellBackFrom: null,
        response: null,
      };
    } catch (error) {
      if (!(error instanceof PushProviderError)) throw error;
      if (error.tokenInvalid) await deps.needs.clearPushToken(doc.productId, doc.userId, doc.to);
      return {
        kind: 'failed',
        error: `${error.provider}: ${error.reason ?? error.message}`,
        response: error.reason ?? null,
        transient: error.kind === 'transient',
        tokenInvalid: error.tokenInvalid,
      };
    }
  };

  const record = (doc: DeliveryDoc, outcome: Outcome, final: boolean) =>
    repo.log.mutate(
      doc.productId,
      doc.id,
      (current) => {
        if (current.status !== 'queued') return null;
        const at = isoNow(clock);
        const attempts = current.attempts + 1;
        if (outcome.kind === 'sent') {
          return {
            ...withStatus(
              current,
              'sent',
              at,
              outcome.fellBackFrom
                ? `sent through ${outcome.provider} after ${outcome.fellBackFrom}`
                : `accepted by ${outcome.provider}`,
            ),
            provider: outcome.provider,
            providerMessageId: outcome.providerMessageId,
            fellBackFrom: outcome.fellBackFrom,
            providerResponse: outcome.response,
            attempts,
            error: null,
            ...(outcome.rendered
              ? {
                  subject: outcome.rendered.subject,
                  html: outcome.rendered.html,
                  text: outcome.rendered.text,
                }
              : {}),
          };
        }
        if (outcome.transient && !final) {
          return {
            ...current,
            attempts,
            error: outcome.error,
            providerResponse: outcome.response,
            updatedAt: at,
          };
        }
        return {
          ...withStatus(current, 'failed', at, outcome.error),
          attempts,
          error: outcome.error,
          providerResponse: outcome.response,
        };
      },
      (next, current) => {
        if (next.status === current.status) return undefined;
        const base = { productId: doc.productId, actorId: null };
        if (next.status === 'sent') {
          return bus.stage(
            'delivery.sent',
            {
              deliveryId: doc.id,
              channel: doc.channel,
              userId: doc.userId,
              template: doc.template,
              provider: next.provider ?? 'unknown',
              fellBack: next.fellBackFrom !== null,
            },
            base,
          );
        }
        return bus.stage(
          'delivery.failed',
          {
            deliveryId: doc.id,
            channel: doc.channel,
            userId: doc.userId,
            template: doc.template,
            error: next.error ?? 'failed',
          },
          base,
        );
      },
    );

  /**
   * One attempt at one entry: held for maintenance, quiet hours or the cap when it must wait, else sent and recorded. A
   * transient failure throws so the bus retries with backoff; the last attempt records `failed` and still
   * throws, so the delivery is dead-lettered with the provider's error.
   */
  const dispatch = async (productId: string, deliveryId: string, attempt: number, maxAttempts: number) => {
    const doc = await repo.log.get(productId, deliveryId);
    if (doc?.status !== 'queued') return;
    if (!doc.transactional) {
      if (await deps.maintenance.isHeld(doc.productId)) {
        await hold(doc, clock() + MAINTENANCE_RECHECK_MS, 'maintenance');
        return;
      }
      const zone = await zoneOf(doc);
      const quiet = deps.quietHours;
      if (quiet && inQuietHours(clock(), zone, quiet)) {
        await hold(doc, nextLocalHour(clock(), zone, quiet.end), 'quiet_hours');
        return;
      }
      if (!(await withinCap(doc, zone))) {
        await hold(doc, nextLocalHour(clock(), zone, 0), 'daily_cap');
        return;
      }
    }
    const outcome = doc.channel === 'email' ? await sendEmail(doc) : await sendPush(doc);
    const final = attempt >= maxAttempts;
    await record(doc, outcome, final);
    if (outcome.kind === 'failed' && outcome.transient) {
      throw new Error(`${deliveryId}: ${outcome.error}${final ? ' (last attempt)' : ''}`);
    }
  };

  const subscriber: Subscriber<'delivery.requested'> = {
    name: 'delivery.dispatch',
    events: ['delivery.requested'],
    description: 'Sends a queued email or push through the configured provider, or holds it for quiet hours.',
    maxAttempts: DISPATCH_ATTEMPTS,
    timeoutMs: 60_000,
    handle: (event, ctx) => dispatch(event.productId, event.data.deliveryId, ctx.attempt, DISPATCH_ATTEMPTS),
  };

  return { dispatch, subscriber };
};
