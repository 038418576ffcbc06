import { type Clock, isStoreError } from '@bytelyst/db/document-store';
import { type TEmailBrand, themedBrand } from '@bytelyst/emails/brand';
import { TEMPLATE_META } from '@bytelyst/emails/templates';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import type { BrandThemes } from '../../lib/brand-themes';
import type { CausedBy } from '../../lib/caused-by';
import { randomId, sha256 } from '../../lib/crypto';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import type { Entitlement } from '../billing/entitlements';
import type { DevicesService } from '../notifications/devices-service';
import type { PreferencesService } from '../notifications/preferences-service';
import type { TProduct } from '../products/schema';
import { createAnnouncements } from './announcements';
import { createAuthoring } from './authoring';
import { DELIVERY_CONTAINERS } from './containers';
import { monthOf, newDeliveryId, toDetail, toSummary, withStatus } from './log-entry';
import { type DeliveryDoc, type DeliveryRepository, type KeyDoc, partitionOf } from './repository';
import type {
  TDeliveryChannel,
  TDeliveryDetail,
  TDeliveryListInput,
  TDeliverySendInput,
  TDeliverySendResult,
} from './schema';
import { sealProps } from './sealed-props';
import { deliveryStats } from './stats';
import { createSuppressions } from './suppressions';
import { senderProps } from './template-props';

/**
 * The delivery service: accepting a message (idempotent, persisted with its events in one commit), reading the
 * log, and the parts built on them (suppressions and unsubscribe, stats, the template workspace,
 * announcements). The dispatcher (dispatcher.ts) sends what it accepts.
 */
export type SendOptions = {
  actorId: string | null;
  test?: boolean;
  /** Only these of the user's devices (an announcement's segment). */
  onlyDevices?: readonly string[];
  /** A test send's edited brand, instead of the product's. */
  brand?: TEmailBrand;
  /**
   * Props that must not be kept in clear (a link carrying a one-time token): sealed in the log entry, opened
   * only to render the mail (sealed-props.ts).
   */
  sealProps?: readonly string[];
  /** The bus event whose subscriber sends this (`causedBy(event, ctx)`), recorded so the event's page shows it. */
  causedBy?: CausedBy;
};

/** What the service needs from the modules it sits on. */
export type DeliveryNeeds = {
  users: { get(productId: string, id: string): Promise<{ email: string; name: string }> };
  products: { get(id: string): Promise<TProduct> };
  devices: Pick<DevicesService, 'pushTargets' | 'list' | 'ofUser'>;
  preferences: Pick<PreferencesService, 'get' | 'update'>;
  entitlements: { forUser(productId: string, userId: string): Promise<Entitlement> };
  /** The product's published theme, whose colours mail is rendered in; absent or null: the plain brand. */
  brandThemes?: BrandThemes;
};

export type ResolvedDeliveryConfig = {
  fromAddress: string;
  fromName: string | undefined;
  publicBaseUrl: string | undefined;
  appUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
};

/** Stable JSON (sorted keys), so the same request always hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

export const createDeliveryService = (deps: {
  repo: DeliveryRepository;
  secretBox: SecretBox;
  clock: Clock;
  bus: EventBus;
  config: ResolvedDeliveryConfig;
  needs: DeliveryNeeds;
}) => {
  const { repo, clock, bus, config, needs } = deps;

  const brandOf = (product: TProduct): TEmailBrand => ({
    productName: product.name,
    ...(product.branding.logoUrl ? { logoUrl: product.branding.logoUrl } : {}),
    accentColor: product.branding.accentColor,
    supportEmail: product.branding.supportEmail ?? config.fromAddress,
    appUrl: product.branding.appUrl ?? config.appUrl,
  });
  /** The brand in the product's published theme, at render time (the theme may be published after a send). */
  const brandFor = async (product: TProduct): Promise<TEmailBrand> =>
    themedBrand(brandOf(product), await needs.brandThemes?.published(product.id));

  const suppressions = createSuppressions({
    repo,
    clock,
    preferences: needs.preferences,
    secret: config.secret,
    publicBaseUrl: config.publicBaseUrl,
  });

  const baseDoc = (
    productId: string,
    channel: TDeliveryChannel,
    at: string,
    fields: Pick<
      DeliveryDoc,
      'userId' | 'to' | 'template' | 'category' | 'transactional' | 'props' | 'push' | 'brand'
    >,
    idempotencyKey: string,
    test: boolean,
  ): DeliveryDoc => ({
    id: newDeliveryId(channel, at),
    productId,
    channel,
    month: monthOf(at),
    ...fields,
    status: 'queued',
    statusTimes: { queued: at },
    timeline: [{ status: 'queued', at, detail: test ? 'test send' : null }],
    provider: null,
    providerMessageId: null,
    fellBackFrom: null,
    providerResponse: null,
    idempotencyKey,
    test,
    subject: null,
    html: null,
    text: null,
    holdUntil: null,
    holdReason: null,
    attempts: 0,
    error: null,
    createdAt: at,
    updatedAt: at,
  });

  /** The log entries one request makes, each already decided: queued, or suppressed / skipped. */
  const plan = async (
    productId: string,
    input: TDeliverySendInput,
    key: string,
    test: boolean,
    opts: SendOptions,
  ): Promise<DeliveryDoc[]> => {
    const { onlyDevices, brand } = opts;
    const at = isoNow(clock);
    const user = input.userId ? await needs.users.get(productId, input.userId) : undefined;
    const allowed = async (channel: 'email' | 'push') => {
      if (!input.userId) return true;
      const { preferences } = await needs.preferences.get(productId, input.userId);
      return preferences[input.category][channel];
    };
    if (input.template) {
      const template = input.template;
      const transactional = test || TEMPLATE_META[template].transactional;
      const props = senderProps(template, {
        ...(user ? { email: user.email, name: user.name } : {}),
        ...(input.to ? { email: input.to } : {}),
        ...input.props,
      });
      const to = String(props.email).toLowerCase();
      const entry = baseDoc(
        productId,
        'email',
        at,
        {
          userId: input.userId ?? null,
          to,
          template,
          category: input.category,
          transactional,
          props,
          push: null,
          brand: brand ?? null,
        },
        key,
        test,
      );
      const doc = { ...entry, ...sealProps(deps.secretBox, entry.id, props, opts.sealProps ?? []) };
      if (!transactional && (await suppressions.isSuppressed(productId, to))) {
        return [withStatus(doc, 'suppressed', at, 'the address is on the suppression list')];
      }
      if (!transactional && !(await allowed('email'))) {
        return [withStatus(doc, 'skipped', at, `the user turned off ${input.category} email`)];
      }
      return [doc];
    }
    const push = input.push as NonNullable<TDeliverySendInput['push']>;
    const targets = (await needs.devices.pushTargets(productId, input.userId as string)).filter(
      (target) => !onlyDevices || onlyDevices.includes(target.deviceId),
    );
    if (targets.length === 0) {
      throw fieldError('userId', 'The user has no device with a push token');
    }
    const optedIn = await allowed('push');
    return targets.map((target) => {
      const doc = baseDoc(
        productId,
        'push',
        at,
        {
          userId: input.userId ?? null,
          to: target.deviceId,
          template: push.type,
          category: input.category,
          transactional: test,
          props: null,
          push,
          brand: null,
        },
        key,
        test,
      );
      return optedIn || test
        ? doc
        : withStatus(doc, 'skipped', at, `the user turned off ${input.category} push`);
    });
  };

  /** The first request's answer for a replay; a different body under the same key is refused. */
  const answerOf = (existing: KeyDoc, requestHash: string): TDeliverySendResult => {
    if (existing.requestHash !== requestHash) {
      throw new AppError('UNPROCESSABLE', 'This Idempotency-Key was used with a different request body', {
        fields: [{ path: 'idempotencyKey', message: 'Already used with a different request' }],
      });
    }
    return { deliveries: existing.result.deliveries, replayed: true };
  };

  /**
   * Accepts one message: records its log entries and their `delivery.requested` events with the key's answer
   * in one commit (the outbox), so a crash keeps all or none; the dispatcher sends them. One idempotency key
   * within 24 hours gives one send: a replay, or a duplicate racing the first, gets the first answer
   * (`replayed`); a different body under the same key is a 422. Acceptance is that single write, so there is
   * no window in which a first request is half accepted.
   */
  const send = async (
    productId: string,
    input: TDeliverySendInput,
    opts: SendOptions = { actorId: null },
  ): Promise<TDeliverySendResult> => {
    const key = input.idempotencyKey ?? `auto:${randomId(12)}`;
    const keyId = sha256(`${productId}\n${key}`).slice(0, 48);
    const { idempotencyKey: _, ...request } = input;
    const requestHash = sha256(
      canonical({ request, test: opts.test ?? false, devices: opts.onlyDevices, brand: opts.brand }),
    );
    if (input.idempotencyKey) {
      // A replay answers from the key alone, even if the request would be planned differently now.
      const existing = await repo.keys.get(productId, keyId);
      if (existing) return answerOf(existing, requestHash);
    }
    const cause = opts.causedBy;
    const docs = (await plan(productId, input, key, opts.test ?? false, opts)).map((doc) =>
      cause ? { ...doc, eventId: cause.eventId, eventSubscriber: cause.subscriber } : doc,
    );
    const deliveries = docs.map((doc) => ({
      id: doc.id,
      channel: doc.channel,
      status: doc.status,
      to: doc.to,
    }));
    let staged: ReturnType<EventBus['stage']> | undefined;
    for (const doc of docs.filter((d) => d.status === 'queued')) {
      const payload = {
        deliveryId: doc.id,
        partition: partitionOf(productId, doc.channel, doc.month),
        channel: doc.channel,
      };
      const options = { productId, actorId: opts.actorId };
      staged = staged
        ? staged.and('delivery.requested', payload, options)
        : bus.stage('delivery.requested', payload, options);
    }
    try {
      await repo.keys.create(
        { id: keyId, productId, requestHash, result: { deliveries }, createdAt: isoNow(clock) },
        {
          entries: [
            ...docs.map((doc) => ({ container: DELIVERY_CONTAINERS.deliveryLog.name, doc })),
            ...(staged?.entries ?? []),
          ],
          ...(staged?.committed ? { committed: staged.committed } : {}),
        },
      );
    } catch (error) {
      // A concurrent request with the same key committed first: its answer is this one's.
      if (!isStoreError(error, 'conflict')) throw error;
      const winner = await repo.keys.get(productId, keyId);
      if (!winner) throw error;
      return answerOf(winner, requestHash);
    }
    return { deliveries, replayed: false };
  };

  const get = async (productId: string, id: string): Promise<TDeliveryDetail> => {
    const doc = await repo.log.get(productId, id);
    if (!doc || doc.productId !== productId) throw new AppError('NOT_FOUND', 'Delivery not found');
    return toDetail(doc);
  };

  return {
    brandOf,
    brandFor,
    send,
    get,
    async list(productId: string, input: TDeliveryListInput) {
      const page = await repo.log.list(productId, input);
      return { items: page.items.map(toSummary), nextCursor: page.continuation };
    },
    stats: (productId: string, days: number) => deliveryStats({ repo, clock }, productId, days),
    ...suppressions,
    ...createAuthoring({ products: needs.products, brandOf: brandFor, send }),
    ...createAnnouncements({ devices: needs.devices, entitlements: needs.entitlements, send }),
  };
};

/** What the parts built on acceptance (authoring, announcements) call. */
export type DeliveryAcceptance = {
  send(productId: string, input: TDeliverySendInput, opts?: SendOptions): Promise<TDeliverySendResult>;
};

export type DeliveryService = ReturnType<typeof createDeliveryService>;
