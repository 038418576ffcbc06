import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { checkEmail } from './checks';
import { renderEmail } from './render';
import { TEMPLATE_META, TEMPLATE_PREVIEW_PROPS, TEMPLATE_SENDER_SCHEMAS } from './templates';
import { displayEndpointUrl } from './templates/webhook-endpoint-alert';

const failing = TEMPLATE_PREVIEW_PROPS['webhook-endpoint-alert'];
const disabled = { ...failing, state: 'disabled', reason: 'consecutive_failures', consecutiveFailures: 10 };
const render = (props: Record<string, unknown>) => renderEmail('webhook-endpoint-alert', props);
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');

const issuePaths = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.map((issue) => issue.path.join('.'));
};

describe('webhook-endpoint-alert', () => {
  it('is a transactional admin alert', () => {
    expect(TEMPLATE_META['webhook-endpoint-alert'].transactional).toBe(true);
  });

  it('failing: names the host, the count, the last error and what happens next', async () => {
    const email = await render(failing);
    expect(email.subject).toBe('LysnrAI webhook endpoint failing: hooks.acme-analytics.com');
    expect(email.text).toContain('A webhook endpoint is failing');
    expect(email.text).toContain('Endpoint: https://hooks.acme-analytics.com/bytelyst/events');
    expect(email.text).toContain('Status: Failing');
    expect(email.text).toContain('Failed messages in a row: 3');
    expect(email.text).toContain(
      'Last error: HTTP 503 Service Unavailable after 5.0 s: upstream connect error',
    );
    expect(email.text).toContain('If 10 messages in a row fail, we disable the endpoint.');
    expect(email.text).toContain(
      'Open the endpoint https://console.lysnrai.com/ops/webhooks/ep_2Xc7Ra4Tq9Lm',
    );
    expect(email.text).not.toContain('Reason:');
  });

  it('shows the receiver URL as text, never as a link', async () => {
    const { html } = await render(failing);
    expect(html).toContain('https://hooks.acme-analytics.com/bytelyst/events');
    expect(hrefsOf(html).some((href) => href.includes('acme-analytics'))).toBe(false);
    expect(hrefsOf(html)).toContain('https://console.lysnrai.com/ops/webhooks/ep_2Xc7Ra4Tq9Lm');
  });

  it('disabled after consecutive failures: says nothing is sent until enabled, and how to recover', async () => {
    const email = await render(disabled);
    expect(email.subject).toBe('LysnrAI webhook endpoint disabled: hooks.acme-analytics.com');
    expect(email.text).toContain('A webhook endpoint was disabled');
    expect(email.text).toContain('after 10 messages in a row failed every retry');
    expect(email.text).toContain('Reason: Too many failed messages in a row');
    expect(email.text).toContain('No messages are sent to it until an admin enables it again.');
    expect(email.text).toContain('"Recover since" on its page sends again every message it missed.');
    expect(email.text).not.toContain('If 10 messages in a row fail');
  });

  it('disabled by a 410 Gone says so', async () => {
    const email = await render({
      ...disabled,
      reason: 'gone',
      consecutiveFailures: 0,
      lastError: 'HTTP 410 Gone',
    });
    expect(email.text).toContain('it answered 410 Gone, which asks senders to stop');
    expect(email.text).toContain('Reason: The receiver answered 410 Gone');
    expect(email.text).toContain('Failed messages in a row: 0');
  });

  it('leaves the query string out of the shown URL, and an empty last error out of the details', async () => {
    const email = await render({
      ...failing,
      endpointUrl: 'https://hooks.acme-analytics.com:8443/in?token=s3cr3t',
      lastError: '',
    });
    expect(email.subject).toBe('LysnrAI webhook endpoint failing: hooks.acme-analytics.com:8443');
    expect(email.text).toContain('Endpoint: https://hooks.acme-analytics.com:8443/in?…');
    expect(email.html).not.toContain('s3cr3t');
    expect(email.text).not.toContain('s3cr3t');
    expect(email.text).not.toContain('Last error');
    expect(displayEndpointUrl('https://hooks.example.com')).toBe('https://hooks.example.com/');
  });

  it('passes the local checks in both states', async () => {
    for (const props of [failing, disabled]) {
      const report = checkEmail(await render(props));
      expect(report.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    }
  });

  it('names each bad field', async () => {
    const paths = await issuePaths(
      render({
        ...failing,
        endpointUrl: 'ftp://hooks.example.com/in',
        state: 'paused',
        reason: 'tired',
        consecutiveFailures: -1,
        lastError: 'x'.repeat(501),
        manageUrl: '/ops/webhooks/ep_1',
      }),
    );
    expect(paths.sort()).toEqual(
      ['consecutiveFailures', 'endpointUrl', 'lastError', 'manageUrl', 'reason', 'state'].sort(),
    );
  });

  it('takes the sender props of the brief from a sender', () => {
    const { brand: _, ...sender } = disabled;
    expect(TEMPLATE_SENDER_SCHEMAS['webhook-endpoint-alert'].parse(sender)).toEqual(sender);
    const { name: __, reason: ___, ...minimal } = sender;
    expect(TEMPLATE_SENDER_SCHEMAS['webhook-endpoint-alert'].parse(minimal)).toEqual(minimal);
  });
});
