/**
 * The platform's default rules and the limits other modules enforce themselves. Pure data (no server
 * imports): the console shows both.
 */
import type { TRateLimitKey } from './schema';

export type DefaultRule = {
  id: string;
  name: string;
  description: string;
  match: readonly string[];
  key: TRateLimitKey;
  limit: number;
  windowSeconds: number;
};

/**
 * Every product starts with these; an admin may change or disable each (its stored copy then wins) and delete
 * the copy to get the default back. Sized for real clients behind one address (an office, a mobile carrier's
 * NAT): an attacker is slowed, a team signing in on Monday morning is not. The browser suite signs in from
 * 127.0.0.1 about forty times in a run, well inside these.
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    id: 'login-ip',
    name: 'Sign-ins per client address',
    description:
      'Password guessing spread over many accounts from one address. Failures per account have their own lockout.',
    match: ['auth.login'],
    key: 'ip',
    limit: 30,
    windowSeconds: 60,
  },
  {
    id: 'register-ip',
    name: 'Sign-ups per client address',
    description: 'Account creation in bulk from one address.',
    match: ['auth.register'],
    key: 'ip',
    limit: 20,
    windowSeconds: 3600,
  },
  {
    id: 'waitlist-join-ip',
    name: 'Waitlist joins per client address',
    description: 'Filling the waitlist with made-up addresses.',
    match: ['waitlist.join'],
    key: 'ip',
    limit: 30,
    windowSeconds: 3600,
  },
  {
    id: 'roadmap-submission-user',
    name: 'Roadmap suggestions per user',
    description: 'One account filling the moderation queue with feature suggestions.',
    match: ['roadmap.createSubmission'],
    key: 'user',
    limit: 10,
    windowSeconds: 3600,
  },
  {
    id: 'account-password-user',
    name: 'Password checks per signed-in user',
    description:
      'Guessing the password behind a stolen session: changing the password or the address, or deleting the account, each asks for it.',
    match: ['account.changePassword', 'account.requestEmailChange', 'account.requestDeletion'],
    key: 'user',
    limit: 10,
    windowSeconds: 3600,
  },
  {
    id: 'telemetry-ingest-ip',
    name: 'Telemetry batches per client address',
    description: 'A client stuck in a loop, or a flood; one batch carries up to 100 events.',
    match: ['telemetry.ingest'],
    key: 'ip',
    limit: 600,
    windowSeconds: 60,
  },
];

/**
 * Limits that live in their module, counted in the store (rate-counters) so they hold across every API
 * instance, because they are the security control of what they guard. The ratelimit rules do not count these
 * operations again.
 */
export const MODULE_LIMITS: readonly { operation: string; limit: string; answer: string }[] = [
  {
    operation: 'auth.login',
    limit:
      '5 failed sign-ins per account in 15 minutes lock the account; each lockout in a row lasts twice as long (1 minute up to 1 hour)',
    answer: '429 with Retry-After, the same for unknown accounts',
  },
  {
    operation: 'auth.requestPasswordReset',
    limit: '3 per address and 20 per client address per hour',
    answer: 'the usual 202: a request over the limit sends nothing, and says so to nobody',
  },
  {
    operation: 'auth.resendVerification',
    limit: '3 per user, or 3 per address and 20 per client address, per hour',
    answer: 'the usual 202, silently',
  },
  { operation: 'sso.start', limit: '30 per client address per minute', answer: '429' },
  {
    operation: 'webhooks (outgoing)',
    limit: "each endpoint's own messages per second",
    answer: 'delivery waits',
  },
];
