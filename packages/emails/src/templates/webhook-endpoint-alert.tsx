/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

/** Consecutive failed messages after which the platform disables an endpoint. */
export const WEBHOOK_DISABLE_AFTER = 10;

export const ZWebhookEndpointAlertSenderProps = z.object({
  template: z.literal('webhook-endpoint-alert'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** The receiver's URL: shown as text (it is someone else's server, not a page for the reader). */
  endpointUrl: ZLinkUrl.max(2048),
  /** `failing`: a message exhausted its retries; `disabled`: the platform stopped sending to it. */
  state: z.enum(['failing', 'disabled']),
  /** Why it was disabled; only with `state: 'disabled'`. `gone`: the receiver answered 410 Gone. */
  reason: z.enum(['consecutive_failures', 'gone']).optional(),
  /** Messages in a row that failed every retry. */
  consecutiveFailures: z.number().int().min(0),
  /** The last attempt's error, as the attempt log has it. */
  lastError: z.string().max(500),
  /** The endpoint's page in the console (`/ops/webhooks/<endpointId>`). */
  manageUrl: ZLinkUrl,
});
export const ZWebhookEndpointAlertProps = ZWebhookEndpointAlertSenderProps.extend(ZTransactionalShared.shape);
export type TWebhookEndpointAlertSenderProps = z.infer<typeof ZWebhookEndpointAlertSenderProps>;
export type TWebhookEndpointAlertProps = z.infer<typeof ZWebhookEndpointAlertProps>;

const hostOf = (url: string) => new URL(url).host;

/**
 * The URL as the mail shows it: without its query string, where receivers often carry a token; the console
 * shows the whole URL to an admin who signed in.
 */
export const displayEndpointUrl = (url: string) => {
  const { origin, pathname, search } = new URL(url);
  return `${origin}${pathname}${search === '' ? '' : '?…'}`;
};

export const webhookEndpointAlertSubject = (props: TWebhookEndpointAlertProps, t: Translate = ENGLISH) =>
  t('email.webhookEndpointAlert.subject', {
    productName: props.brand.productName,
    state: props.state,
    host: hostOf(props.endpointUrl),
  });

export const webhookEndpointAlertMeta: TemplateMeta<TWebhookEndpointAlertProps> = {
  title: 'Webhook endpoint alert',
  description:
    'Tells the admins that an outbound webhook endpoint is failing or was disabled, why, and what happens next.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.webhookEndpointAlert.reason', {
      email: props.email,
      productName: props.brand.productName,
      host: hostOf(props.endpointUrl),
    }),
};

export const webhookEndpointAlertPreviewProps: TWebhookEndpointAlertProps = {
  template: 'webhook-endpoint-alert',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  endpointUrl: 'https://hooks.acme-analytics.com/bytelyst/events',
  state: 'failing',
  consecutiveFailures: 3,
  lastError: 'HTTP 503 Service Unavailable after 5.0 s: upstream connect error',
  manageUrl: 'https://console.lysnrai.com/ops/webhooks/ep_2Xc7Ra4Tq9Lm',
};

/** The paragraph on what happened: one message per state and reason, so each reads as a whole sentence. */
function whatHappened(props: TWebhookEndpointAlertProps, url: string, t: Translate): string {
  const args = { productName: props.brand.productName, url, count: props.consecutiveFailures };
  if (props.state === 'failing') return t('email.webhookEndpointAlert.failingBody', args);
  if (props.reason === 'gone') return t('email.webhookEndpointAlert.goneBody', args);
  if (props.reason === 'consecutive_failures') return t('email.webhookEndpointAlert.failuresBody', args);
  return t('email.webhookEndpointAlert.disabledBody', args);
}

const REASONS = {
  consecutive_failures: 'email.webhookEndpointAlert.reasonConsecutiveFailures',
  gone: 'email.webhookEndpointAlert.reasonGone',
} as const;

export function WebhookEndpointAlertEmail({
  t = ENGLISH,
  ...props
}: TWebhookEndpointAlertProps & { t?: Translate }) {
  const url = displayEndpointUrl(props.endpointUrl);
  const failing = props.state === 'failing';
  const state = { state: props.state };
  const rows: Array<[string, string]> = [
    [t('email.webhookEndpointAlert.labelEndpoint'), url],
    [t('email.webhookEndpointAlert.labelStatus'), t('email.webhookEndpointAlert.status', state)],
  ];
  if (!failing && props.reason !== undefined) {
    rows.push([t('email.webhookEndpointAlert.labelReason'), t(REASONS[props.reason])]);
  }
  rows.push([t('email.webhookEndpointAlert.labelFailures'), String(props.consecutiveFailures)]);
  if (props.lastError.trim() !== '')
    rows.push([t('email.webhookEndpointAlert.labelLastError'), props.lastError]);
  const detail = props.lastError || t('email.webhookEndpointAlert.previewNoError');
  return (
    <EmailLayout
      preview={t('email.webhookEndpointAlert.preview', { ...state, host: hostOf(props.endpointUrl), detail })}
      brand={props.brand}
      reason={webhookEndpointAlertMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.webhookEndpointAlert.title', state)}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{whatHappened(props, url, t)}</Paragraph>
      <Paragraph>
        {failing
          ? t('email.webhookEndpointAlert.failingNext', { disableAfter: WEBHOOK_DISABLE_AFTER })
          : t('email.webhookEndpointAlert.disabledNext')}
      </Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.manageUrl} brand={props.brand}>
        {t('email.webhookEndpointAlert.cta')}
      </CallToAction>
      <Note>
        {failing ? t('email.webhookEndpointAlert.failingNote') : t('email.webhookEndpointAlert.disabledNote')}
      </Note>
    </EmailLayout>
  );
}
