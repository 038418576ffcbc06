import { type APIRequestContext, expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a desktop client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

async function productHeader(request: APIRequestContext) {
  const res = await request.get(`${API}/products/current`);
  expect(res.ok()).toBe(true);
  const { id } = (await res.json()) as { id: string };
  return { 'x-product-id': id };
}

test('an admin generates a key shown once, a client activates it, and the admin frees a device and revokes it', async ({
  page,
  request,
}) => {
  await signIn(page);

  await page.getByRole('link', { name: 'Licenses' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  await page.getByRole('button', { name: 'Generate key' }).click();
  const dialog = page.getByRole('dialog');
  // A clear error before anything is sent.
  await dialog.getByRole('button', { name: 'Generate key' }).click();
  await expect(dialog.getByText('Enter the email or id of the user who receives the license.')).toBeVisible();
  // Named by email: one that no user has is refused on the field.
  await dialog.getByLabel('User (email or ID)').fill('nobody@example.com');
  await dialog.getByRole('button', { name: 'Generate key' }).click();
  await expect(dialog.getByText('No user with the email nobody@example.com in this product.')).toBeVisible();
  await dialog.getByLabel('User (email or ID)').fill(E2E_ADMIN.email);
  await dialog.getByLabel('Device limit').fill('2');
  await dialog.getByLabel('Note').fill('E2E order');
  await dialog.getByRole('button', { name: 'Generate key' }).click();
  const shown = dialog.getByTestId('new-license-key');
  await expect(shown).toHaveText(/^BLST(-[2-9A-HJKMNP-Z]{5}){4}$/);
  const key = (await shown.textContent())?.trim() ?? '';
  await shot(page, 'licenses-generated', false);
  await dialog.getByRole('button', { name: 'I have sent it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(key)).toHaveCount(0);
  const hint = `${key.slice(0, 10)}-…-${key.slice(-4)}`;
  const row = page.getByRole('row').filter({ hasText: hint });
  await expect(row).toContainText('0 / 2');
  await expect(row).toContainText(E2E_ADMIN.email);
  await expect(row).toContainText('Active');

  // A client activates it; a typo fails before any lookup.
  const headers = await productHeader(request);
  const typo = `${key.slice(0, -3)}${key.at(-3) === 'A' ? 'B' : 'A'}${key.slice(-2)}`;
  const bad = await request.post(`${API}/licenses/activate`, {
    headers,
    data: { key: typo, deviceId: 'e2e-mac' },
  });
  expect(bad.status()).toBe(400);
  const activated = await request.post(`${API}/licenses/activate`, {
    headers,
    data: { key, deviceId: 'e2e-mac', deviceName: 'E2E MacBook', platform: 'macos' },
  });
  expect(activated.status()).toBe(200);
  expect(await activated.json()).toMatchObject({ activeDevices: 1, maxDevices: 2, alreadyActive: false });
  const validated = await request.post(`${API}/licenses/validate`, {
    headers,
    data: { key, deviceId: 'e2e-mac' },
  });
  expect(await validated.json()).toMatchObject({ valid: true, reason: 'ok' });

  await page.reload();
  await expect(row).toContainText('1 / 2');
  await shot(page, 'licenses');
  await row.getByRole('link', { name: hint }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hint);
  const devices = page.getByRole('region', { name: 'Activated devices' });
  await expect(devices).toContainText('E2E MacBook');
  await shot(page, 'license-detail');

  await devices.getByRole('button', { name: 'Deactivate e2e-mac' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate device' }).click();
  await expect(devices.getByText('Not activated on any device yet')).toBeVisible();

  await page.getByRole('button', { name: 'Revoke', exact: true }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Reason (optional)').fill('Refunded');
  await confirm.getByRole('button', { name: 'Revoke license' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('region', { name: 'License', exact: true })).toContainText('Refunded');
  const after = await request.post(`${API}/licenses/validate`, {
    headers,
    data: { key, deviceId: 'e2e-mac' },
  });
  expect(await after.json()).toMatchObject({ valid: false, reason: 'revoked' });
  await shot(page, 'license-revoked');

  await page.getByRole('link', { name: 'Licenses' }).first().click();
  await page.getByLabel('Filter by status').selectOption('revoked');
  await expect(page.getByRole('row').filter({ hasText: hint })).toContainText('Revoked');
  await page.getByLabel('Filter by status').selectOption('active');
  await expect(page.getByRole('row').filter({ hasText: hint })).toHaveCount(0);
});
