import { type APIRequestContext, expect, test } from '@playwright/test';
import { startWebhookReceiver } from '../../../packages/routers/src/testing/webhook-receiver';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;

async function bearer(request: APIRequestContext) {
  const res = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  return { authorization: `Bearer ${accessToken}`, 'x-product-id': product.id };
}

test('a support engineer opens an event and reads its whole story, then recovers since a time', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // The customer's receiver is down for the first attempt and answers the retry.
  const receiver = await startWebhookReceiver({ answer: (n) => ({ status: n === 1 ? 500 : 200 }) });
  const auth = await bearer(request);
  const run = Date.now().toString(36);
  try {
    const endpoint = await request.post(`${API}/webhooks/endpoints`, {
      headers: auth,
      data: { url: `${receiver.url}/hooks`, eventTypes: ['user.created'], description: 'E2E timeline' },
    });
    expect(endpoint.ok(), await endpoint.text()).toBe(true);
    const { id: endpointId } = (await endpoint.json()) as { id: string };
    const created = await request.post(`${API}/users`, {
      headers: auth,
      data: {
        email: `timeline.${run}@example.com`,
        name: 'Tina Timeline',
        password: 'correct-horse-battery',
        roles: ['user'],
      },
    });
    expect(created.ok(), await created.text()).toBe(true);
    // The id a customer reads in the webhook-id header of the message they got.
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const eventId = String(receiver.received[0]?.headers['webhook-id']);

    await signIn(page);
    await page.goto(`/ops/events/${encodeURIComponent(eventId)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('user.created');
    const timeline = page.getByRole('list', { name: 'Event timeline' });
    const entry = (kind: string) => timeline.locator(`li[data-kind="${kind}"]`);
    await expect(entry('audit')).toContainText(`users.create by ${E2E_ADMIN.email}`);
    await expect(entry('subscriber').filter({ hasText: 'delivery.welcome' })).toContainText('succeeded');
    await expect(entry('email')).toContainText(`welcome mail to timeline.${run}@example.com`);
    await expect(entry('email')).toContainText('sent by delivery.welcome');
    await expect(entry('webhook_message')).toContainText(`Webhook message to endpoint ${endpointId}`);
    // The page follows the retry as it happens: the failed attempt, then the one that got through.
    await expect(entry('webhook_attempt')).toHaveCount(2, { timeout: 60_000 });
    await expect(entry('webhook_attempt').first()).toContainText('Attempt 1 (scheduled): 500');
    await expect(entry('webhook_attempt').nth(1)).toContainText('succeeded');
    await expect(entry('webhook_message')).toContainText('succeeded');
    // Oldest first, ending with the retry that got through.
    const times = await timeline
      .locator('li time')
      .evaluateAll((items) => items.map((item) => item.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort());
    await expect(timeline.locator('li').last()).toHaveAttribute('data-kind', 'webhook_attempt');
    await shot(page, 'event-timeline');

    // Each entry leads to its own page: the mail in the delivery log.
    await entry('email').getByRole('link').click();
    await expect(page).toHaveURL(/\/ops\/delivery\/dlv_/);
    await expect(page.getByRole('main')).toContainText(`timeline.${run}@example.com`);

    // Recover since a time: the counts first, then one run that follows every channel to the end.
    await page.goto('/ops/events');
    await page.getByRole('button', { name: 'Recover since…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover since…' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const counts = dialog.getByRole('definition');
    await expect(dialog.getByText('Webhooks', { exact: true })).toBeVisible();
    await expect(counts.nth(0)).toContainText('failed');
    await expect(counts.nth(1)).toContainText(/\d+ failed, \d+ held/);
    await expect(counts.nth(2)).toContainText('skipped');
    await shot(page, 'event-recovery-preview', false);
    await dialog.getByRole('button', { name: 'Recover all' }).click();
    const progress = dialog.getByRole('region', { name: 'Recovery progress' });
    await expect(progress.getByText('Done')).toBeVisible({ timeout: 60_000 });
    await expect(progress.getByRole('progressbar')).toHaveCount(3);
    await shot(page, 'event-recovery-done', false);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await request.delete(`${API}/webhooks/endpoints/${endpointId}`, { headers: auth });
  } finally {
    await receiver.close();
  }
});
