import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

test('operators preview the retention policies, edit one within bounds, hold a user and run the cleanup', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retention');

  const table = page.getByRole('region', { name: 'Retention policies' });
  const row = (container: string) => table.locator(`tr[data-container="${container}"]`);
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await expect(row('audit_log')).toContainText('365 days');
  await expect(row('webhook_deliveries')).toContainText('TTL');

  // The preview fills the "Due now" column; a fresh store has nothing old enough.
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(toast(page, 'Counted what is due now.')).toBeVisible();
  await expect(row('audit_log').locator('td').nth(4)).toHaveText('0');

  // Out of bounds is refused on the field; within bounds it saves.
  await row('audit_log').getByRole('button', { name: 'Edit Audit log' }).click();
  const days = row('audit_log').getByLabel('Audit log days');
  await days.fill('30');
  await row('audit_log').getByRole('button', { name: 'Save' }).click();
  await expect(row('audit_log').getByRole('alert')).toHaveText(
    'Audit log keeps documents between 90 and 3650 days',
  );
  await days.fill('400');
  await row('audit_log').getByRole('button', { name: 'Save' }).click();
  await expect(toast(page, 'Audit log: kept 400 days.')).toBeVisible();
  await expect(row('audit_log')).toContainText('400 days');
  await expect(row('audit_log')).toContainText('Default 365');

  const holds = page.getByRole('region', { name: 'Legal holds' });
  await holds.getByRole('button', { name: 'Place hold' }).click();
  const dialog = page.getByRole('dialog', { name: 'Place a legal hold' });
  await dialog.getByLabel('User').fill(E2E_ADMIN.email);
  await dialog.getByLabel('Reason').fill('Browser test hold');
  await dialog.getByRole('button', { name: 'Place hold' }).click();
  await expect(toast(page, `${E2E_ADMIN.email} is under a legal hold.`)).toBeVisible();
  await expect(holds.locator('tbody tr').filter({ hasText: 'Browser test hold' })).toContainText('Active');

  const cleanup = page.getByRole('region', { name: 'Cleanup' });
  await cleanup.getByRole('button', { name: 'Run now' }).click();
  await expect(toast(page, 'The cleanup started.')).toBeVisible();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await expect(runs.locator('tbody tr').first()).toContainText('Succeeded');
  await expect(cleanup).toContainText('Last run');
  await expect(page.getByRole('region', { name: 'Retention at a glance' })).toContainText(
    'Removed by the last run',
  );
  await shot(page, 'retention');

  await holds.getByRole('button', { name: `Release hold on ${E2E_ADMIN.email}` }).click();
  await page
    .getByRole('dialog', { name: 'Release the legal hold?' })
    .getByRole('button', { name: 'Release hold' })
    .click();
  await expect(holds.locator('tbody tr').filter({ hasText: 'Browser test hold' })).toContainText('Released');
});
