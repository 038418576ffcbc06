import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function productHeader(request: APIRequestContext) {
  const res = await request.get(`${API}/products/current`);
  expect(res.ok()).toBe(true);
  const { id } = (await res.json()) as { id: string };
  return { 'x-product-id': id };
}

test('client errors arrive, cluster, get resolved; the policy and devices are managed', async ({
  page,
  request,
}) => {
  const run = Date.now().toString(36);
  const headers = await productHeader(request);
  const at = new Date().toISOString();
  const stack = `Error: e2e\n    at checkout${run} (https://app.example.com/main.js:10:5)\n    at onClick (ui.js:3:9)`;
  const ingest = await request.post(`${API}/telemetry/ingest`, {
    headers,
    data: {
      events: [
        ...[17, 42, 99].map((order, i) => ({
          name: 'checkout.failed',
          level: 'error',
          at,
          platform: 'web',
          appVersion: '4.2.0',
          deviceId: `e2e-device-${i}`,
          message: `E2E ${run} checkout failed for order ${order}`,
          stack,
          props: { order, step: 'payment' },
        })),
        { name: `e2e.${run}.opened`, level: 'info', at, platform: 'ios', appVersion: '4.2.0' },
      ],
    },
  });
  expect(ingest.status()).toBe(200);
  expect(await ingest.json()).toEqual({ accepted: 4, sampledOut: 0 });

  await signIn(page);
  await page.getByRole('link', { name: 'Telemetry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Telemetry');

  // Client events: filter by name, expand a row to its stack and props.
  await page.getByLabel('Event name').fill('checkout.failed');
  await page.getByLabel('Level').selectOption('error');
  const events = page.getByRole('region', { name: 'Client events' });
  const row = events.getByRole('row').filter({ hasText: `order 42` });
  await expect(row).toContainText('error');
  await row.getByRole('button', { name: /Details of checkout.failed/ }).click();
  await expect(events.getByText(`at checkout${run}`)).toBeVisible();
  await expect(events.getByText('"step": "payment"').first()).toBeVisible();
  await shot(page, 'telemetry-events');

  // Error clusters: one cluster of three, resolved, then reopened from its page.
  await page.getByRole('link', { name: 'Error clusters' }).click();
  const title = `E2E ${run} checkout failed for order <n>`;
  const clusters = page.getByRole('region', { name: 'Error clusters' });
  const clusterRow = clusters.getByRole('row').filter({ hasText: title });
  await expect(clusterRow.getByRole('cell').nth(1)).toHaveText('3');
  await shot(page, 'telemetry-clusters');
  await clusterRow.getByRole('button', { name: `Resolve ${title}` }).click();
  await expect(toast(page, /Cluster resolved/)).toBeVisible();
  await expect(clusterRow).toHaveCount(0);
  await page.getByLabel('Status').selectOption('resolved');
  await expect(clusterRow).toContainText('Resolved');
  await clusterRow.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('region', { name: 'Recent events' }).getByRole('row')).toHaveCount(4);
  await shot(page, 'telemetry-cluster-detail');
  await page.getByRole('button', { name: 'Reopen this cluster' }).click();
  await expect(toast(page, 'Cluster reopened.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resolve this cluster' })).toBeVisible();

  // Policies: a longer retention saves at once, a shorter one asks first.
  await page.getByRole('link', { name: 'Telemetry' }).first().click();
  await page.getByRole('link', { name: 'Policies' }).click();
  await page.getByLabel('debug', { exact: true }).fill('50');
  await page.getByLabel('Denied event names').fill('e2e.noise.*');
  await page.getByLabel('Retention (days)').fill('60');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(toast(page, /Collection policy saved/)).toBeVisible();
  await page.getByLabel('Retention (days)').fill('45');
  await page.getByRole('button', { name: 'Save policy' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('Events older than 45 days');
  await confirm.getByRole('button', { name: 'Shorten retention' }).click();
  await expect(toast(page, /Collection policy saved/)).toBeVisible();
  await shot(page, 'telemetry-policy');
  const denied = await request.post(`${API}/telemetry/ingest`, {
    headers,
    data: { events: [{ name: 'e2e.noise.scroll', level: 'info', at, platform: 'web', appVersion: '1' }] },
  });
  expect(await denied.json()).toEqual({ accepted: 0, sampledOut: 1 });

  // Devices: a signed-in client registers one; the admin list filters by platform.
  const email = `devices-${run}@example.com`;
  const registered = await request.post(`${API}/auth/register`, {
    headers,
    data: { email, password: 'device-owner-password-1', name: 'Device Owner' },
  });
  expect(registered.ok()).toBe(true);
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const device = await request.put(`${API}/notifications/devices`, {
    headers: { ...headers, authorization: `Bearer ${accessToken}` },
    data: {
      deviceId: `pixel-${run}`,
      platform: 'android',
      pushToken: `fcm-token-${run}`,
      appVersion: '4.2.0',
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
    },
  });
  expect(device.status()).toBe(200);
  await page.getByRole('link', { name: 'Devices' }).click();
  await page.getByLabel('Platform').selectOption('android');
  const devices = page.getByRole('region', { name: 'Devices' });
  const deviceRow = devices.getByRole('row').filter({ hasText: `pixel-${run}` });
  await expect(deviceRow).toContainText('Europe/Paris');
  await expect(deviceRow).toContainText('Registered');
  await shot(page, 'telemetry-devices');
});
