import type { LoginThrottleConfig } from './login-throttle';

/** Settings of the identity flows (apps/api/src/env.ts fills them from the environment). */
export type IdentityConfig = {
  /** Link base of the password reset mail; `?token=...` is appended. */
  passwordResetUrlBase: string;
  /** Link base of the email verification mail; `?token=...` is appended. */
  emailVerifyUrlBase: string;
  /** Page of the new sign-in mail's "this wasn't me" link; `?token=...` is appended. */
  sessionReportUrlBase: string;
  /** Sign-in lockout per account (login-throttle.ts); default 5 failures in 15 minutes, 1 minute doubling to 1 hour. */
  loginThrottle?: Partial<LoginThrottleConfig>;
};

/** Without env: the console's pages on its default address. */
export const DEFAULT_IDENTITY_CONFIG: IdentityConfig = {
  passwordResetUrlBase: 'http://127.0.0.1:3001/reset-password',
  emailVerifyUrlBase: 'http://127.0.0.1:3001/verify-email',
  sessionReportUrlBase: 'http://127.0.0.1:3001/session-report',
};
