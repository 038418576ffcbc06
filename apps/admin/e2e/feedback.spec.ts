import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as the apps call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

/** A user of the product who registered from an app, with the headers its calls carry. */
async function appUser(request: APIRequestContext, name: string) {
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  const registered = await request.post(`${API}/auth/register`, {
    headers: { 'x-product-id': product.id },
    data: { email: `${name}-${Date.now()}@example.com`, password: 'correct-horse-battery', name },
  });
  expect(registered.status()).toBe(200);
  const { accessToken } = (await registered.json()) as { accessToken: string };
  return { 'x-product-id': product.id, authorization: `Bearer ${accessToken}` };
}

async function send(request: APIRequestContext, headers: Record<string, string>, data: unknown) {
  const res = await request.post(`${API}/feedback`, { headers, data });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { id: string };
}

test('feedback sent from an app is converted into a tracker item; the NPS dashboard shows the scores', async ({
  page,
  request,
}) => {
  const run = Date.now().toString(36);
  const grace = await appUser(request, 'grace');
  const alan = await appUser(request, 'alan');
  const title = `Recorder freezes on rotate ${run}`;
  await send(request, grace, {
    type: 'bug_report',
    platform: 'android',
    description: `${title}\nIt happens every time.`,
    steps: ['Start a recording', 'Rotate the phone'],
    device: { model: 'Pixel 9', os: 'Android 15', appVersion: '2.4.0', screen: 'Recorder' },
  });
  // NPS answers: 2 promoters, 1 passive, 1 detractor of 4 = 50 % − 25 % = +25.
  await send(request, grace, {
    type: 'nps_survey',
    platform: 'android',
    score: 10,
    comment: `Love it ${run}`,
  });
  await send(request, alan, { type: 'nps_survey', platform: 'ios', score: 9 });
  await send(request, alan, { type: 'nps_survey', platform: 'ios', score: 8 });
  await send(request, grace, { type: 'nps_survey', platform: 'web', score: 3, comment: `Too slow ${run}` });

  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback');
  const inbox = page.getByRole('region', { name: 'Feedback inbox' });
  await page.getByLabel('Type').selectOption('bug_report');
  const row = inbox.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Bug report');
  await expect(row).toContainText('Android');
  await expect(row).toContainText('New');
  await shot(page, 'feedback-inbox');

  // Quick action: convert to a tracker item, then follow the toast to it.
  await row.getByRole('button', { name: /Convert .* to a tracker item/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert to tracker item' });
  await expect(dialog.getByLabel('Kind')).toHaveValue('bug');
  await dialog.getByRole('button', { name: 'Create item' }).click();
  await expect(toast(page, `Tracker item "${title}" was created.`)).toBeVisible();
  await expect(row).toContainText('In tracker');
  await toast(page, 'was created').getByRole('link', { name: 'Open item' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const description = page.getByRole('region', { name: 'Description' });
  await expect(description).toContainText('1. Start a recording');
  await expect(description).toContainText('Device: Pixel 9, Android 15, app 2.4.0, screen Recorder');
  await shot(page, 'feedback-tracker-item');

  // The entry's page links to the item.
  await page.goBack();
  await inbox.getByRole('link', { name: title }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Pixel 9');
  await expect(
    page.getByRole('region', { name: 'Details' }).getByRole('link', { name: /^fb_/ }),
  ).toBeVisible();
  await shot(page, 'feedback-entry');

  await page.goto('/feedback');
  await page
    .getByRole('navigation', { name: 'Feedback views' })
    .getByRole('link', { name: 'NPS dashboard' })
    .click();
  const cards = page.getByRole('region', { name: 'NPS, last 12 weeks' });
  await expect(cards).toContainText('NPS+25');
  await expect(cards).toContainText('Responses4');
  await expect(cards).toContainText('Promoters50 %');
  await expect(page.getByRole('img', { name: 'Line chart of the NPS per ISO week' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Bar chart of NPS answers per score/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Promoters (9–10)' })).toContainText(`Love it ${run}`);
  await expect(page.getByRole('region', { name: 'Detractors (0–6)' })).toContainText(`Too slow ${run}`);
  const platforms = page.getByRole('region', { name: 'By platform' });
  await expect(platforms.getByRole('row').filter({ hasText: 'iOS' })).toContainText('+50');
  await shot(page, 'feedback-nps');
});
