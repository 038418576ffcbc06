import { createHmac } from 'node:crypto';
import { type Clock, isStoreError } from '@bytelyst/db/document-store';
import type { TEmailBrand } from '@bytelyst/emails/brand';
import { checkEmail } from '@bytelyst/emails/checks';
import { renderEmail } from '@bytelyst/emails/render';
import {
  TEMPLATE_META,
  TEMPLATE_NAMES,
  TEMPLATE_PREVIEW_PROPS,
  TEMPLATE_SENDER_SCHEMAS,
  type TemplateName,
} from '@bytelyst/emails/templates';
import type { EventBus } from '@bytelyst/events/bus';
import { z } from 'zod';
import { AppError } from '../../app-error';
import { randomId, safeEqual, sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { Entitlement } from '../billing/entitlements';
import type { DevicesService } from '../notifications/devices-service';
import type { PreferencesService } from '../notifications/preferences-service';
import type { TNotificationType } from '../notifications/schema';
import type { TProduct } from '../products/schema';
import { DELIVERY_CONTAINERS } from './containers';
import {
  type DeliveryDoc,
  type DeliveryRepository,
  type KeyDoc,
  partitionOf,
  type SuppressionDoc,
} from './repository';
import {
  STATUS_RANK,
  type TDeliveryChannel,
  type TDeliveryDetail,
  type TDeliveryListInput,
  type TDeliverySendInput,
  type TDeliverySendResult,
  type TDeliveryStats,
  type TDeliveryStatus,
  type TDeliverySummary,
  type TSegment,
  type TSuppression,
} from './schema';

/** What the service needs from the modules it sits on. */
export type DeliveryNeeds = {
  users: { get(productId: string, id: string): Promise<{ email: string; name: string }> };
  products: { get(id: string): Promise<TProduct> };
  devices: Pick<DevicesService, 'pushTargets' | 'list' | 'ofUser'>;
  preferences: Pick<PreferencesService, 'get' | 'update'>;
  entitlements: { forUser(productId: string, userId: string): Promise<Entitlement> };
};

export type ResolvedDeliveryConfig = {
  fromAddress: string;
  fromName: string | undefined;
  publicBaseUrl: string | undefined;
  appUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
};

const DAY_MS = 86_400_000;

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

const monthOf = (iso: string) => iso.slice(0, 7).replace('-', '');

export const newDeliveryId = (channel: TDeliveryChannel, at: string) =>
  `dlv_${channel === 'email' ? 'e' : 'p'}${monthOf(at)}_${randomId(12)}`;

export const toSummary = (doc: DeliveryDoc): TDeliverySummary => ({
  id: doc.id,
  productId: doc.productId,
  channel: doc.channel,
  userId: doc.userId,
  to: doc.to,
  template: doc.template,
  category: doc.category,
  transactional: doc.transactional,
  status: doc.status,
  provider: doc.provider,
  test: doc.test,
  error: doc.error,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const toDetail = (doc: DeliveryDoc): TDeliveryDetail => ({
  ...toSummary(doc),
  providerMessageId: doc.providerMessageId,
  fellBackFrom: doc.fellBackFrom,
  providerResponse: doc.providerResponse,
  holdUntil: doc.holdUntil,
  holdReason: doc.holdReason,
  attempts: doc.attempts,
  subject: doc.subject,
  html: doc.html,
  text: doc.text,
  push: doc.push,
  timeline: doc.timeline.map(({ status, at, detail }) => ({ status, at, detail })),
});

/** Moves an entry to `status` unless it already reached a higher one; the timeline records it either way. */
export const withStatus = (
  doc: DeliveryDoc,
  status: TDeliveryStatus,
  at: string,
  detail: string | null,
  ref?: string,
): DeliveryDoc => {
  const raise = STATUS_RANK[status] > STATUS_RANK[doc.status];
  return {
    ...doc,
    status: raise ? status : doc.status,
    statusTimes: { ...doc.statusTimes, [status]: doc.statusTimes[status] ?? at },
    timeline: [...doc.timeline, { status, at, detail, ...(ref ? { ref } : {}) }].slice(-50),
    updatedAt: at,
  };
};

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

/** The template's sender props, checked; errors name `props.<field>`. */
const senderProps = (template: TemplateName, props: Record<string, unknown>) => {
  const parsed = TEMPLATE_SENDER_SCHEMAS[template].safeParse({ ...props, template });
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'The template props are invalid', {
      fields: parsed.error.issues.map((issue: z.core.$ZodIssue) => ({
        path: ['props', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data as Record<string, unknown>;
};

const semverParts = (version: string) =>
  version
    .split(/[.+-]/)
    .slice(0, 3)
    .map((part) => Number.parseInt(part, 10) || 0);

export const compareVersions = (a: string, b: string): number => {
  const [x, y] = [semverParts(a), semverParts(b)];
  for (let i = 0; i < 3; i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

export const createDeliveryService = (deps: {
  repo: DeliveryRepository;
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

  const sign = (payload: string) =>
    createHmac('sha256', `${config.secret}:delivery-unsubscribe`).update(payload).digest('base64url');

  /** A one-click link that needs no sign-in: the product, the recipient and the category, signed. */
  const unsubscribeUrl = (productId: string, recipient: string, category: TNotificationType) => {
    if (!config.publicBaseUrl?.startsWith('https://')) return undefined;
    const payload = Buffer.from(JSON.stringify({ p: productId, r: recipient, c: category })).toString(
      'base64url',
    );
    return `${config.publicBaseUrl.replace(/\/$/, '')}/v1/delivery/unsubscribe?token=${payload}.${sign(payload)}`;
  };

  const readUnsubscribeToken = (token: string) => {
    const [payload = '', signature = ''] = token.split('.');
    if (!payload || !signature || !safeEqual(sign(payload), signature)) {
      throw fieldError('token', 'This unsubscribe link is not valid');
    }
    return z
      .object({
        p: z.string(),
        r: z.string(),
        c: z.enum(['security', 'billing', 'product_updates', 'marketing']),
      })
      .parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  };

  const isSuppressed = async (productId: string, email: string) =>
    (await repo.suppressions.get(productId, email.toLowerCase())) !== undefined;

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
    onlyDevices?: readonly string[],
    brand?: TEmailBrand,
  ): Promise<DeliveryDoc[]> => {
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
      const doc = baseDoc(
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
      if (!transactional && (await isSuppressed(productId, to))) {
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
    opts: {
      actorId: string | null;
      test?: boolean;
      onlyDevices?: readonly string[];
      /** A test send's edited brand, instead of the product's. */
      brand?: TEmailBrand;
    } = { actorId: null },
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
    const docs = await plan(productId, input, key, opts.test ?? false, opts.onlyDevices, opts.brand);
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

  const addSuppression = async (
    productId: string,
    email: string,
    reason: SuppressionDoc['reason'],
    detail: string | null,
    deliveryId: string | null,
  ) => {
    const id = email.toLowerCase();
    const existing = await repo.suppressions.get(productId, id);
    if (existing) return;
    await repo.suppressions.upsert({
      id,
      productId,
      email: id,
      reason,
      detail,
      deliveryId,
      createdAt: isoNow(clock),
    });
  };

  /** The users a feature announcement reaches, with their matching devices. */
  const segmentTargets = async (productId: string, segment: TSegment) => {
    const byUser = new Map<string, string[]>();
    let cursor: string | undefined;
    const planOf = new Map<string, string | null>();
    do {
      const page = await needs.devices.list(productId, { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const device of page.items) {
        if (!device.hasPushToken) continue;
        if (segment.platforms?.length && !segment.platforms.includes(device.platform)) continue;
        if (segment.minAppVersion && compareVersions(device.appVersion, segment.minAppVersion) < 0) continue;
        if (segment.maxAppVersion && compareVersions(device.appVersion, segment.maxAppVersion) > 0) continue;
        if (segment.plans?.length) {
          if (!planOf.has(device.userId)) {
            const entitlement = await needs.entitlements.forUser(productId, device.userId);
            planOf.set(device.userId, entitlement.plan?.code ?? null);
          }
          const plan = planOf.get(device.userId);
          if (!plan || !segment.plans.includes(plan)) continue;
        }
        byUser.set(device.userId, [...(byUser.get(device.userId) ?? []), device.deviceId]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return byUser;
  };

  const previewProps = async (productId: string, template: TemplateName) => ({
    ...TEMPLATE_PREVIEW_PROPS[template],
    brand: brandOf(await needs.products.get(productId)),
  });

  /** Renders full props; a ZodError becomes a 400 naming `props.<field>`. */
  const render = async (template: TemplateName, props: Record<string, unknown>) => {
    try {
      return await renderEmail(template, props);
    } catch (error) {
      if (error instanceof z.ZodError) {
        throw new AppError('VALIDATION', 'The template props are invalid', {
          fields: error.issues.map((issue) => ({
            path: ['props', ...issue.path.map(String)].join('.'),
            message: issue.message,
          })),
        });
      }
      throw error;
    }
  };

  return {
    brandOf,
    unsubscribeUrl,
    send,
    get,
    async list(productId: string, input: TDeliveryListInput) {
      const page = await repo.log.list(productId, input);
      return { items: page.items.map(toSummary), nextCursor: page.continuation };
    },
    /** Per UTC day of the last `days`: messages sent, delivered, bounced (or dropped), opened and failed. */
    async stats(productId: string, days: number): Promise<TDeliveryStats> {
      const end = clock();
      const startDay = new Date(end - (days - 1) * DAY_MS).toISOString().slice(0, 10);
      const rows = new Map<string, TDeliveryStats['days'][number]>();
      for (let i = 0; i < days; i += 1) {
        const day = new Date(Date.parse(startDay) + i * DAY_MS).toISOString().slice(0, 10);
        rows.set(day, { day, sent: 0, delivered: 0, bounced: 0, opened: 0, failed: 0 });
      }
      const count = (
        iso: string | undefined,
        field: 'sent' | 'delivered' | 'bounced' | 'opened' | 'failed',
      ) => {
        const row = iso ? rows.get(iso.slice(0, 10)) : undefined;
        if (row) row[field] += 1;
      };
      let continuation: string | undefined;
      do {
        const page = await repo.log.createdBetween(
          productId,
          `${startDay}T00:00:00.000Z`,
          new Date(end + 1).toISOString(),
          continuation,
        );
        for (const doc of page.items) {
          const t = doc.statusTimes;
          count(t.sent, 'sent');
          count(t.delivered, 'delivered');
          count(t.bounced ?? t.dropped, 'bounced');
          count(t.opened ?? t.clicked, 'opened');
          count(t.failed, 'failed');
        }
        continuation = page.continuation ?? undefined;
      } while (continuation);
      const list = [...rows.values()];
      const sum = (field: 'sent' | 'delivered' | 'bounced' | 'opened' | 'failed') =>
        list.reduce((total, row) => total + row[field], 0);
      return {
        days: list,
        totals: {
          sent: sum('sent'),
          delivered: sum('delivered'),
          bounced: sum('bounced'),
          opened: sum('opened'),
          failed: sum('failed'),
        },
      };
    },
    templates: () =>
      TEMPLATE_NAMES.map((name) => ({
        name,
        title: TEMPLATE_META[name].title,
        description: TEMPLATE_META[name].description,
        transactional: TEMPLATE_META[name].transactional,
      })),
    /** Renders a template as the product's mail (its brand), with the local checks; bad props name the field. */
    async preview(productId: string, template: TemplateName, props?: Record<string, unknown>) {
      const full = props ?? (await previewProps(productId, template));
      const rendered = await render(template, full);
      return { ...rendered, props: full, checks: checkEmail(rendered) };
    },
    /** Sends a template (the editor's props, or the preview's) to any address as a test: no preferences apply. */
    async sendTest(
      productId: string,
      input: { template: TemplateName; props?: Record<string, unknown> | undefined; to: string },
      actorId: string,
    ) {
      const full = input.props ?? (await previewProps(productId, input.template));
      await render(input.template, full);
      const { brand, unsubscribeUrl: _u, template: _t, ...own } = full;
      return send(
        productId,
        { template: input.template, to: input.to, props: { ...own, email: input.to }, category: 'security' },
        { actorId, test: true, brand: brand as TEmailBrand },
      );
    },
    async previewSegment(productId: string, segment: TSegment) {
      const targets = await segmentTargets(productId, segment);
      let devices = 0;
      for (const ids of targets.values()) devices += ids.length;
      return { users: targets.size, devices };
    },
    /** One push per matching device, each through the user's preferences, cap and quiet hours. */
    async sendAnnouncement(
      productId: string,
      input: { segment: TSegment; title: string; body: string },
      actorId: string,
    ) {
      const targets = await segmentTargets(productId, input.segment);
      const announcementId = randomId(9);
      let devices = 0;
      let queued = 0;
      for (const [userId, deviceIds] of targets) {
        devices += deviceIds.length;
        const result = await send(
          productId,
          {
            userId,
            category: 'product_updates',
            push: { type: 'feature_announcement', title: input.title, body: input.body },
            idempotencyKey: `announcement:${announcementId}:${userId}`,
          },
          { actorId, onlyDevices: deviceIds },
        );
        queued += result.deliveries.filter((d) => d.status === 'queued').length;
      }
      return { users: targets.size, devices, queued };
    },
    async suppressions(productId: string, limit: number, cursor?: string) {
      const page = await repo.suppressions.list(productId, limit, cursor);
      return {
        items: page.items.map(
          (doc): TSuppression => ({
            email: doc.email,
            reason: doc.reason,
            detail: doc.detail,
            deliveryId: doc.deliveryId,
            createdAt: doc.createdAt,
          }),
        ),
        nextCursor: page.continuation,
      };
    },
    addSuppression,
    async removeSuppression(productId: string, email: string) {
      const deleted = await repo.suppressions.delete(productId, email.toLowerCase());
      if (!deleted) throw new AppError('NOT_FOUND', `${email} is not suppressed`);
      return { deleted };
    },
    isSuppressed,
    /**
     * One-click unsubscribe (RFC 8058): a user's link turns that category's email off in their preferences; an
     * address without an account is suppressed. Answers the same for a repeated click.
     */
    async unsubscribe(token: string) {
      const { p: productId, r: recipient, c: category } = readUnsubscribeToken(token);
      if (category === 'security') throw fieldError('token', 'Security notices cannot be unsubscribed from');
      if (recipient.startsWith('user:')) {
        await needs.preferences.update(productId, recipient.slice('user:'.length), {
          preferences: { [category]: { email: false } },
        });
      } else {
        await addSuppression(productId, recipient, 'unsubscribed', `one-click (${category})`, null);
      }
      return { productId, category };
    },
    segmentTargets,
  };
};

export type DeliveryService = ReturnType<typeof createDeliveryService>;
