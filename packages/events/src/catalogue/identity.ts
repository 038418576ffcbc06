import { z } from 'zod';
import { def, id } from './def';

/** Users, products, sessions, impersonation and API tokens. */
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
    example: { userId: 'usr_8fK2mQ7xLpT3', email: 'ada@example.com', roles: ['user'], plan: 'pro' },
  }),
  'user.deleted': def({
    version: 1,
    public: true,
    description: 'A user was deleted.',
    payload: z.object({ userId: id }),
    example: { userId: 'usr_8fK2mQ7xLpT3' },
  }),
  'user.updated': def({
    version: 1,
    public: true,
    description: "A user's roles or profile changed.",
    payload: z.object({ userId: id, changes: z.array(z.string()) }),
    example: { userId: 'usr_8fK2mQ7xLpT3', changes: ['roles'] },
  }),
  'user.disabled': def({
    version: 1,
    public: true,
    description: 'A user was disabled; their sessions were revoked.',
    payload: z.object({ userId: id }),
    example: { userId: 'usr_8fK2mQ7xLpT3' },
  }),
  'user.enabled': def({
    version: 1,
    public: true,
    description: 'A disabled user was enabled again.',
    payload: z.object({ userId: id }),
    example: { userId: 'usr_8fK2mQ7xLpT3' },
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
        // The user set a new password with a reset link.
        'password_reset',
        // The user changed their password while signed in (every other session ends).
        'password_changed',
      ]),
    }),
  }),
  'impersonation.started': def({
    version: 1,
    public: false,
    description: 'An admin started a read-only view of the product as a user (a 15-minute shadow session).',
    payload: z.object({
      /** The shadow session, in the user's partition. */
      sessionId: id,
      userId: id,
      userEmail: z.string(),
      /** The admin viewing as the user. */
      impersonatedBy: id,
      adminEmail: z.string(),
      expiresAt: z.string(),
      requestId: z.string(),
      ip: z.string(),
    }),
  }),
  'impersonation.ended': def({
    version: 1,
    public: false,
    description: 'A shadow session was ended before its expiry, with its own token or by an admin.',
    payload: z.object({
      sessionId: id,
      userId: id,
      impersonatedBy: id,
      /** Who ended it: the user as the shadow token names them, or an admin with their own token. */
      endedBy: id,
      endedByEmail: z.string(),
      /** `shadow`: with the shadow token; `admin`: by an admin with their own credentials. */
      via: z.enum(['shadow', 'admin']),
      requestId: z.string(),
      ip: z.string(),
    }),
  }),
  'impersonation.request': def({
    version: 1,
    public: false,
    description:
      'A request made with a shadow token (a read, or a change refused as read-only), for the audit log.',
    payload: z.object({
      sessionId: id,
      userId: id,
      userEmail: z.string(),
      impersonatedBy: id,
      /** The procedure path or the plain route's name. */
      action: z.string(),
      /** `ok`: answered; `refused`: a change, or a call the user may not make; `failed`: any other error. */
      outcome: z.enum(['ok', 'refused', 'failed']),
      requestId: z.string(),
      ip: z.string(),
      /** The input with secrets removed. */
      input: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  'user.password_changed': def({
    version: 1,
    public: false,
    description:
      "A user's password was changed (`via: 'reset'`: with a reset link, every session revoked; `via: 'self'`: " +
      'signed in, with the current password, every other session revoked).',
    payload: z.object({
      userId: id,
      /** The address the password-changed notice goes to, and the audit entry's actor. */
      email: z.string(),
      via: z.enum(['reset', 'self']),
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
    example: { userId: 'usr_8fK2mQ7xLpT3', email: 'ada@example.com' },
  }),
  'user.email_change_requested': def({
    version: 1,
    public: false,
    description:
      'A signed-in user asked to move their account to another address; a link went to the new one.',
    payload: z.object({ userId: id, newEmail: z.string() }),
  }),
  'user.email_changed': def({
    version: 1,
    public: true,
    description:
      'A user confirmed their new address with the link mailed to it; the old address was told. The new address counts as verified.',
    payload: z.object({ userId: id, previousEmail: z.string(), email: z.string() }),
    example: { userId: 'usr_8fK2mQ7xLpT3', previousEmail: 'ada@example.com', email: 'ada@lovelace.dev' },
  }),
  'account.deletion_scheduled': def({
    version: 1,
    public: true,
    description:
      'A user asked for their account to be deleted; it is deleted with their data at `scheduledFor` unless they cancel or sign in before.',
    payload: z.object({ userId: id, scheduledFor: z.string() }),
    example: { userId: 'usr_8fK2mQ7xLpT3', scheduledFor: '2026-06-15T12:00:00.000Z' },
  }),
  'account.deletion_cancelled': def({
    version: 1,
    public: true,
    description:
      "A scheduled account deletion was called off (`via: 'user'`: cancelled; `via: 'login'`: the user signed in).",
    payload: z.object({ userId: id, via: z.enum(['user', 'login']) }),
    example: { userId: 'usr_8fK2mQ7xLpT3', via: 'login' },
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
  'sso_provider.created': def({
    version: 1,
    public: false,
    description: 'An admin added an OpenID Connect provider to the product.',
    payload: z.object({ providerId: id, issuer: z.string(), enabled: z.boolean() }),
  }),
  'sso_provider.updated': def({
    version: 1,
    public: false,
    description: "An SSO provider's settings changed (the names of the changed fields; never the secret).",
    payload: z.object({ providerId: id, changes: z.array(z.string()) }),
  }),
  'sso_provider.deleted': def({
    version: 1,
    public: false,
    description: 'An SSO provider was removed; sign-ins through it stop.',
    payload: z.object({ providerId: id }),
  }),
} as const;
