import { createPublicKey, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { type Received, startWebhookReceiver } from '../../../packages/routers/src/testing/webhook-receiver';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as integrations call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

type Verifier = { verify(payload: string, headers: Record<string, string>): unknown };
/**
 * The Standard Webhooks reference library, as a receiver would use it. It is a dependency of
 * @bytelyst/routers (its tests verify with it), not of the console, so it is loaded from there.
 */
const { Webhook } = createRequire(new URL('../../../packages/routers/package.json', import.meta.url))(
  'standardwebhooks',
) as { Webhook: new (secret: string) => Verifier };

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function bearer(request: APIRequestContext) {
  const res = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  // The product the console signs in to: what `/products/current` resolves without a header.
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  return { authorization: `Bearer ${accessToken}`, 'x-product-id': product.id };
}

async function post<T>(
  request: APIRequestContext,
  path: string,
  headers: Record<string, string>,
  data: unknown,
) {
  const res = await request.post(`${API}${path}`, { headers, data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A received request's headers as a verifier takes them (one string per name). */
const headersOf = (received: Received): Record<string, string> =>
  Object.fromEntries(
    Object.entries(received.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );

/**
 * Opens Webhooks from the sidebar. Right after sign-in the sidebar may still restore its groups and scroll, which
 * can move the link under the pointer, so the click is retried until the page is there.
 */
async function openWebhooks(page: Page) {
  await expect(async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks', { timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}

type FlagToggled = { type: string; data: { flagId: string; enabled: boolean } };

test('an admin adds a webhook endpoint, follows its messages, recovers a failure, rotates and removes it', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const receiver = await startWebhookReceiver();
  const auth = await bearer(request);
  const url = `${receiver.url}/hooks`;
  const flag = await post<{ id: string }>(request, '/flags', auth, {
    key: `e2e-webhooks-${Date.now().toString(36)}`,
    description: 'Toggled to make flag.toggled events',
  });
  /** The n-th request the receiver got (1-based), once it has arrived. */
  const nth = async (n: number) => {
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
    const received = receiver.received[n - 1];
    if (!received) throw new Error(`request ${n} missing`);
    return received;
  };
  try {
    await signIn(page);
    await openWebhooks(page);

    // The API's refusals land on the fields they concern: first the filter, then the address.
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog');
    const urlField = dialog.getByLabel('URL', { exact: true });
    await urlField.fill('http://10.0.0.1/hooks');
    await dialog.getByLabel('Description').fill('E2E receiver');
    await dialog.getByLabel('Add event type').fill('nosuch.*');
    await dialog.getByLabel('Add event type').press('Enter');
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(
      dialog.getByRole('alert').filter({ hasText: "No public event matches 'nosuch.*'" }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Remove nosuch.*' }).click();
    await dialog.getByLabel('Add event type').fill('flag.*');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(urlField).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert').filter({ hasText: '10.0.0.1 is' })).toBeVisible();
    await expect(
      dialog.getByRole('alert').filter({ hasText: 'This URL is not allowed for webhooks' }),
    ).toBeVisible();

    await urlField.fill(url);
    await dialog.getByRole('button', { name: 'Add header' }).click();
    await dialog.getByLabel('Header 1 name').fill('X-Tenant');
    await dialog.getByLabel('Header 1 value').fill('e2e-tenant');
    await shot(page, 'webhooks-create-dialog', false);
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret, once, with a copy button.
    await expect(dialog.getByRole('heading', { name: 'Copy the signing secret' })).toBeVisible();
    const secret = (await dialog.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    await dialog.getByRole('button', { name: 'Copy signing secret' }).click();
    await expect(dialog.getByRole('button', { name: 'Copy signing secret' })).toContainText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, 'webhooks-secret-once', false);
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('body')).not.toContainText(secret);

    const endpoints = page.getByRole('region', { name: 'Webhook endpoints' });
    const row = endpoints.getByRole('row').filter({ hasText: url });
    await expect(row).toContainText('flag.*');
    await expect(row).toContainText('Healthy');
    await expect(row.getByRole('img', { name: 'No attempts yet' })).toBeVisible();

    // A real event: the flag is turned on. The receiver gets it signed so standardwebhooks accepts it.
    await post(request, `/flags/${flag.id}/toggle`, auth, { enabled: true });
    const first = await nth(1);
    expect(first.path).toBe('/hooks');
    expect(first.headers['x-tenant']).toBe('e2e-tenant');
    const delivered = new Webhook(secret).verify(first.body, headersOf(first)) as FlagToggled;
    expect(delivered).toMatchObject({ type: 'flag.toggled', data: { flagId: flag.id, enabled: true } });
    const eventId = String(first.headers['webhook-id']);
    await expect(row.getByRole('img', { name: '1 of 1 recent attempts succeeded' })).toBeVisible({
      timeout: 20_000,
    });
    await shot(page, 'webhooks-endpoints');

    await row.getByRole('link', { name: url }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E receiver');
    const log = page.getByRole('region', { name: 'Attempt log' });
    const firstRow = log.getByRole('row').filter({ hasText: eventId });
    await expect(firstRow).toContainText('Succeeded');
    await expect(firstRow).toContainText('200');

    await firstRow.getByRole('link', { name: 'flag.toggled' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('flag.toggled');
    await expect(page.getByRole('region', { name: 'Body' })).toContainText(flag.id);
    const attempt1 = page.getByRole('listitem').filter({ hasText: 'Attempt 1' });
    await expect(attempt1).toContainText('First attempt');
    await expect(attempt1).toContainText('webhook-signature');
    await expect(attempt1).toContainText('X-Tenant(set)');
    // Custom header values may be credentials: the log names them only.
    await expect(attempt1).not.toContainText('e2e-tenant');
    await expect(attempt1.getByText('ok', { exact: true })).toBeVisible();
    await shot(page, 'webhooks-message');
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E receiver');

    // A test send of the catalogue's example, with its schema at hand.
    const sendTest = page.getByRole('region', { name: 'Send test event' });
    await expect(sendTest.getByLabel('Test event type')).toHaveValue('flag.toggled');
    await sendTest.getByText('Example payload', { exact: true }).click();
    await expect(sendTest).toContainText('"percentage"');
    await sendTest.getByRole('button', { name: 'Send test' }).click();
    const result = sendTest.getByRole('region', { name: 'Test result' });
    await expect(result).toContainText('Succeeded');
    await expect(result).toContainText('200');
    await expect(result.getByText('ok', { exact: true })).toBeVisible();
    const testSend = await nth(2);
    expect(new Webhook(secret).verify(testSend.body, headersOf(testSend))).toMatchObject({
      type: 'flag.toggled',
      data: { flagId: 'new-editor' },
    });
    await shot(page, 'webhooks-endpoint');

    // The receiver fails: the message is retried, and the log says so.
    receiver.setAnswer({ status: 500, body: 'receiver down' });
    await post(request, `/flags/${flag.id}/toggle`, auth, { enabled: false });
    const failedId = String((await nth(3)).headers['webhook-id']);
    const failing = log.getByRole('row').filter({ hasText: failedId });
    await expect(failing).toContainText('Retrying');
    await expect(failing).toContainText('HTTP 500');
    await log.getByLabel('Status').selectOption('retrying');
    await expect(page).toHaveURL(/status=retrying/);
    await expect(failing).toBeVisible();
    await expect(log.getByRole('row').filter({ hasText: eventId })).toHaveCount(0);
    await shot(page, 'webhooks-attempt-log-retrying');
    await log.getByRole('button', { name: 'Clear filters' }).click();
    await expect(firstRow).toBeVisible();

    // Back up: recover since a day ago sends the failed message again, with progress, until done.
    receiver.setAnswer({ status: 200, body: 'ok' });
    const recover = page.getByRole('region', { name: 'Recover since…' });
    await recover.getByRole('button', { name: 'Start recovery' }).click();
    const progress = recover.getByRole('region', { name: 'Recovery progress' });
    await expect(progress).toContainText('Done');
    await expect(progress).toContainText('Scanned 3 messages, sent 1 again');
    await expect(failing).toContainText('Succeeded');
    const recovered = receiver.received[receiver.received.length - 1];
    expect(recovered?.headers['webhook-id']).toBe(failedId);
    if (recovered) {
      expect(new Webhook(secret).verify(recovered.body, headersOf(recovered))).toMatchObject({
        data: { enabled: false },
      });
    }
    await shot(page, 'webhooks-recovered');

    await failing.getByRole('link', { name: 'flag.toggled' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('flag.toggled');
    const newest = page.getByRole('region', { name: 'Attempts' }).getByRole('listitem').first();
    await expect(newest).toContainText('Recovery');
    await expect(newest).toContainText('Succeeded');
    await expect(page.getByRole('region', { name: 'Attempts' })).toContainText('HTTP 500');
    // Resend: the same webhook-id once more.
    const before = receiver.received.length;
    await page.getByRole('button', { name: 'Resend' }).click();
    await expect(toast(page, 'queued again')).toBeVisible();
    expect(String((await nth(before + 1)).headers['webhook-id'])).toBe(failedId);
    await expect(newest).toContainText('Resend');
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1).click();

    // Rotation: a new secret, once; the previous one still signs for 24 hours.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(dialog.getByRole('heading', { name: 'Copy the new secret' })).toBeVisible();
    const rotated = (await dialog.getByTestId('webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await expect(dialog).toContainText('keeps signing beside it until');
    await shot(page, 'webhooks-rotated', false);
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    const settings = page.getByRole('region', { name: 'Endpoint', exact: true });
    await expect(settings).toContainText('the previous secret also signs until');
    // Edit, then switch sending off and on again.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(dialog.getByLabel('URL', { exact: true })).toHaveValue(url);
    await dialog.getByLabel('Rate limit').fill('5');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(toast(page, `Endpoint ${url} was saved.`)).toBeVisible();
    await expect(settings).toContainText('5 messages per second');
    await settings.getByRole('switch', { name: 'Disable endpoint' }).click();
    await expect(page.getByRole('region', { name: 'Delivery health' })).toContainText('Disabled');
    await expect(page.getByRole('region', { name: 'Delivery health' })).toContainText('by an admin');
    await settings.getByRole('switch', { name: 'Enable endpoint' }).click();
    await expect(page.getByRole('region', { name: 'Delivery health' })).toContainText('Healthy');

    const count = receiver.received.length;
    await sendTest.getByRole('button', { name: 'Send test' }).click();
    await expect(result).toContainText('200');
    const overlap = await nth(count + 1);
    expect(String(overlap.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const key of [rotated, secret]) new Webhook(key).verify(overlap.body, headersOf(overlap));

    // The event's page lists the messages it produced, and sends it to webhooks again.
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await expect(page).toHaveURL(/\/ops\/events$/);
    await page.getByLabel('Type').selectOption('flag.toggled');
    const eventRow = page
      .getByRole('region', { name: 'Recent events' })
      .getByRole('row')
      .filter({ hasText: eventId });
    await eventRow.getByRole('link', { name: 'flag.toggled' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('flag.toggled');
    const messages = page.getByRole('region', { name: 'Webhook messages' });
    const message = messages.getByRole('row').filter({ hasText: url });
    await expect(message).toContainText('Succeeded');
    await expect(message.getByRole('link', { name: 'Open message' })).toBeVisible();
    const sent = receiver.received.length;
    await messages.getByRole('button', { name: 'Send to webhooks again' }).click();
    await dialog.getByRole('button', { name: 'Send again' }).click();
    await expect(toast(page, 'Sending flag.toggled again to 1 endpoint')).toBeVisible();
    expect(String((await nth(sent + 1)).headers['webhook-id'])).toBe(eventId);
    await expect(message).toContainText('Succeeded');
    await shot(page, 'webhooks-event-messages');
    await message.getByRole('link', { name: 'Open message' }).click();
    await expect(page.getByRole('region', { name: 'Attempts' }).getByRole('listitem').first()).toContainText(
      'Resend',
    );

    // Removal, with a confirmation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await endpoints.getByRole('row').filter({ hasText: url }).getByRole('link', { name: url }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page).toHaveURL(/\/ops\/webhooks$/);
    await expect(toast(page, 'The endpoint was removed')).toBeVisible();
    await expect(endpoints.getByRole('row').filter({ hasText: url })).toHaveCount(0);
  } finally {
    await request.delete(`${API}/flags/${flag.id}`, { headers: auth });
    await receiver.close();
  }
});

test('an admin adds an ed25519 (v1a) endpoint and its receiver verifies with the public key alone', async ({
  page,
}) => {
  const receiver = await startWebhookReceiver();
  const url = `${receiver.url}/asymmetric`;
  try {
    await signIn(page);
    await openWebhooks(page);
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL', { exact: true }).fill(url);
    await dialog.getByLabel('Add event type').fill('flag.toggled');
    await dialog.getByLabel('Signature scheme').selectOption('v1a');
    // A typed entry not added with the button is part of the filter too.
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();

    await expect(dialog.getByRole('heading', { name: 'Copy the public key' })).toBeVisible();
    const publicKey = (await dialog.getByTestId('webhook-public-key').textContent()) ?? '';
    expect(publicKey).toMatch(/^whpk_/);
    await expect(dialog.getByTestId('webhook-secret')).toHaveText(/^whsk_/);
    await dialog.getByRole('button', { name: 'Copy public key for the receiver' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(publicKey);
    await shot(page, 'webhooks-v1a-keys', false);
    await dialog.getByRole('button', { name: 'I have stored it' }).click();

    const row = page
      .getByRole('region', { name: 'Webhook endpoints' })
      .getByRole('row')
      .filter({ hasText: url });
    await expect(row).toContainText('flag.toggled');
    await row.getByRole('link', { name: url }).click();
    const settings = page.getByRole('region', { name: 'Endpoint', exact: true });
    await expect(settings).toContainText('v1a · ed25519');
    // The public key is no secret: it stays on the page.
    await expect(settings.getByTestId('endpoint-public-key')).toHaveText(publicKey);

    const sendTest = page.getByRole('region', { name: 'Send test event' });
    await sendTest.getByRole('button', { name: 'Send test' }).click();
    await expect(sendTest.getByRole('region', { name: 'Test result' })).toContainText('200');
    await expect.poll(() => receiver.received.length).toBe(1);
    const [message] = receiver.received;
    if (!message) throw new Error('no request');
    const id = String(message.headers['webhook-id']);
    const timestamp = String(message.headers['webhook-timestamp']);
    const signatures = String(message.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatch(/^v1a,/);
    // Nothing that could sign reaches the receiver: no HMAC headers either.
    expect(message.headers['x-webhook-signature']).toBeUndefined();
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey.slice(5), 'base64').toString('base64url') },
      format: 'jwk',
    });
    const signed = Buffer.from(`${id}.${timestamp}.${message.body}`);
    expect(verify(null, signed, key, Buffer.from(signatures[0]?.slice(4) ?? '', 'base64'))).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(`${id}.${timestamp}.{}`),
        key,
        Buffer.from(signatures[0]?.slice(4) ?? '', 'base64'),
      ),
    ).toBe(false);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page).toHaveURL(/\/ops\/webhooks$/);
  } finally {
    await receiver.close();
  }
});
