import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

/** The default product the console signs in to: what `/products/current` resolves without a header. */
async function productHeader(request: APIRequestContext) {
  const res = await request.get(`${API}/products/current`);
  expect(res.ok()).toBe(true);
  const { id } = (await res.json()) as { id: string };
  return { 'x-product-id': id };
}

async function evaluate(request: APIRequestContext, query: Record<string, string>) {
  const res = await request.get(`${API}/flags/evaluate?${new URLSearchParams(query)}`, {
    headers: await productHeader(request),
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { flags: Record<string, boolean> }).flags;
}

async function killSwitch(request: APIRequestContext) {
  const res = await request.get(`${API}/settings/kill-switch`, { headers: await productHeader(request) });
  expect(res.status()).toBe(200);
  return (await res.json()) as { enabled: boolean; blocked: boolean; message: string };
}

test('an admin creates a flag, toggles it, moves the rollout and sees clients follow', async ({
  page,
  request,
}) => {
  const key = 'e2e-editor';
  const client = { platform: 'ios', appVersion: '2.1.0' };
  await signIn(page);
  await page.getByRole('link', { name: 'Feature flags' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feature flags');

  await page.getByRole('button', { name: 'New flag' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Key').fill(key);
  await dialog.getByLabel('Description').fill('The rewritten editor');
  await dialog.getByLabel('Rollout percentage (exact)').fill('0');
  await dialog.getByLabel('iOS').check();
  await dialog.getByLabel('Min app version').fill('2.0.0');
  await dialog.getByLabel('Always on for user ids').fill('vip-user');
  await shot(page, 'flags-create-dialog', false);
  await dialog.getByRole('button', { name: 'Create flag' }).click();
  await expect(toast(page, `Flag ${key} was created.`)).toBeVisible();
  await expect(dialog).toBeHidden();

  const flags = page.getByRole('region', { name: 'Feature flags' });
  const row = flags.getByRole('row').filter({ hasText: key });
  await expect(row).toContainText('0%');
  await expect(row).toContainText('iOS · ≥ v2.0.0 · +1 user');
  const toggle = row.getByRole('switch', { name: `Enable ${key}` });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  expect((await evaluate(request, { userId: 'vip-user', ...client }))[key]).toBe(false);

  await toggle.click();
  await expect(toast(page, `${key} is now on.`)).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect((await evaluate(request, { userId: 'vip-user', ...client }))[key]).toBe(true);
  expect((await evaluate(request, { userId: 'someone', ...client }))[key]).toBe(false);

  // Move the rollout to everyone with the slider.
  await row.getByRole('button', { name: `Edit ${key}` }).click();
  await dialog.getByRole('slider', { name: 'Rollout percentage' }).fill('100');
  await expect(dialog.getByLabel('Rollout percentage (exact)')).toHaveValue('100');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(toast(page, `Flag ${key} was saved.`)).toBeVisible();
  await expect(row).toContainText('100%');
  expect((await evaluate(request, { userId: 'someone', ...client }))[key]).toBe(true);
  expect((await evaluate(request, { deviceId: 'anon-device', ...client }))[key]).toBe(true);
  expect((await evaluate(request, { userId: 'someone', platform: 'web' }))[key]).toBe(false);

  // The tester says why a caller gets what it gets.
  const tester = page.getByRole('region', { name: 'Try it' });
  await tester.getByLabel('User id').fill('someone');
  await tester.getByLabel('Platform').selectOption('ios');
  await tester.getByLabel('App version').fill('1.9.0');
  await tester.getByRole('button', { name: 'Evaluate' }).click();
  const verdict = tester
    .getByRole('region', { name: 'Evaluation result' })
    .getByRole('row')
    .filter({ hasText: key });
  await expect(verdict).toContainText('Off');
  await expect(verdict).toContainText('App version');
  await shot(page, 'flags');

  // The toggle went out on the event bus as flag.toggled, readable in the console.
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/events$/);
  await page.getByLabel('Type').selectOption('flag.toggled');
  const toggled = page.getByRole('region', { name: 'Recent events' }).getByRole('row').nth(1);
  await expect(toggled).toContainText('flag.toggled');
  await toggled.getByRole('link', { name: 'flag.toggled' }).click();
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText(`"${key}"`);
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('"enabled": true');

  await page.getByRole('link', { name: 'Feature flags' }).click();
  await row.getByRole('button', { name: `Delete ${key}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete flag' }).click();
  await expect(toast(page, `Flag ${key} was deleted.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await evaluate(request, { userId: 'someone', ...client })).not.toHaveProperty(key);
});

test('the kill switch asks before stopping clients, and the public endpoint follows it', async ({
  page,
  request,
}) => {
  await signIn(page);
  expect(await killSwitch(request)).toMatchObject({ enabled: false, blocked: false });
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

  const card = page.getByRole('region', { name: 'Kill switch' });
  await card.getByRole('switch', { name: 'Kill switch enabled' }).click();
  await card.getByLabel('Message').fill('Sync is down for maintenance');
  await card.getByRole('button', { name: 'Save kill switch' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('Stop every client of this product?');
  await shot(page, 'settings-kill-switch-confirm', false);
  await confirm.getByRole('button', { name: 'Turn the kill switch on' }).click();
  await expect(toast(page, 'The kill switch is on')).toBeVisible();
  await expect(card).toContainText('On: clients are stopped');

  expect(await killSwitch(request)).toMatchObject({
    enabled: true,
    blocked: true,
    message: 'Sync is down for maintenance',
  });
  await expect(page.getByRole('region', { name: 'Public response' })).toContainText('"enabled": true');
  await shot(page, 'settings');

  await card.getByRole('switch', { name: 'Kill switch enabled' }).click();
  await card.getByRole('button', { name: 'Save kill switch' }).click();
  await expect(toast(page, 'The kill switch is off.')).toBeVisible();
  expect(await killSwitch(request)).toMatchObject({ enabled: false, blocked: false });
});
