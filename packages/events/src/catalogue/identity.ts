import { z } from 'zod';
import { def, id } from './def';

/** Users, products, sessions and API tokens. */
export const IDENTITY_EVENTS = {
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
  'session.created': def({
    version: 1,
    public: false,
    description:
      'A user signed in (or registered) and got a session; `newDevice` when the device was never used by this user before (not on their first sign-in).',
    payload: z.object({ userId: id, sessionId: id, platform: z.string(), newDevice: z.boolean() }),
  }),
  'session.revoked': def({
    version: 1,
    public: false,
    description: 'A session ended before its expiry.',
    payload: z.object({
      userId: id,
      sessionId: id,
      reason: z.enum([
        'logout',
        'reuse_detected',
        'user_disabled',
        'user_deleted',
        'admin',
        // The user ended it from their list of sessions (one, or every other one).
        'revoked_by_user',
        // The user followed "this wasn't me" in the new sign-in mail.
        'reported',
      ]),
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
} as const;
