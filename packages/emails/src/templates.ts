import { z } from 'zod';
import type { TemplateMeta } from './brand';
import { ENGLISH, type Translate } from './messages';
import {
  accountNoticeMeta,
  accountNoticePreviewProps,
  accountNoticeSubject,
  ZAccountNoticeProps,
  ZAccountNoticeSenderProps,
} from './templates/account-notice';
import {
  changelogAnnouncementMeta,
  changelogAnnouncementPreviewProps,
  changelogAnnouncementSubject,
  ZChangelogAnnouncementProps,
  ZChangelogAnnouncementSenderProps,
} from './templates/changelog-announcement';
import {
  dunningDowngradedMeta,
  dunningDowngradedPreviewProps,
  dunningDowngradedSubject,
  ZDunningDowngradedProps,
  ZDunningDowngradedSenderProps,
} from './templates/dunning-downgraded';
import {
  dunningFinalWarningMeta,
  dunningFinalWarningPreviewProps,
  dunningFinalWarningSubject,
  ZDunningFinalWarningProps,
  ZDunningFinalWarningSenderProps,
} from './templates/dunning-final-warning';
import {
  feedbackReplyMeta,
  feedbackReplyPreviewProps,
  feedbackReplySubject,
  ZFeedbackReplyProps,
  ZFeedbackReplySenderProps,
} from './templates/feedback-reply';
import {
  invitationMeta,
  invitationPreviewProps,
  invitationSubject,
  ZInvitationProps,
  ZInvitationSenderProps,
} from './templates/invitation';
import {
  licenseExpiringMeta,
  licenseExpiringPreviewProps,
  licenseExpiringSubject,
  ZLicenseExpiringProps,
  ZLicenseExpiringSenderProps,
} from './templates/license-expiring';
import {
  newSignInMeta,
  newSignInPreviewProps,
  newSignInSubject,
  ZNewSignInProps,
  ZNewSignInSenderProps,
} from './templates/new-sign-in';
import {
  orgInvitationMeta,
  orgInvitationPreviewProps,
  orgInvitationSubject,
  ZOrgInvitationProps,
  ZOrgInvitationSenderProps,
} from './templates/org-invitation';
import {
  passwordChangedMeta,
  passwordChangedPreviewProps,
  passwordChangedSubject,
  ZPasswordChangedProps,
  ZPasswordChangedSenderProps,
} from './templates/password-changed';
import {
  passwordResetMeta,
  passwordResetPreviewProps,
  passwordResetSubject,
  ZPasswordResetProps,
  ZPasswordResetSenderProps,
} from './templates/password-reset';
import {
  paymentFailedMeta,
  paymentFailedPreviewProps,
  paymentFailedSubject,
  ZPaymentFailedProps,
  ZPaymentFailedSenderProps,
} from './templates/payment-failed';
import {
  secretExpiringMeta,
  secretExpiringPreviewProps,
  secretExpiringSubject,
  ZSecretExpiringProps,
  ZSecretExpiringSenderProps,
} from './templates/secret-expiring';
import {
  statusNoticeMeta,
  statusNoticePreviewProps,
  statusNoticeSubject,
  ZStatusNoticeProps,
  ZStatusNoticeSenderProps,
} from './templates/status-notice';
import {
  statusSubscriptionConfirmMeta,
  statusSubscriptionConfirmPreviewProps,
  statusSubscriptionConfirmSubject,
  ZStatusSubscriptionConfirmProps,
  ZStatusSubscriptionConfirmSenderProps,
} from './templates/status-subscription-confirm';
import {
  trialExpiredMeta,
  trialExpiredPreviewProps,
  trialExpiredSubject,
  ZTrialExpiredProps,
  ZTrialExpiredSenderProps,
} from './templates/trial-expired';
import {
  trialExpiringMeta,
  trialExpiringPreviewProps,
  trialExpiringSubject,
  ZTrialExpiringProps,
  ZTrialExpiringSenderProps,
} from './templates/trial-expiring';
import {
  verifyEmailMeta,
  verifyEmailPreviewProps,
  verifyEmailSubject,
  ZVerifyEmailProps,
  ZVerifyEmailSenderProps,
} from './templates/verify-email';
import {
  waitlistAcceptedMeta,
  waitlistAcceptedPreviewProps,
  waitlistAcceptedSubject,
  ZWaitlistAcceptedProps,
  ZWaitlistAcceptedSenderProps,
} from './templates/waitlist-accepted';
import {
  webhookEndpointAlertMeta,
  webhookEndpointAlertPreviewProps,
  webhookEndpointAlertSubject,
  ZWebhookEndpointAlertProps,
  ZWebhookEndpointAlertSenderProps,
} from './templates/webhook-endpoint-alert';
import {
  welcomeMeta,
  welcomePreviewProps,
  welcomeSubject,
  ZWelcomeProps,
  ZWelcomeSenderProps,
} from './templates/welcome';

export const TEMPLATE_NAMES = [
  'welcome',
  'verify-email',
  'password-reset',
  'password-changed',
  'new-sign-in',
  'invitation',
  'waitlist-accepted',
  'trial-expiring',
  'trial-expired',
  'payment-failed',
  'dunning-final-warning',
  'dunning-downgraded',
  'license-expiring',
  'webhook-endpoint-alert',
  'status-subscription-confirm',
  'status-notice',
  'feedback-reply',
  'changelog-announcement',
  'org-invitation',
  'account-notice',
  'secret-expiring',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Full props (sender's part plus brand and unsubscribe) of each template, by name. */
export const TEMPLATE_SCHEMAS = {
  welcome: ZWelcomeProps,
  'verify-email': ZVerifyEmailProps,
  'password-reset': ZPasswordResetProps,
  'password-changed': ZPasswordChangedProps,
  'new-sign-in': ZNewSignInProps,
  invitation: ZInvitationProps,
  'waitlist-accepted': ZWaitlistAcceptedProps,
  'trial-expiring': ZTrialExpiringProps,
  'trial-expired': ZTrialExpiredProps,
  'payment-failed': ZPaymentFailedProps,
  'dunning-final-warning': ZDunningFinalWarningProps,
  'dunning-downgraded': ZDunningDowngradedProps,
  'license-expiring': ZLicenseExpiringProps,
  'webhook-endpoint-alert': ZWebhookEndpointAlertProps,
  'status-subscription-confirm': ZStatusSubscriptionConfirmProps,
  'status-notice': ZStatusNoticeProps,
  'feedback-reply': ZFeedbackReplyProps,
  'changelog-announcement': ZChangelogAnnouncementProps,
  'org-invitation': ZOrgInvitationProps,
  'account-notice': ZAccountNoticeProps,
  'secret-expiring': ZSecretExpiringProps,
} satisfies { [K in TemplateName]: z.ZodObject<{ template: z.ZodLiteral<K> } & z.ZodRawShape> };

/** What a sender provides for each template: the props without `brand` and `unsubscribeUrl`. */
export const TEMPLATE_SENDER_SCHEMAS = {
  welcome: ZWelcomeSenderProps,
  'verify-email': ZVerifyEmailSenderProps,
  'password-reset': ZPasswordResetSenderProps,
  'password-changed': ZPasswordChangedSenderProps,
  'new-sign-in': ZNewSignInSenderProps,
  invitation: ZInvitationSenderProps,
  'waitlist-accepted': ZWaitlistAcceptedSenderProps,
  'trial-expiring': ZTrialExpiringSenderProps,
  'trial-expired': ZTrialExpiredSenderProps,
  'payment-failed': ZPaymentFailedSenderProps,
  'dunning-final-warning': ZDunningFinalWarningSenderProps,
  'dunning-downgraded': ZDunningDowngradedSenderProps,
  'license-expiring': ZLicenseExpiringSenderProps,
  'webhook-endpoint-alert': ZWebhookEndpointAlertSenderProps,
  'status-subscription-confirm': ZStatusSubscriptionConfirmSenderProps,
  'status-notice': ZStatusNoticeSenderProps,
  'feedback-reply': ZFeedbackReplySenderProps,
  'changelog-announcement': ZChangelogAnnouncementSenderProps,
  'org-invitation': ZOrgInvitationSenderProps,
  'account-notice': ZAccountNoticeSenderProps,
  'secret-expiring': ZSecretExpiringSenderProps,
} satisfies { [K in TemplateName]: z.ZodObject<{ template: z.ZodLiteral<K> } & z.ZodRawShape> };

/** Props of every template, discriminated by `template`. */
export const ZEmailProps = z.discriminatedUnion('template', [
  ZWelcomeProps,
  ZVerifyEmailProps,
  ZPasswordResetProps,
  ZPasswordChangedProps,
  ZNewSignInProps,
  ZInvitationProps,
  ZWaitlistAcceptedProps,
  ZTrialExpiringProps,
  ZTrialExpiredProps,
  ZPaymentFailedProps,
  ZDunningFinalWarningProps,
  ZDunningDowngradedProps,
  ZLicenseExpiringProps,
  ZWebhookEndpointAlertProps,
  ZStatusSubscriptionConfirmProps,
  ZStatusNoticeProps,
  ZFeedbackReplyProps,
  ZChangelogAnnouncementProps,
  ZOrgInvitationProps,
  ZAccountNoticeProps,
  ZSecretExpiringProps,
]);
export type TEmailProps = z.infer<typeof ZEmailProps>;
export type TemplateProps<K extends TemplateName> = z.infer<(typeof TEMPLATE_SCHEMAS)[K]>;
export type TemplateSenderProps<K extends TemplateName> = z.infer<(typeof TEMPLATE_SENDER_SCHEMAS)[K]>;

export const TEMPLATE_PREVIEW_PROPS: { [K in TemplateName]: TemplateProps<K> } = {
  welcome: welcomePreviewProps,
  'verify-email': verifyEmailPreviewProps,
  'password-reset': passwordResetPreviewProps,
  'password-changed': passwordChangedPreviewProps,
  'new-sign-in': newSignInPreviewProps,
  invitation: invitationPreviewProps,
  'waitlist-accepted': waitlistAcceptedPreviewProps,
  'trial-expiring': trialExpiringPreviewProps,
  'trial-expired': trialExpiredPreviewProps,
  'payment-failed': paymentFailedPreviewProps,
  'dunning-final-warning': dunningFinalWarningPreviewProps,
  'dunning-downgraded': dunningDowngradedPreviewProps,
  'license-expiring': licenseExpiringPreviewProps,
  'webhook-endpoint-alert': webhookEndpointAlertPreviewProps,
  'status-subscription-confirm': statusSubscriptionConfirmPreviewProps,
  'status-notice': statusNoticePreviewProps,
  'feedback-reply': feedbackReplyPreviewProps,
  'changelog-announcement': changelogAnnouncementPreviewProps,
  'org-invitation': orgInvitationPreviewProps,
  'account-notice': accountNoticePreviewProps,
  'secret-expiring': secretExpiringPreviewProps,
};

/**
 * Welcome, invitation and waitlist-accepted answer something the user (or a teammate) did, so they are
 * transactional like the security and billing mails and the admins' operational alerts; trial and license
 * reminders are lifecycle mail.
 */
export const TEMPLATE_META: { [K in TemplateName]: TemplateMeta<TemplateProps<K>> } = {
  welcome: welcomeMeta,
  'verify-email': verifyEmailMeta,
  'password-reset': passwordResetMeta,
  'password-changed': passwordChangedMeta,
  'new-sign-in': newSignInMeta,
  invitation: invitationMeta,
  'waitlist-accepted': waitlistAcceptedMeta,
  'trial-expiring': trialExpiringMeta,
  'trial-expired': trialExpiredMeta,
  'payment-failed': paymentFailedMeta,
  'dunning-final-warning': dunningFinalWarningMeta,
  'dunning-downgraded': dunningDowngradedMeta,
  'license-expiring': licenseExpiringMeta,
  'webhook-endpoint-alert': webhookEndpointAlertMeta,
  'status-subscription-confirm': statusSubscriptionConfirmMeta,
  'status-notice': statusNoticeMeta,
  'feedback-reply': feedbackReplyMeta,
  'changelog-announcement': changelogAnnouncementMeta,
  'org-invitation': orgInvitationMeta,
  'account-notice': accountNoticeMeta,
  'secret-expiring': secretExpiringMeta,
};

/** The subject line; `t` gives its words in the reader's language (messages.ts). */
export function subjectOf(props: TEmailProps, t: Translate = ENGLISH): string {
  switch (props.template) {
    case 'welcome':
      return welcomeSubject(props, t);
    case 'verify-email':
      return verifyEmailSubject(props, t);
    case 'password-reset':
      return passwordResetSubject(props, t);
    case 'password-changed':
      return passwordChangedSubject(props, t);
    case 'new-sign-in':
      return newSignInSubject(props, t);
    case 'invitation':
      return invitationSubject(props, t);
    case 'waitlist-accepted':
      return waitlistAcceptedSubject(props, t);
    case 'trial-expiring':
      return trialExpiringSubject(props, t);
    case 'trial-expired':
      return trialExpiredSubject(props, t);
    case 'payment-failed':
      return paymentFailedSubject(props, t);
    case 'dunning-final-warning':
      return dunningFinalWarningSubject(props, t);
    case 'dunning-downgraded':
      return dunningDowngradedSubject(props, t);
    case 'license-expiring':
      return licenseExpiringSubject(props, t);
    case 'webhook-endpoint-alert':
      return webhookEndpointAlertSubject(props, t);
    case 'status-subscription-confirm':
      return statusSubscriptionConfirmSubject(props, t);
    case 'status-notice':
      return statusNoticeSubject(props, t);
    case 'feedback-reply':
      return feedbackReplySubject(props, t);
    case 'changelog-announcement':
      return changelogAnnouncementSubject(props, t);
    case 'org-invitation':
      return orgInvitationSubject(props, t);
    case 'account-notice':
      return accountNoticeSubject(props, t);
    case 'secret-expiring':
      return secretExpiringSubject(props, t);
    default: {
      const unreachable: never = props;
      throw new Error(`no subject for ${JSON.stringify(unreachable)}`);
    }
  }
}
