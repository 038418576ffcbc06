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
        'password_reset',
      ]),
    }),
  }),
  'user.password_changed': def({
    version: 1,
    public: false,
    description:
      "A user's password was changed (`via: 'reset'`: with a reset link); their sessions were revoked.",
    payload: z.object({
      userId: id,
      /** The address the password-changed notice goes to, and the audit entry's actor. */
      email: z.string(),
      via: z.enum(['reset']),
      /** The request that made the change, for the audit entry. */
      requestId: z.string(),
      ip: z.string(),
    }),
  }),
  'user.email_verified': def({
    version: 1,
    public: true,
    description: "A user's email address was verified (through the mailed link, or by an admin).",
    payload: z.object({ userId: id, email: z.string() }),
  }),
  'auth.password_reset_requested': def({
    version: 1,
    public: false,
    description:
      'Someone asked for a password reset mail (within the limits); the account, if any, is looked up after ' +
      'the answer, so the answer cannot tell whether it exists.',
    payload: z.object({ email: z.string() }),
  }),
  'auth.verification_requested': def({
    version: 1,
    public: false,
    description:
      'Someone asked for a new verification mail without a session (within the limits); handled after the ' +
      'answer, like a password reset request.',
    payload: z.object({ email: z.string() }),
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
