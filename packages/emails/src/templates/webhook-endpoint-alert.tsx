/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

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

const failures = (count: number) => `${count} message${count === 1 ? '' : 's'}`;

export const webhookEndpointAlertSubject = (props: TWebhookEndpointAlertProps) =>
  `${props.brand.productName} webhook endpoint ${props.state}: ${hostOf(props.endpointUrl)}`;

export const webhookEndpointAlertMeta: TemplateMeta<TWebhookEndpointAlertProps> = {
  title: 'Webhook endpoint alert',
  description:
    'Tells the admins that an outbound webhook endpoint is failing or was disabled, why, and what happens next.',
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.email} is an admin of ${props.brand.productName}, which sends webhooks to ${hostOf(props.endpointUrl)}.`,
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

function whatHappened(props: TWebhookEndpointAlertProps, url: string): string {
  const product = props.brand.productName;
  if (props.state === 'failing') {
    return `A message from ${product} to the webhook endpoint ${url} failed its last retry, so the endpoint is now marked failing. ${failures(props.consecutiveFailures)} in a row have failed.`;
  }
  if (props.reason === 'gone') {
    return `${product} disabled the webhook endpoint ${url}: it answered 410 Gone, which asks senders to stop.`;
  }
  if (props.reason === 'consecutive_failures') {
    return `${product} disabled the webhook endpoint ${url} after ${failures(props.consecutiveFailures)} in a row failed every retry.`;
  }
  return `${product} disabled the webhook endpoint ${url}.`;
}

const REASONS = {
  consecutive_failures: 'Too many failed messages in a row',
  gone: 'The receiver answered 410 Gone',
} as const;

export function WebhookEndpointAlertEmail(props: TWebhookEndpointAlertProps) {
  const url = displayEndpointUrl(props.endpointUrl);
  const failing = props.state === 'failing';
  const rows: Array<[string, string]> = [
    ['Endpoint', url],
    ['Status', failing ? 'Failing' : 'Disabled'],
  ];
  if (!failing && props.reason !== undefined) rows.push(['Reason', REASONS[props.reason]]);
  rows.push(['Failed messages in a row', String(props.consecutiveFailures)]);
  if (props.lastError.trim() !== '') rows.push(['Last error', props.lastError]);
  return (
    <EmailLayout
      preview={`${hostOf(props.endpointUrl)} ${failing ? 'is failing' : 'was disabled'}: ${props.lastError || 'see the attempt log'}`}
      brand={props.brand}
      reason={webhookEndpointAlertMeta.reason(props)}
    >
      <Title>{failing ? 'A webhook endpoint is failing' : 'A webhook endpoint was disabled'}</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>{whatHappened(props, url)}</Paragraph>
      {failing ? (
        <Paragraph>
          We keep sending new messages to it and retry each one as usual. If {WEBHOOK_DISABLE_AFTER} messages
          in a row fail, we disable the endpoint. One message it accepts clears the count.
        </Paragraph>
      ) : (
        <Paragraph>
          No messages are sent to it until an admin enables it again. Once the receiver is fixed and the
          endpoint enabled, "Recover since" on its page sends again every message it missed.
        </Paragraph>
      )}
      <Details rows={rows} />
      <CallToAction href={props.manageUrl} brand={props.brand}>
        Open the endpoint
      </CallToAction>
      <Note>
        {failing
          ? "The endpoint's attempt log shows each request and the receiver's answer. If the endpoint is no longer used, disable or delete it there to stop these alerts."
          : "The endpoint's attempt log shows each request and the receiver's answer."}
      </Note>
    </EmailLayout>
  );
}
