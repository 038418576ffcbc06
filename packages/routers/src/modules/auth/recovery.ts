import type { PlatformDeps } from '../../module';
import { createPasswordChangedMailer } from './account-mails';
import { AUTH_CONTAINERS } from './containers';
import { createEmailVerification } from './email-verification';
import { createOneTimeTokens } from './one-time-tokens';
import { createPasswordReset, type RecoveryDeps } from './password-reset';

/** Password reset and email verification over their token containers, with the subscribers that mail. */
export const createAccountRecovery = (
  { store, clock, bus, rateCounters }: PlatformDeps,
  needs: Omit<RecoveryDeps, 'bus' | 'rateCounters'>,
) => {
  const deps: RecoveryDeps = { ...needs, bus, rateCounters };
  const passwordReset = createPasswordReset({
    ...deps,
    tokens: createOneTimeTokens(store, AUTH_CONTAINERS.passwordResetTokens.name, 'rp', clock),
  });
  const verification = createEmailVerification({
    ...deps,
    tokens: createOneTimeTokens(store, AUTH_CONTAINERS.emailVerifications.name, 've', clock),
  });
  return {
    passwordReset,
    verification,
    subscribers: [passwordReset.subscriber, verification.subscriber, createPasswordChangedMailer(deps)],
  };
};
