import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

/**
 * The e2e server's billing talks to a loopback Stripe server (apps/api/src/testing/e2e-stripe.ts) holding
 * LAUNCH20, redeemed once on a seeded user's subscription.
 */
test('an admin sees Stripe’s redemption counts, creates a promo code with a clear refusal first, and deactivates it', async ({
  page,
}) => {
  // Two dialogs, three screenshots and every call a round trip to Stripe's stand-in: longer than the default.
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole('link', { name: 'Promo codes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Promo codes' })).toBeVisible();
  const table = page.getByRole('region', { name: 'Promo codes' });
  const launch = table.getByRole('row').filter({ hasText: 'LAUNCH20' });
  await expect(launch).toContainText('20% off');
  await expect(launch.getByRole('cell').nth(2)).toHaveText('1 / 100');

  await page.getByRole('button', { name: 'New promo code' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill('summer 10');
  await dialog.getByLabel('Percent off').fill('150');
  await dialog.getByRole('button', { name: 'Create code' }).click();
  await expect(dialog.getByText('Use 3-32 letters or digits (A-Z, 0-9), no spaces or symbols')).toBeVisible();
  await expect(dialog.getByText('Use 1 to 100')).toBeVisible();
  await dialog.getByLabel('Code').fill('SUMMER10');
  await dialog.getByLabel('Discount').selectOption('amount');
  await dialog.getByLabel('Amount off').fill('5');
  await dialog.getByLabel('Duration').selectOption('repeating');
  await dialog.getByLabel('Months').fill('3');
  await dialog.getByLabel('Max redemptions').fill('50');
  await dialog.getByLabel('First-time customers only').check();
  await shot(page, 'promos-create', false);
  await dialog.getByRole('button', { name: 'Create code' }).click();
  await expect(dialog).toBeHidden();

  const summer = table.getByRole('row').filter({ hasText: 'SUMMER10' });
  await expect(summer).toContainText('$5.00 off');
  await expect(summer).toContainText('for 3 months');
  await expect(summer).toContainText('First-time customers');
  await expect(summer.getByRole('cell').nth(2)).toHaveText('0 / 50');
  await expect(summer).toContainText('Active');
  await shot(page, 'promos-list');

  await summer.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('redeemed 0 times');
  await confirm.getByRole('button', { name: 'Deactivate code' }).click();
  await expect(confirm).toBeHidden();
  await expect(summer).toContainText('Inactive');
  await expect(summer.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);

  await page.getByLabel('Filter by status').selectOption('active');
  await expect(table.getByRole('row').filter({ hasText: 'LAUNCH20' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'SUMMER10' })).toHaveCount(0);
  await expect(page).toHaveURL(/status=active/);
  await shot(page, 'promos-active');
});
