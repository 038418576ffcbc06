import { expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
const PASSWORD = 'e2e-search-password-1';
const ADA = { email: 'e2e-search-ada@bytelyst.test', name: 'Ada Searchfield' };
const ADAM = { email: 'e2e-search-adam@bytelyst.test', name: 'Adam Searchfield' };

test('an admin finds records from the header search with "/", grouped by type, and opens a user with Enter', async ({
  page,
  request,
}) => {
  const current = await request.get(`${API}/products/current`);
  const { id: productId } = (await current.json()) as { id: string };
  const headers = { 'x-product-id': productId };
  for (const person of [ADA, ADAM]) {
    const res = await request.post(`${API}/auth/register`, {
      headers,
      data: { ...person, password: PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  const login = await request.post(`${API}/auth/login`, {
    headers,
    data: { email: ADAM.email, password: PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const item = await request.post(`${API}/tracker/items`, {
    headers: { ...headers, authorization: `Bearer ${accessToken}` },
    data: {
      kind: 'bug',
      title: 'Import fails on large files',
      body: 'Seen by <b>Searchfield</b> users only.',
    },
  });
  expect(item.status(), await item.text()).toBe(200);

  await signIn(page);
  const search = page.getByRole('combobox', { name: 'Search records' });
  // The shortcut listener attaches when the page hydrates; until then a key press does nothing.
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(search).toBeFocused({ timeout: 1000 });
  }).toPass();

  // The index follows the bus, a moment behind the writes: the results arrive once it has them.
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(async () => {
    await search.fill('');
    await search.pressSequentially('searchf');
    await expect(results.getByRole('option')).toHaveCount(3, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  const users = results.getByRole('group', { name: 'Users' });
  await expect(users.getByRole('option')).toHaveCount(2);
  await expect(results.getByRole('group', { name: 'Tracker items' }).getByRole('option')).toHaveCount(1);
  await expect(users.locator('mark').first()).toHaveText('Searchf');
  const tracker = results.getByRole('group', { name: 'Tracker items' });
  await expect(tracker).toContainText('Seen by <b>Searchfield</b> users only.');
  await expect(tracker.locator('mark')).toHaveText('Searchf');
  const options = results.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'search-grouped-results', false);

  // An exact email puts its user first; Enter opens the record.
  await search.fill(ADA.email);
  const first = options.first();
  await expect(first).toContainText(ADA.name);
  await expect(first).toContainText('exact');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'search-exact-email', false);
  await search.press('Enter');
  await expect(page).toHaveURL(/\/users\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: ADA.name })).toBeVisible();
  await expect(search).toHaveValue('');
  await shot(page, 'search-opened-user', false);
});
