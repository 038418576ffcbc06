import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
const MESSAGE = 'E2E: the database is being upgraded; changes are paused.';
const ADMIN_NOTE = 'Runbook: ops/db-upgrade. Ping the on-call before switching back.';

/**
 * Maintenance changes global state of the shared e2e API, so this spec works on a product of its own: the
 * default product the other specs use never goes read-only, even if this one fails half-way (and the config
 * runs with one worker, one spec file after another, besides). The finally block still switches it off.
 */
const PRODUCT = `maint-${Date.now().toString(36)}`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function adminHeaders(request: APIRequestContext) {
  const res = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

test('an admin switches a product read-only, sees the banner and a refused change, then switches back', async ({
  page,
  request,
}) => {
  const headers = await adminHeaders(request);
  const created = await request.post(`${API}/products`, {
    headers,
    data: { id: PRODUCT, name: 'E2E Maintenance', status: 'active' },
  });
  expect(created.status(), await created.text()).toBe(200);
  try {
    await signIn(page);
    await page.getByLabel('Product', { exact: true }).selectOption(PRODUCT);
    await page.getByRole('link', { name: 'Maintenance', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maintenance');
    await expect(page.getByRole('region', { name: 'Maintenance notice' })).toHaveCount(0);

    // Read-only, with nobody bypassing it (the admin included), so the admin sees what users see.
    await page.getByRole('radio', { name: 'Read-only' }).check();
    await page.getByLabel('Message', { exact: true }).fill(MESSAGE);
    await page.getByLabel('Admin message').fill(ADMIN_NOTE);
    const bypass = page.getByRole('group', { name: 'Who passes' });
    await bypass.getByRole('checkbox', { name: 'Admin', exact: true }).uncheck();
    await bypass.getByRole('checkbox', { name: 'Super admin' }).uncheck();
    const preview = page.getByRole('region', { name: 'Banner preview' });
    await expect(preview).toContainText(MESSAGE);
    await expect(preview).toContainText(ADMIN_NOTE);
    await shot(page, 'maintenance-editor');

    await page.getByRole('button', { name: 'Save maintenance mode' }).click();
    const confirm = page.getByRole('dialog', { name: 'Switch to read-only?' });
    await confirm.getByRole('button', { name: 'Switch to read-only' }).click();
    await expect(toast(page, 'Maintenance mode is read-only.')).toBeVisible();
    const banner = page.getByRole('region', { name: 'Maintenance notice' });
    await expect(banner).toContainText('Read-only');
    await expect(banner).toContainText(MESSAGE);
    await expect(banner).toContainText(ADMIN_NOTE);
    // The switch's checklist: read-only holds nothing, every step is carried out.
    const checklist = page.getByRole('region', { name: 'Switch checklist' });
    await expect(checklist).toContainText('Off → Read-only, by hand');
    await expect(checklist.getByRole('listitem', { name: 'Show the banner' })).toContainText('Done');
    await shot(page, 'maintenance-read-only');

    // Reads still work, under the banner on every page...
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(banner).toContainText(MESSAGE);
    // ...a change is refused with the product's message.
    await page.getByLabel('Message', { exact: true }).fill('A kill switch message that cannot be saved');
    await page.getByRole('button', { name: 'Save kill switch' }).click();
    await expect(page.getByRole('region', { name: 'Kill switch' }).getByRole('alert')).toContainText(MESSAGE);
    await shot(page, 'maintenance-refused-change');

    // Back to off: the way out is never refused.
    await banner.getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('radio', { name: 'Off' }).check();
    await page.getByRole('button', { name: 'Save maintenance mode' }).click();
    await expect(toast(page, 'Maintenance mode is off.')).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect(checklist).toContainText('Read-only → Off, by hand');
    await shot(page, 'maintenance-off');
  } finally {
    const off = await request.put(`${API}/settings/maintenance`, {
      headers: { ...headers, 'x-product-id': PRODUCT },
      data: { mode: 'off' },
    });
    expect(off.status(), await off.text()).toBe(200);
  }
});
