import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/**
 * A client still on the deprecated v0 (the e2e server registers it beside v1) gets the deprecation headers,
 * and the admin sees it, by its API token, on /ops/api-versions; the docs UI offers both versions.
 */
test('a client calling a deprecated version shows on /ops/api-versions', async ({ page, request }) => {
  // The docs UI renders the whole v1 document in the browser, which takes seconds on its own.
  test.setTimeout(120_000);
  const login = await request.post(`${E2E_API_ORIGIN}/v1/auth/login`, { data: E2E_ADMIN });
  expect(login.status()).toBe(200);
  const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const name = `legacy-sync-${Date.now()}`;
  const created = await request.post(`${E2E_API_ORIGIN}/v1/tokens`, { headers: admin, data: { name } });
  expect(created.status()).toBe(200);
  const { token, item } = (await created.json()) as { token: string; item: { id: string } };

  for (let i = 0; i < 2; i += 1) {
    const res = await request.get(`${E2E_API_ORIGIN}/v0/products/current`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    expect(res.headers().deprecation).toBe(`@${Date.parse('2026-01-01T00:00:00Z') / 1000}`);
    expect(res.headers().sunset).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
  }

  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API versions' }).click();
  await expect(page).toHaveURL(/\/ops\/api-versions$/);
  const versions = page.getByRole('region', { name: 'Versions', exact: true });
  await expect(versions.getByRole('row').filter({ hasText: '/v1' })).toContainText('current');
  await expect(versions.getByRole('row').filter({ hasText: '/v0' })).toContainText('deprecated');
  await expect(versions.getByRole('link', { name: 'v0 OpenAPI JSON' })).toHaveAttribute(
    'href',
    `${E2E_API_ORIGIN}/documentation/v0/json`,
  );
  const caller = page
    .getByRole('region', { name: 'Who still calls deprecated versions' })
    .getByRole('row')
    .filter({ hasText: item.id });
  await expect(caller).toContainText('API token');
  await expect(caller).toContainText('products.getCurrent');
  await expect(caller.getByRole('cell').nth(3)).toHaveText('2');
  await shot(page, 'api-versions');

  // The docs UI loads with a version picker over both documents; picking v0 shows its document.
  await page.goto(`${E2E_API_ORIGIN}/documentation/`);
  const title = page.getByRole('heading', { name: 'ByteLyst Platform API' });
  await expect(title).toBeVisible({ timeout: 45_000 });
  await page.getByText('v1 (current)').first().click();
  await page.getByText('v0 (deprecated, sunset 2027-01-01)').first().click();
  await expect(page).toHaveURL(/#v0$/);
  await expect(page.getByText(`${E2E_API_ORIGIN}/v0`).first()).toBeVisible({ timeout: 45_000 });
  await shot(page, 'api-versions-docs', false);
});
