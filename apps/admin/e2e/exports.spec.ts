import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
const PEOPLE = [
  { email: 'e2e-export-1@bytelyst.test', name: '=HYPERLINK("http://evil.example")' },
  { email: 'e2e-export-2@bytelyst.test', name: 'Ada, Export' },
  { email: 'e2e-export-3@bytelyst.test', name: 'Grace Export' },
];

test('an admin exports users as CSV with a filter and downloads it, then disables them in bulk after a dry run', async ({
  page,
  request,
}) => {
  const current = await request.get(`${API}/products/current`);
  const { id: productId } = (await current.json()) as { id: string };
  for (const person of PEOPLE) {
    const res = await request.post(`${API}/auth/register`, {
      headers: { 'x-product-id': productId },
      data: { ...person, password: 'e2e-export-password-1' },
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  await signIn(page);
  await page.getByRole('link', { name: 'Exports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New export' });
  await form.getByLabel('Data').selectOption('users');
  await form.getByLabel('Format').selectOption('csv');
  await form.getByLabel('Search').fill('e2e-export');
  await form.getByLabel('Status').selectOption('active');
  await form.getByRole('button', { name: 'Start export' }).click();

  const exports = page.getByRole('region', { name: 'Exports' });
  const row = exports.getByRole('row').filter({ hasText: 'Users · CSV' }).first();
  await expect(row).toContainText('status: active, search: e2e-export');
  await expect(row).toContainText('Ready', { timeout: 20_000 });
  await expect(row).toContainText('3 of 3 rows');
  await shot(page, 'exports-ready');

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download users-.*\.csv$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('id,email,name,roles,status,emailVerified,plan,planStatus,createdAt,lastLoginAt');
  expect(lines.filter((line) => line.includes('@bytelyst.test'))).toHaveLength(3);
  expect(csv).toContain(`e2e-export-1@bytelyst.test,"'=HYPERLINK(""http://evil.example"")"`);
  expect(csv).toContain('e2e-export-2@bytelyst.test,"Ada, Export"');
  expect(csv.charCodeAt(0)).not.toBe(0xfeff);

  await page.getByRole('link', { name: 'Users' }).click();
  await page.locator('search.filters').getByLabel('Search').fill('e2e-export');
  const users = page.getByRole('region', { name: 'Users' });
  await expect(users.getByRole('row')).toHaveCount(4);
  const bar = users.getByRole('toolbar', { name: 'Bulk actions on users' });
  await bar.getByRole('button', { name: 'Select all 3 matching' }).click();
  await expect(bar.getByTestId('bulk-selected')).toHaveText('All 3 users matching the filter');
  await bar.getByRole('button', { name: 'Disable selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable users' });
  await expect(dialog.getByTestId('bulk-dry-run')).toContainText('Dry run: 3 users match');
  await shot(page, 'exports-bulk-dry-run', false);
  await dialog.getByRole('button', { name: 'Disable users' }).click();
  const progress = dialog.getByRole('region', { name: 'Bulk progress' });
  await expect(progress).toContainText('Completed', { timeout: 20_000 });
  await expect(progress).toContainText('3 done · 0 skipped · 0 failed');
  for (const person of PEOPLE) {
    await expect(progress.getByRole('row').filter({ hasText: person.email })).toContainText('Done');
  }
  await shot(page, 'exports-bulk-results', false);
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const person of PEOPLE) {
    await expect(users.getByRole('row').filter({ hasText: person.email })).toContainText('Disabled');
  }

  await page.getByRole('link', { name: 'Exports' }).click();
  const bulkRow = page
    .getByRole('region', { name: 'Exports' })
    .getByRole('row')
    .filter({ hasText: 'Set users disabled' });
  await expect(bulkRow).toContainText('3 done · 0 skipped · 0 failed');
  await shot(page, 'exports-list');
});
