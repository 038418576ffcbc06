/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { unstableToPlainText } from '@react-email/render';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { ZUnsubscribeUrl } from './brand';
import { createTranslate, type EmailStrings } from './messages';
import { subjectOf, TEMPLATE_NAMES, type TEmailProps, type TemplateName } from './templates';
import { AccountNoticeEmail, ZAccountNoticeProps } from './templates/account-notice';
import { ChangelogAnnouncementEmail, ZChangelogAnnouncementProps } from './templates/changelog-announcement';
import { DunningDowngradedEmail, ZDunningDowngradedProps } from './templates/dunning-downgraded';
import { DunningFinalWarningEmail, ZDunningFinalWarningProps } from './templates/dunning-final-warning';
import { FeedbackReplyEmail, ZFeedbackReplyProps } from './templates/feedback-reply';
import { InvitationEmail, ZInvitationProps } from './templates/invitation';
import { LicenseExpiringEmail, ZLicenseExpiringProps } from './templates/license-expiring';
import { NewSignInEmail, ZNewSignInProps } from './templates/new-sign-in';
import { OrgInvitationEmail, ZOrgInvitationProps } from './templates/org-invitation';
import { PasswordChangedEmail, ZPasswordChangedProps } from './templates/password-changed';
import { PasswordResetEmail, ZPasswordResetProps } from './templates/password-reset';
import { PaymentFailedEmail, ZPaymentFailedProps } from './templates/payment-failed';
import { SecretExpiringEmail, ZSecretExpiringProps } from './templates/secret-expiring';
import { StatusNoticeEmail, ZStatusNoticeProps } from './templates/status-notice';
import {
  StatusSubscriptionConfirmEmail,
  ZStatusSubscriptionConfirmProps,
} from './templates/status-subscription-confirm';
import { TrialExpiredEmail, ZTrialExpiredProps } from './templates/trial-expired';
import { TrialExpiringEmail, ZTrialExpiringProps } from './templates/trial-expiring';
import { VerifyEmailEmail, ZVerifyEmailProps } from './templates/verify-email';
import { WaitlistAcceptedEmail, ZWaitlistAcceptedProps } from './templates/waitlist-accepted';
import { WebhookEndpointAlertEmail, ZWebhookEndpointAlertProps } from './templates/webhook-endpoint-alert';
import { WelcomeEmail, ZWelcomeProps } from './templates/welcome';

export type RenderedEmail = { subject: string; html: string; text: string };
export type PreparedEmail = { props: TEmailProps; subject: string; element: ReactElement };

/** The doctype @react-email/render puts in front of its markup. */
export const EMAIL_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

const ZTemplateName = z.enum(TEMPLATE_NAMES);

/** Props may leave `template` out; it is then the one asked for. A different one fails the literal. */
function withTemplate(template: TemplateName, input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  if ((input as { template?: unknown }).template !== undefined) return input;
  return { ...input, template };
}

/**
 * Validates the props against the template's schema (a ZodError whose issue paths name the fields) and
 * builds the React element, without rendering it.
 */
export function prepareEmail(template: TemplateName, input: unknown, strings?: EmailStrings): PreparedEmail {
  const name = ZTemplateName.parse(template);
  const raw = withTemplate(name, input);
  const t = createTranslate(strings);
  const prepared = (props: TEmailProps, element: ReactElement): PreparedEmail => ({
    props,
    subject: subjectOf(props, t),
    element,
  });
  switch (name) {
    case 'welcome': {
      const props = ZWelcomeProps.parse(raw);
      return prepared(props, <WelcomeEmail {...props} t={t} />);
    }
    case 'verify-email': {
      const props = ZVerifyEmailProps.parse(raw);
      return prepared(props, <VerifyEmailEmail {...props} t={t} />);
    }
    case 'password-reset': {
      const props = ZPasswordResetProps.parse(raw);
      return prepared(props, <PasswordResetEmail {...props} t={t} />);
    }
    case 'password-changed': {
      const props = ZPasswordChangedProps.parse(raw);
      return prepared(props, <PasswordChangedEmail {...props} t={t} />);
    }
    case 'new-sign-in': {
      const props = ZNewSignInProps.parse(raw);
      return prepared(props, <NewSignInEmail {...props} t={t} />);
    }
    case 'invitation': {
      const props = ZInvitationProps.parse(raw);
      return prepared(props, <InvitationEmail {...props} t={t} />);
    }
    case 'waitlist-accepted': {
      const props = ZWaitlistAcceptedProps.parse(raw);
      return prepared(props, <WaitlistAcceptedEmail {...props} t={t} />);
    }
    case 'trial-expiring': {
      const props = ZTrialExpiringProps.parse(raw);
      return prepared(props, <TrialExpiringEmail {...props} t={t} />);
    }
    case 'trial-expired': {
      const props = ZTrialExpiredProps.parse(raw);
      return prepared(props, <TrialExpiredEmail {...props} t={t} />);
    }
    case 'payment-failed': {
      const props = ZPaymentFailedProps.parse(raw);
      return prepared(props, <PaymentFailedEmail {...props} t={t} />);
    }
    case 'dunning-final-warning': {
      const props = ZDunningFinalWarningProps.parse(raw);
      return prepared(props, <DunningFinalWarningEmail {...props} t={t} />);
    }
    case 'dunning-downgraded': {
      const props = ZDunningDowngradedProps.parse(raw);
      return prepared(props, <DunningDowngradedEmail {...props} t={t} />);
    }
    case 'license-expiring': {
      const props = ZLicenseExpiringProps.parse(raw);
      return prepared(props, <LicenseExpiringEmail {...props} t={t} />);
    }
    case 'webhook-endpoint-alert': {
      const props = ZWebhookEndpointAlertProps.parse(raw);
      return prepared(props, <WebhookEndpointAlertEmail {...props} t={t} />);
    }
    case 'status-subscription-confirm': {
      const props = ZStatusSubscriptionConfirmProps.parse(raw);
      return prepared(props, <StatusSubscriptionConfirmEmail {...props} t={t} />);
    }
    case 'status-notice': {
      const props = ZStatusNoticeProps.parse(raw);
      return prepared(props, <StatusNoticeEmail {...props} t={t} />);
    }
    case 'feedback-reply': {
      const props = ZFeedbackReplyProps.parse(raw);
      return prepared(props, <FeedbackReplyEmail {...props} t={t} />);
    }
    case 'changelog-announcement': {
      const props = ZChangelogAnnouncementProps.parse(raw);
      return prepared(props, <ChangelogAnnouncementEmail {...props} t={t} />);
    }
    case 'org-invitation': {
      const props = ZOrgInvitationProps.parse(raw);
      return prepared(props, <OrgInvitationEmail {...props} t={t} />);
    }
    case 'account-notice': {
      const props = ZAccountNoticeProps.parse(raw);
      return prepared(props, <AccountNoticeEmail {...props} t={t} />);
    }
    case 'secret-expiring': {
      const props = ZSecretExpiringProps.parse(raw);
      return prepared(props, <SecretExpiringEmail {...props} t={t} />);
    }
    default: {
      const unreachable: never = name;
      throw new Error(`unknown template ${String(unreachable)}`);
    }
  }
}

// React adds <link rel="preload" as="image"> hints to the head for every <img>; mail clients ignore them.
// @react-email/render strips them too.
const IMAGE_PRELOAD = /<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="image")[^>]*>/g;

/**
 * The email document for an element. react-email components are plain synchronous React components, so
 * one synchronous static render gives the markup @react-email/render's streaming render does, without its
 * stream and Suspense boundary (see render.test.ts for the comparison and bench/ for the timings).
 */
export function renderHtml(element: ReactElement): string {
  return EMAIL_DOCTYPE + renderToStaticMarkup(element).replace(IMAGE_PRELOAD, '');
}

/**
 * Plain-text part from the HTML: the button prints its URL, the "paste this link" repeat and the
 * preview line are skipped (data-skip-in-text). This converter is @react-email/render's own, several
 * times faster than its html-to-text based `toPlainText`; render.test.ts pins the two to the same words.
 */
export const renderText = (html: string): string => unstableToPlainText(html);

/**
 * Validates the props (throws a ZodError naming the fields) and renders subject, HTML and plain text; `strings`
 * (the recipient's locale and its merged `email.*` messages) give every template's words in that language.
 */
export async function renderEmail(
  template: TemplateName,
  props: unknown,
  strings?: EmailStrings,
): Promise<RenderedEmail> {
  const email = prepareEmail(template, props, strings);
  const html = renderHtml(email.element);
  return { subject: email.subject, html, text: renderText(html) };
}

/**
 * RFC 8058 one-click unsubscribe headers for lifecycle mail: Gmail and Yahoo require both for bulk
 * senders. `mailto` is an address or a mailto: URI, offered as a fallback to clients without one-click.
 */
export function listUnsubscribeHeaders(unsubscribeUrl: string, mailto?: string): Record<string, string> {
  const https = new URL(ZUnsubscribeUrl.parse(unsubscribeUrl)).href;
  const targets = [`<${https}>`];
  if (mailto !== undefined) {
    const uri = /^mailto:/i.test(mailto) ? mailto : `mailto:${mailto}`;
    const [address = ''] = uri.slice('mailto:'.length).split('?');
    z.email().parse(address);
    if (/[<>\s]/.test(uri)) throw new RangeError(`not usable in a header: ${uri}`);
    targets.push(`<${uri}>`);
  }
  return {
    'List-Unsubscribe': targets.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
