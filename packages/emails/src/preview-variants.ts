import { PREVIEW_UNSUBSCRIBE_URL } from './brand';
import { TEMPLATE_NAMES, TEMPLATE_PREVIEW_PROPS, type TemplateName } from './templates';

type Variant = { name: string; template: TemplateName; props: Record<string, unknown> };

/** Overrides of the preview props that reach each template's other branches (plurals, optional facts). */
const OVERRIDES: { [K in TemplateName]?: ReadonlyArray<Record<string, unknown>> } = {
  'verify-email': [
    { expiresInMinutes: 90 },
    { expiresInMinutes: 60 },
    { expiresInMinutes: 2880 },
    { expiresInMinutes: 1 },
  ],
  'password-reset': [{ expiresInMinutes: 1440 }, { expiresInMinutes: 90 }, { expiresInMinutes: 1 }],
  'new-sign-in': [
    { location: undefined },
    { ipAddress: undefined },
    { location: undefined, ipAddress: undefined },
  ],
  invitation: [{ workspaceName: undefined, inviterEmail: undefined, expiresAt: undefined }],
  'org-invitation': [{ role: 'admin', inviterEmail: undefined }, { role: 'owner' }, { role: 'billing' }],
  'trial-expiring': [{ daysLeft: 0 }, { daysLeft: 1 }, { unsubscribeUrl: undefined }],
  'trial-expired': [{ unsubscribeUrl: undefined }],
  'account-notice': [
    { notice: 'email_change', detail: 'new@example.com' },
    { notice: 'email_changed', detail: 'new@example.com', actionUrl: undefined },
    { notice: 'deletion_scheduled', detail: 'March 28, 2025' },
    { notice: 'deletion_cancelled', detail: 'signed in', actionUrl: undefined },
  ],
  'payment-failed': [
    { nextRetryAt: undefined, invoiceUrl: undefined },
    { currency: 'JPY', amountMinor: 4900 },
  ],
  'dunning-final-warning': [{ invoiceUrl: undefined, attempts: 1 }],
  'license-expiring': [{ planName: undefined }],
  'webhook-endpoint-alert': [
    { state: 'disabled', reason: 'gone' },
    { state: 'disabled', reason: 'consecutive_failures', consecutiveFailures: 10 },
    { state: 'disabled', consecutiveFailures: 1 },
    { consecutiveFailures: 1, lastError: '' },
  ],
  'status-notice': [
    {
      kind: 'maintenance',
      state: 'Scheduled',
      components: [],
      scheduledStart: '2026-03-20T22:00:00.000Z',
      scheduledEnd: '2026-03-20T23:00:00.000Z',
    },
    { components: ['API', 'Dashboard'], scheduledStart: '2026-03-20T22:00:00.000Z', scheduledEnd: null },
  ],
  'feedback-reply': [
    { feedbackType: 'feature_request', excerpt: '' },
    { feedbackType: 'nps_survey' },
    { feedbackType: 'general' },
  ],
  'changelog-announcement': [{ unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL }],
};

/** Every template's preview props, without a name where it takes one, and the overrides above. */
export const PREVIEW_VARIANTS: ReadonlyArray<Variant> = TEMPLATE_NAMES.flatMap((template) => {
  const preview = TEMPLATE_PREVIEW_PROPS[template] as Record<string, unknown>;
  const variants: Variant[] = [{ name: `${template}`, template, props: preview }];
  if ('name' in preview)
    variants.push({ name: `${template}-anonymous`, template, props: { ...preview, name: undefined } });
  (OVERRIDES[template] ?? []).forEach((override, index) => {
    variants.push({ name: `${template}-${index + 1}`, template, props: { ...preview, ...override } });
  });
  return variants;
});
