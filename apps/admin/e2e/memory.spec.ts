import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
const PASSWORD = 'e2e-memory-password-1';
const MIA = { email: 'e2e-memory-mia@bytelyst.test', name: 'Mia Memoria' };
const NOAH = { email: 'e2e-memory-noah@bytelyst.test', name: 'Noah Memoria' };

test("an admin finds a user's memory item from the header search, moves it to another user and deletes another", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const current = await request.get(`${API}/products/current`);
  const { id: productId } = (await current.json()) as { id: string };
  const headers = { 'x-product-id': productId };
  // Created by the admin, not signed up: sign-ups from one address are rate limited, and other journeys use them.
  const adminLogin = await request.post(`${API}/auth/login`, { headers, data: E2E_ADMIN });
  const { accessToken: adminToken } = (await adminLogin.json()) as { accessToken: string };
  for (const person of [MIA, NOAH]) {
    const res = await request.post(`${API}/users`, {
      headers: { ...headers, authorization: `Bearer ${adminToken}` },
      data: { ...person, password: PASSWORD, roles: ['user'] },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  const login = await request.post(`${API}/auth/login`, {
    headers,
    data: { email: MIA.email, password: PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const asMia = { ...headers, authorization: `Bearer ${accessToken}` };
  for (const data of [
    { text: 'Wombat burrow map for the Tasmania trip', tags: ['travel', 'ideas'], source: 'voice_note' },
    { text: 'Grocery list: oat milk, lemons', tags: ['errands'] },
  ]) {
    const res = await request.post(`${API}/memory`, { headers: asMia, data });
    expect(res.status(), await res.text()).toBe(200);
  }

  await signIn(page);
  const search = page.getByRole('combobox', { name: 'Search records' });
  const results = page.getByRole('listbox', { name: 'Search results' });
  // The index follows the bus, a moment behind the writes.
  await expect(async () => {
    await search.fill('');
    await search.pressSequentially('wombat');
    await expect(results.getByRole('group', { name: 'Memory items' }).getByRole('option')).toHaveCount(1, {
      timeout: 2000,
    });
  }).toPass({ timeout: 30_000 });
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: MIA.name })).toBeVisible();

  const card = page.getByRole('region', { name: 'Memory items' });
  await expect(card.getByRole('row')).toHaveCount(3);
  await expect(card.getByRole('row', { name: /Wombat burrow map/ })).toHaveAttribute('aria-current', 'true');
  await card.getByLabel('Tag').fill('errands');
  await expect(card.getByRole('row')).toHaveCount(2);
  await expect(card).toContainText('Grocery list');
  await card.getByLabel('Tag').fill('');
  await expect(card.getByRole('row')).toHaveCount(3);
  await shot(page, 'memory-user-card');

  await card.getByRole('button', { name: /Move “Wombat burrow map/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Move memory item' });
  await dialog.getByLabel("New owner's email").fill('nobody@bytelyst.test');
  await dialog.getByRole('button', { name: 'Move item' }).click();
  await expect(dialog.getByText('No user with this email in this product')).toBeVisible();
  await dialog.getByLabel("New owner's email").fill(NOAH.email);
  await dialog.getByRole('button', { name: 'Move item' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('row')).toHaveCount(2);

  await card.getByRole('button', { name: /Delete “Grocery list/ }).click();
  await page
    .getByRole('dialog', { name: 'Delete this memory item?' })
    .getByRole('button', { name: 'Delete item' })
    .click();
  await expect(card.getByText('No memory items')).toBeVisible();

  // The moved item is Noah's now: the search opens his page (other words than before, which the search box
  // may still hold answers for).
  await expect(async () => {
    await search.fill('');
    await search.pressSequentially('tasmania');
    await expect(results.getByRole('group', { name: 'Memory items' }).getByRole('option')).toContainText(
      'Tasmania',
      { timeout: 2000 },
    );
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: NOAH.name })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const noahs = page.getByRole('region', { name: 'Memory items' });
  await expect(noahs.getByRole('row', { name: /Wombat burrow map/ })).toContainText(
    'moved from another user',
  );
  await shot(page, 'memory-moved-item');
});
