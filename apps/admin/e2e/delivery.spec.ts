import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

/** The mail's page background inside the preview frame (the template paints it on <body>). */
const bodyBackground = (page: Page) =>
  page
    .frameLocator('iframe[title^="Preview of"]')
    .locator('body')
    .evaluate((body) => getComputedStyle(body).backgroundColor);

/** The dark rules of the mail layout paint the page #09090b. */
const DARK_PAGE = 'rgb(9, 9, 11)';

/** A user of the default product with one iOS device that has a push token, registered as the app would. */
async function userWithDevice(request: APIRequestContext) {
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  const email = `push-${Date.now()}@example.com`;
  const registered = await request.post(`${API}/auth/register`, {
    headers: { 'x-product-id': product.id },
    data: { email, password: 'correct-horse-battery', name: 'Push User' },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const device = await request.put(`${API}/notifications/devices`, {
    headers: { 'x-product-id': product.id, authorization: `Bearer ${accessToken}` },
    data: {
      deviceId: `e2e-phone-${Date.now()}`,
      platform: 'ios',
      pushToken: 'e2e-apns-token',
      appVersion: '2.4.0',
      locale: 'en-US',
      timeZone: 'UTC',
    },
  });
  expect(device.status(), await device.text()).toBe(200);
  return email;
}

test('an email author previews a template in every mode, fixes a broken prop and sends a test', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Email templates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email templates');
  const templates = page.getByRole('navigation', { name: 'Templates' });
  // One button per template of @bytelyst/emails (TEMPLATE_NAMES; templates.test.ts holds the count).
  await expect(templates.getByRole('button')).toHaveCount(21);
  await templates.getByRole('button', { name: /Password reset/ }).click();
  await expect(page).toHaveURL(/template=password-reset/);

  const preview = page.getByRole('region', { name: 'Password reset' });
  await expect(preview).toContainText('Subject: Reset your');
  const frame = preview.locator('iframe');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe[title^="Preview of"]').locator('body')).toContainText(
    'Reset password',
  );
  expect((await frame.boundingBox())?.width).toBe(600);
  expect(await bodyBackground(page)).not.toBe(DARK_PAGE);
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks.getByRole('meter')).toHaveAttribute('aria-valuetext', /KB of .* KB/);
  await shot(page, 'delivery-templates-desktop-light');

  // Mobile width, then dark: the frame's colour scheme is what the mail's media query sees.
  await preview.getByRole('button', { name: 'Mobile' }).click();
  await expect(preview.getByRole('button', { name: 'Mobile' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await frame.boundingBox())?.width).toBe(375);
  await preview.getByRole('button', { name: 'Dark' }).click();
  await expect.poll(() => bodyBackground(page)).toBe(DARK_PAGE);
  await shot(page, 'delivery-templates-mobile-dark');

  await preview.getByRole('tab', { name: 'Plain text' }).click();
  await expect(preview.getByRole('tabpanel')).toContainText('https://app.lysnrai.com/reset-password?token=');
  await preview.getByRole('tab', { name: 'Source' }).click();
  await expect(preview.getByRole('tabpanel')).toContainText('prefers-color-scheme: dark');
  await preview.getByRole('tab', { name: 'Plain text' }).click();

  // A broken prop: the server's error lands on its field and the last good render stays.
  const props = page.getByRole('region', { name: 'Props' });
  const resetUrl = props.getByLabel('Reset URL', { exact: true });
  await resetUrl.fill('not a url');
  await expect(resetUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(props.getByRole('alert').filter({ hasText: /url/i }).first()).toBeVisible();
  await expect(preview.getByRole('status')).toContainText('last render that worked');
  await expect(preview.getByRole('tabpanel')).toContainText('reset-password?token=');
  await resetUrl.fill('https://app.lysnrai.com/reset-password?token=e2e-fixed');
  await expect(resetUrl).not.toHaveAttribute('aria-invalid');
  await expect(preview.getByRole('tabpanel')).toContainText('token=e2e-fixed');

  // A test send goes through the outbox driver and shows up in the log, marked sent.
  const address = `author-${Date.now()}@example.com`;
  const sendTest = page.getByRole('region', { name: 'Send a test' });
  await sendTest.getByLabel('Send to').fill(address);
  await sendTest.getByRole('button', { name: 'Send test' }).click();
  await expect(toast(page, `Test sent to ${address}.`)).toBeVisible();
  await expect(sendTest.getByRole('link', { name: 'open it in the log' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Delivery' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delivery');
  await page.getByLabel('Recipient email').fill(address);
  const messages = page.getByRole('region', { name: 'Messages' });
  const row = messages.getByRole('row').filter({ hasText: address });
  await expect(messages.getByRole('row')).toHaveCount(2);
  await expect(row).toContainText('password-reset');
  await expect(row).toContainText('Test');
  await expect(row).toContainText('Sent');
  await row.getByRole('link').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Reset your .* password/);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Queued');
  await expect(timeline).toContainText('Sent');
  await expect(page.getByRole('region', { name: 'Message' })).toContainText(address);
  await page.getByRole('region', { name: 'Body' }).getByRole('tab', { name: 'Plain text' }).click();
  await expect(page.getByRole('region', { name: 'Body' })).toContainText('token=e2e-fixed');
});

test('an operator filters the log, reads a message, checks suppressions and sends an announcement', async ({
  page,
  request,
}) => {
  const email = await userWithDevice(request);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Delivery' }).click();
  await expect(page.getByRole('region', { name: 'Delivery counts, last 14 days' })).toContainText('Sent');
  await expect(page.getByRole('img', { name: /Bar chart of messages/ })).toBeVisible();

  // The welcome mail of the new user, found by channel, status and address; the filters live in the URL.
  await page.getByLabel('Channel').selectOption('email');
  await page.getByLabel('Status').selectOption('sent');
  await expect(page).toHaveURL(/channel=email/);
  await expect(page).toHaveURL(/status=sent/);
  const messages = page.getByRole('region', { name: 'Messages' });
  await page.getByLabel('Recipient email').fill(email);
  // Registration also mailed the verification link: this is about the welcome.
  const row = messages.getByRole('row').filter({ hasText: email }).filter({ hasText: 'welcome' });
  await expect(row).toContainText('welcome');
  await expect(row).toContainText('outbox');
  await page.reload();
  await expect(page.getByLabel('Recipient email')).toHaveValue(email);
  await expect(row).toContainText('welcome');
  await shot(page, 'delivery-log');

  await page.getByLabel('Status').selectOption('bounced');
  await expect(messages).toContainText('No messages match these filters');
  await page.getByLabel('Status').selectOption('sent');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welcome/i);
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Sent');
  await expect(page.getByRole('region', { name: 'Message' })).toContainText('outbox');
  await expect(page.getByRole('region', { name: 'Provider response' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Body' }).locator('iframe')).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe[title^="Body of"]').locator('body')).toContainText('Welcome');
  await shot(page, 'delivery-message');

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Delivery' }).click();
  await page
    .getByRole('navigation', { name: 'Delivery views' })
    .getByRole('link', { name: 'Suppressions' })
    .click();
  await expect(page).toHaveURL(/\/ops\/delivery\/suppressions$/);
  // No provider reports bounces in the e2e API (no SendGrid webhook key), so the list is empty.
  await expect(page.getByRole('region', { name: 'Suppressed addresses' })).toContainText(
    'No suppressed addresses',
  );
  await shot(page, 'delivery-suppressions');

  await page
    .getByRole('navigation', { name: 'Delivery views' })
    .getByRole('link', { name: 'Message log' })
    .click();
  await page.getByRole('button', { name: 'Send announcement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send announcement' });
  await dialog.getByLabel('iOS').check();
  await dialog.getByLabel('Min app version').fill('2.0.0');
  const reach = dialog.locator('output');
  await expect(reach).toHaveText(/^Reaches [1-9]\d* users? on [1-9]\d* devices?$/);
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByText('Enter a title.')).toBeVisible();
  await dialog.getByLabel('Title').fill('Dictation in 40 languages');
  await dialog.getByLabel('Body').fill('Update to 2.5 to dictate in 40 languages.');
  await shot(page, 'delivery-announcement', false);
  await dialog.getByRole('button', { name: 'Send' }).click();
  const sent = toast(page, /Announcement sent: [1-9]\d* push(es)? queued/);
  await expect(sent).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Recipient email').fill('');
  await page.getByLabel('Channel').selectOption('push');
  await page.getByLabel('Status').selectOption('');
  await expect(messages.getByRole('row').filter({ hasText: 'feature_announcement' }).first()).toBeVisible();
});
