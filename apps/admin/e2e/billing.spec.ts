import { expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

test('an admin defines a plan, makes it the default, and finds a new user trialing on it', async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Plans & subscriptions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plans & subscriptions' })).toBeVisible();
  const plans = page.getByRole('region', { name: 'Plans' });
  await expect(plans.getByRole('row')).toHaveCount(4);
  await expect(plans.getByRole('row').filter({ hasText: 'Free' })).toContainText('Default');

  // Create: a clear error first, then a plan with a quota and a feature.
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog.getByText('Enter a name.')).toBeVisible();
  await dialog.getByLabel('Code', { exact: true }).fill('team');
  await dialog.getByLabel('Name', { exact: true }).fill('Team');
  await dialog.getByLabel('Description', { exact: true }).fill('For small teams');
  await dialog.getByLabel('Price', { exact: true }).fill('29');
  await dialog.getByLabel('Trial days', { exact: true }).fill('7');
  await dialog.getByLabel('Device limit', { exact: true }).fill('5');
  await dialog.getByLabel('Sort order', { exact: true }).fill('15');
  await dialog.getByRole('button', { name: 'Add quota' }).click();
  await dialog.getByLabel('Quota 1 metric', { exact: true }).fill('api.calls');
  await dialog.getByLabel('Quota 1 limit', { exact: true }).fill('5000');
  await dialog.getByRole('button', { name: 'Add feature' }).click();
  await dialog.getByLabel('Feature 1', { exact: true }).fill('Shared workspaces');
  await shot(page, 'billing-plan-dialog', false);
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();
  const team = plans.getByRole('row').filter({ hasText: 'team' });
  await expect(team).toContainText('$29.00 / month');
  await expect(team).toContainText('api.calls 5,000 / mo');
  await expect(team).toContainText('7-day trial');

  // Edit the price, then make it the default.
  await page.getByRole('button', { name: 'Edit Team' }).click();
  await dialog.getByLabel('Price', { exact: true }).fill('39');
  await dialog.getByRole('button', { name: 'Save plan' }).click();
  await expect(team).toContainText('$39.00 / month');
  await page.getByRole('button', { name: 'Make Team the default' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make default' }).click();
  await expect(team).toContainText('Default');
  await expect(plans.getByRole('row').filter({ hasText: 'Free' })).toContainText('On offer');
  await shot(page, 'billing-plans');

  // A client registers: the new user starts a trial on the default plan.
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  const email = `trial-${Date.now()}@example.com`;
  const registered = await request.post(`${API}/auth/register`, {
    headers: { 'x-product-id': product.id },
    data: { email, password: 'correct-horse-battery', name: 'Trial User' },
  });
  expect(registered.status()).toBe(200);
  // Reading it creates it if the registration subscriber has not run yet.
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const mine = await request.get(`${API}/subscriptions/me`, {
    headers: { 'x-product-id': product.id, authorization: `Bearer ${accessToken}` },
  });
  expect(await mine.json()).toMatchObject({ subscription: { planCode: 'team', status: 'trialing' } });
  const pricing = await request.get(`${API}/plans`, { headers: { 'x-product-id': product.id } });
  expect(((await pricing.json()) as { items: { code: string }[] }).items.map((p) => p.code)).toContain(
    'team',
  );

  await page
    .getByRole('navigation', { name: 'Billing views' })
    .getByRole('link', { name: 'Subscriptions' })
    .click();
  await expect(page).toHaveURL(/\/billing\/subscriptions$/);
  await page.getByLabel('Filter by plan').selectOption('team');
  const subs = page.getByRole('region', { name: 'Subscriptions' });
  await expect(subs.getByRole('row')).toHaveCount(2);
  await expect(subs.getByRole('row').nth(1)).toContainText('Trialing');
  // Subscribers are named by email.
  await expect(subs.getByRole('row').nth(1).getByRole('link', { name: email })).toBeVisible();
  await page.getByLabel('Filter by status').selectOption('expired');
  await expect(subs.getByText('No subscriptions')).toBeVisible();
  await page.getByLabel('Filter by status').selectOption('trialing');
  await expect(subs.getByRole('row')).toHaveCount(2);
  await shot(page, 'billing-subscriptions');
  await subs.getByRole('row').nth(1).getByRole('link', { name: email }).click();
  await expect(page).toHaveURL(/\/users\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trial User');

  // A plan with subscribers is archived, not deleted; the default moves back first.
  await page.goto('/billing');
  await page.getByRole('button', { name: 'Make Free the default' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make default' }).click();
  await expect(plans.getByRole('row').filter({ hasText: 'Free' })).toContainText('Default');
  await page.getByRole('button', { name: 'Delete Team' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete plan' }).click();
  await expect(page.getByRole('dialog')).toContainText('archive it instead');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Archive Team' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive plan' }).click();
  await expect(team).toContainText('Archived');
  await page.getByRole('button', { name: 'Restore Team' }).click();
  await expect(team).toContainText('On offer');
});
