/**
 * `email.accountNotice.*` source strings of the account self-service mails (one template, `notice` picks the
 * case): [English, what translators read].
 */
const NOTICE =
  '{notice, select, email_change {Confirm your new email address} email_changed {Your email address was changed} deletion_scheduled {Your account will be deleted} deletion_cancelled {Your account deletion was cancelled} other {Your data export is ready}}';

export const SELF_SERVICE_MESSAGES = {
  'email.accountNotice.subject': [
    `{productName}: ${NOTICE}`,
    'Subject of the account self-service mails; {notice} picks the case.',
  ],
  'email.accountNotice.title': [NOTICE, 'Heading of the account self-service mails.'],
  'email.accountNotice.preview': [
    'About your {productName} account ({email}).',
    "The account notice's preview line in the inbox list.",
  ],
  'email.accountNotice.reason': [
    'You received this email because of a change you made to your {productName} account ({email}).',
    'Footer of the account self-service mails: why the recipient got it.',
  ],
  'email.accountNotice.body': [
    '{notice, select, email_change {Confirm that {detail} is the new address of your {productName} account. Until you do, your account keeps its old address.} email_changed {The address of your {productName} account was changed to {detail}.} deletion_scheduled {You asked us to delete your {productName} account. It will be deleted with all its data on {detail}. Signing in before then cancels the deletion.} deletion_cancelled {The deletion of your {productName} account was cancelled ({detail}). Your account and data stay as they are.} other {The archive of everything {productName} holds about you is ready. The link works until {detail}.}}',
    'Main paragraph; {detail} is the new address, a date, or how the deletion was cancelled.',
  ],
  'email.accountNotice.cta': [
    '{notice, select, email_change {Confirm new address} deletion_scheduled {Keep my account} other {Download my data}}',
    'Button of the account self-service mails that carry a link.',
  ],
  'email.accountNotice.notYou': [
    'If you did not ask for this, reset your password and contact {supportEmail}.',
    'Fine print of the account self-service mails.',
  ],
} as const satisfies Record<string, readonly [message: string, description: string]>;
