import { z } from 'zod';

/**
 * The typed event catalogue: every event of the roadmap's §2.3 webhook table plus the internal events the
 * modules need. Each entry has a version, a zod payload schema and a description; `public` events are the
 * ones webhook subscribers may choose (§2.3), internal ones stay inside the platform.
 */

type Definition<S extends z.ZodObject> = {
  version: number;
  description: string;
  public: boolean;
  payload: S;
};

const def = <S extends z.ZodObject>(d: Definition<S>): Definition<S> => d;

const id = z.string().min(1);

export const EVENT_DEFINITIONS = {
  // §2.3 webhook catalogue.
  'user.created': def({
    version: 1,
    public: true,
    description: 'A user registered or was created by an admin.',
    payload: z.object({
      userId: id,
      email: z.string(),
      roles: z.array(z.string()),
      /** The billing plan, once billing knows one. */
      plan: z.string().nullable(),
    }),
  }),
  'user.deleted': def({
    version: 1,
    public: true,
    description: 'A user was deleted.',
    payload: z.object({ userId: id }),
  }),
  'subscription.created': def({
    version: 1,
    public: true,
    description: 'A subscription was started (on registration or by an admin).',
    payload: z.object({ subscriptionId: id, userId: id, plan: z.string(), status: z.string() }),
  }),
  'subscription.changed': def({
    version: 1,
    public: true,
    description: "A subscription's plan or status changed.",
    payload: z.object({
      subscriptionId: id,
      oldPlan: z.string(),
      newPlan: z.string(),
      status: z.string(),
    }),
  }),
  'subscription.canceled': def({
    version: 1,
    public: true,
    description: 'A subscription was canceled by its user or by Stripe.',
    payload: z.object({ subscriptionId: id, userId: id, reason: z.string() }),
  }),
  'payment.succeeded': def({
    version: 1,
    public: true,
    description: 'An invoice was paid.',
    payload: z.object({ invoiceId: id, amount: z.number().int(), userId: id }),
  }),
  'payment.failed': def({
    version: 1,
    public: true,
    description: 'An invoice payment failed.',
    payload: z.object({
      invoiceId: id,
      amount: z.number().int(),
      userId: id,
      retryCount: z.number().int().min(0),
    }),
  }),
  'invitation.redeemed': def({
    version: 1,
    public: true,
    description: 'An invitation code was redeemed.',
    payload: z.object({ invitationId: id, userId: id }),
  }),
  'referral.completed': def({
    version: 1,
    public: true,
    description: 'A referred user converted.',
    payload: z.object({ referralId: id, referrerId: id, referredId: id }),
  }),
  'waitlist.joined': def({
    version: 1,
    public: true,
    description: 'Someone joined the waitlist.',
    payload: z.object({ email: z.string(), position: z.number().int().min(1) }),
  }),
  'flag.toggled': def({
    version: 1,
    public: true,
    description: 'A feature flag was turned on or off, or its rollout changed.',
    payload: z.object({ flagId: id, enabled: z.boolean(), percentage: z.number().min(0).max(100) }),
  }),
  'license.activated': def({
    version: 1,
    public: true,
    description: 'A license was activated on a device.',
    payload: z.object({ licenseId: id, userId: id, deviceId: id }),
  }),
  'license.expired': def({
    version: 1,
    public: true,
    description: 'A license reached its expiry date.',
    payload: z.object({ licenseId: id, userId: id }),
  }),

  // Identity core.
  'user.updated': def({
    version: 1,
    public: true,
    description: "A user's roles or profile changed.",
    payload: z.object({ userId: id, changes: z.array(z.string()) }),
  }),
  'user.disabled': def({
    version: 1,
    public: true,
    description: 'A user was disabled; their sessions were revoked.',
    payload: z.object({ userId: id }),
  }),
  'user.enabled': def({
    version: 1,
    public: true,
    description: 'A disabled user was enabled again.',
    payload: z.object({ userId: id }),
  }),
  'product.status_changed': def({
    version: 1,
    public: false,
    description: "A product's lifecycle status changed.",
    payload: z.object({ from: z.string(), to: z.string() }),
  }),
  'session.revoked': def({
    version: 1,
    public: false,
    description: 'A session ended before its expiry.',
    payload: z.object({
      userId: id,
      sessionId: id,
      reason: z.enum(['logout', 'reuse_detected', 'user_disabled', 'user_deleted', 'admin']),
    }),
  }),
  'token.created': def({
    version: 1,
    public: false,
    description: 'An API token was created.',
    payload: z.object({ tokenId: id, role: z.string() }),
  }),
  'token.revoked': def({
    version: 1,
    public: false,
    description: 'An API token was revoked.',
    payload: z.object({ tokenId: id }),
  }),

  // Operations.
  'admin.action': def({
    version: 1,
    public: false,
    description: 'An admin mutation succeeded; the audit log is written from this event.',
    payload: z.object({
      actorId: id,
      actorEmail: z.string(),
      actorTokenId: z.string().nullable(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      requestId: z.string(),
      ip: z.string(),
      impersonatedBy: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  'job.failed': def({
    version: 1,
    public: false,
    description: 'A scheduled or manual job run ended failed or timed out after its last attempt.',
    payload: z.object({
      jobName: id,
      runId: id,
      status: z.enum(['failed', 'timed_out']),
      attempts: z.number().int().min(1),
      error: z.string(),
    }),
  }),
  'bus.dead_letters_reported': def({
    version: 1,
    public: false,
    description: 'The dead-letter sweep found deliveries that exhausted their retries.',
    payload: z.object({
      total: z.number().int().min(0),
      newSinceLastSweep: z.number().int().min(0),
      bySubscriber: z.record(z.string(), z.number().int().min(0)),
    }),
  }),
} as const;

export type EventDefinitions = typeof EVENT_DEFINITIONS;
export type EventType = keyof EventDefinitions;
export type EventPayload<K extends EventType> = z.infer<EventDefinitions[K]['payload']>;

export const EVENT_TYPES = Object.keys(EVENT_DEFINITIONS) as EventType[];
export const PUBLIC_EVENT_TYPES = EVENT_TYPES.filter((type) => EVENT_DEFINITIONS[type].public);

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_DEFINITIONS, value);

/** Fields every event carries around its payload. */
export const ZEventEnvelope = z.object({
  id: id,
  type: z.string(),
  version: z.number().int().min(1),
  productId: id,
  /** ISO time of the emit. */
  at: z.iso.datetime(),
  /** Who caused it: a user id, or null for the system. */
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** One event as subscribers receive it; `data` is typed by `type`. */
export type PlatformEvent<K extends EventType = EventType> = {
  [T in K]: Omit<z.infer<typeof ZEventEnvelope>, 'type' | 'data'> & { type: T; data: EventPayload<T> };
}[K];

/** The JSON Schema (draft 2020-12) of one event's payload, as webhook subscribers are shown it. */
export const eventJsonSchema = (type: EventType): Record<string, unknown> =>
  z.toJSONSchema(EVENT_DEFINITIONS[type].payload, { target: 'draft-2020-12' }) as Record<string, unknown>;

export type CatalogueEntry = {
  type: EventType;
  version: number;
  description: string;
  public: boolean;
  schema: Record<string, unknown>;
};

/** The whole catalogue with each payload's JSON Schema, computed once. */
export const describeCatalogue = (() => {
  let cached: CatalogueEntry[] | undefined;
  return (): CatalogueEntry[] => {
    cached ??= EVENT_TYPES.map((type) => ({
      type,
      version: EVENT_DEFINITIONS[type].version,
      description: EVENT_DEFINITIONS[type].description,
      public: EVENT_DEFINITIONS[type].public,
      schema: eventJsonSchema(type),
    }));
    return cached;
  };
})();
