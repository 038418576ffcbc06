/** Settings of the account self-service (apps/api/src/env.ts fills them from the environment). */
export type AccountConfig = {
  /** Days between a user's request to delete their account and its deletion (ACCOUNT_DELETION_GRACE_DAYS). */
  deletionGraceDays: number;
};

export const DEFAULT_ACCOUNT_CONFIG: AccountConfig = { deletionGraceDays: 14 };

/** A console page next to the verification page (`/verify-email`): `/confirm-email-change`, `/account`. */
export const consolePage = (emailVerifyUrlBase: string, page: string): string =>
  new URL(page, emailVerifyUrlBase).toString();
