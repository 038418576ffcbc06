import { z } from 'zod';

/** Fields every event carries; `type` is the literal discriminator added per event below. */
const base = {
  id: z.string().min(1),
  productId: z.string().min(1),
  at: z.iso.datetime(),
  /** Who caused it: a user id, or null for the system. */
  actorId: z.string().nullable(),
};

const event = <T extends string, P extends z.ZodRawShape>(type: T, payload: P) =>
  z.object({ ...base, type: z.literal(type), data: z.object(payload) });

export const ZUserCreated = event('user.created', {
  userId: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
});
export const ZUserUpdated = event('user.updated', { userId: z.string(), changes: z.array(z.string()) });
export const ZUserDeleted = event('user.deleted', { userId: z.string() });
export const ZUserDisabled = event('user.disabled', { userId: z.string() });
export const ZProductStatusChanged = event('product.status_changed', {
  from: z.string(),
  to: z.string(),
});
export const ZSessionRevoked = event('session.revoked', {
  userId: z.string(),
  sessionId: z.string(),
  reason: z.enum(['logout', 'reuse_detected', 'user_disabled', 'user_deleted', 'admin']),
});
export const ZTokenCreated = event('token.created', { tokenId: z.string(), role: z.string() });
export const ZTokenRevoked = event('token.revoked', { tokenId: z.string() });

export const ZEvent = z.discriminatedUnion('type', [
  ZUserCreated,
  ZUserUpdated,
  ZUserDeleted,
  ZUserDisabled,
  ZProductStatusChanged,
  ZSessionRevoked,
  ZTokenCreated,
  ZTokenRevoked,
]);

export type TEvent = z.infer<typeof ZEvent>;
export type EventType = TEvent['type'];
export const EVENT_TYPES = ZEvent.options.map((option) => option.shape.type.value) as readonly EventType[];
/** The event of one type, e.g. `TEventOf<'user.created'>`. */
export type TEventOf<K extends EventType> = Extract<TEvent, { type: K }>;
