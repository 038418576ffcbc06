import { type APIRequestContext, expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
const READ_ONLY = 'Impersonation is read-only: changes are refused while viewing as another user';

/** A user of the default product, with a setting and a device of their own, as their app would make them. */
async function appUser(request: APIRequestContext) {
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  const headers = { 'x-product-id': product.id };
  const email = `viewed-${Date.now()}@example.com`;
  const registered = await request.post(`${API}/auth/register`, {
    headers,
    data: { email, password: 'correct-horse-battery', name: 'Ada Viewed' },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  const { accessToken, user } = (await registered.json()) as { accessToken: string; user: { id: string } };
  const auth = { ...headers, authorization: `Bearer ${accessToken}` };
  const setting = await request.patch(`${API}/settings/me`, {
    headers: auth,
    data: { values: { language: 'fr' } },
  });
  expect(setting.status(), await setting.text()).toBe(200);
  const device = await request.put(`${API}/notifications/devices`, {
    headers: auth,
    data: {
      deviceId: 'ada-phone',
      platform: 'ios',
      appVersion: '3.1.0',
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
    },
  });
  expect(device.status(), await device.text()).toBe(200);
  return { id: user.id, email, auth };
}

test('an admin views as a user, sees their account, is refused a change, ends it and finds it all audited', async ({
  page,
  request,
}) => {
  const user = await appUser(request);
  await signIn(page);
  await page.goto(`/users/${user.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Viewed');
  await shot(page, 'impersonation-user-detail');

  await page.getByRole('button', { name: 'View as user' }).click();
  await expect(page).toHaveURL(/\/view-as$/);
  const banner = page.getByRole('region', { name: 'Impersonation' });
  await expect(banner).toContainText('Viewing as Ada Viewed — every action is audited');
  const timeLeft = banner.getByTestId('impersonation-time-left');
  await expect(timeLeft).toHaveText(/^1[45]:\d\d left$/);
  // It counts down.
  const first = await timeLeft.textContent();
  await expect(timeLeft).not.toHaveText(first ?? '');

  // What the user sees through the API: their profile, settings and device.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Viewed’s account');
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText(user.email);
  await expect(page.getByRole('region', { name: 'Subscription' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Settings' })).toContainText('"language": "fr"');
  await expect(page.getByRole('region', { name: 'Devices' })).toContainText('ada-phone');
  await shot(page, 'impersonation-view');

  // A change the user could make: the API refuses it, naming impersonation.
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Setting').fill('theme');
  await settings.getByLabel('Value').fill('dark');
  await settings.getByRole('button', { name: 'Save as Ada Viewed' }).click();
  await expect(settings.getByRole('alert')).toHaveText(`The API refused it (403): ${READ_ONLY}`);
  // The banner stays on screen while the page scrolls.
  await settings.scrollIntoViewIfNeeded();
  await expect(banner).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/impersonation-refused.png' });
  const own = await request.get(`${API}/settings/me`, { headers: user.auth });
  expect(((await own.json()) as { values: Record<string, unknown> }).values).toEqual({ language: 'fr' });

  // Fifteen minutes on, as the browser counts them: the banner says the view is over.
  await page.clock.install();
  await page.reload();
  await expect(timeLeft).toHaveText(/^1[45]:\d\d left$/);
  await page.clock.fastForward('15:01');
  await expect(timeLeft).toHaveText('Expired: end to go back');
  await page.screenshot({ path: 'test-results/screens/impersonation-expired.png' });

  await banner.getByRole('button', { name: 'End impersonation' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Viewed');
  // The view is gone with its token.
  await page.goto('/view-as');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This view has ended');
  await shot(page, 'impersonation-ended');

  // The audit log, filtered to impersonation: the start, each read, the refused change and the end.
  await page.goto('/audit');
  await page.getByLabel('Kind').selectOption('impersonation');
  await page.getByLabel('Target').fill(user.id);
  const rows = page.getByRole('row');
  for (const action of [
    'impersonation.start',
    'auth.getMine',
    'subscriptions.getMine',
    'usage.getMine',
    'licenses.listMine',
    'notifications.listMine',
    'settings.getMine',
    'settings.updateMine',
    'impersonation.end',
  ]) {
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  }
  const refused = rows.filter({ hasText: 'settings.updateMine' });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Refused');
  await expect(refused).toContainText(user.email);
  await expect(rows.filter({ hasText: 'impersonation.start' })).toContainText('Impersonation');
  await shot(page, 'impersonation-audit');
});
