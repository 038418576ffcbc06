import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

test('an admin backs up now, watches it to completion, verifies it, and reads a restore dry run', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Backups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  const policy = page.getByRole('region', { name: 'Schedule and storage' });
  await expect(policy).toContainText('30 2 * * *');
  await expect(policy).toContainText('sqlite documents, fs blob storage');

  await page.getByRole('button', { name: 'Back up now' }).click();
  const backups = page.getByRole('region', { name: 'Backups' });
  const row = backups.locator('tr[data-kind="backup"]').first();
  const id = await row.getAttribute('data-job');
  expect(id).toMatch(/^bak_/);
  await expect(row.getByRole('progressbar', { name: `Progress of ${id}` })).toBeVisible();
  await expect(row).toContainText('Completed', { timeout: 30_000 });
  await expect(row).toContainText('Unverified');
  // Every document counted at the start went into the files, container by container.
  const bar = row.getByRole('progressbar', { name: `Progress of ${id}` });
  const done = Number(await bar.getAttribute('aria-valuenow'));
  expect(done).toBeGreaterThan(0);
  await expect(row).toContainText('containers');
  await expect(row).toContainText(`${done.toLocaleString('en-US')} documents`);
  await shot(page, 'backups-completed');

  await row.getByRole('button', { name: `Verify ${id}` }).click();
  await expect(row).toContainText('Verified', { timeout: 30_000 });
  const verifyRow = backups.locator('tr[data-kind="verify"]').first();
  await expect(verifyRow).toContainText(`of ${id}`);
  await expect(verifyRow).toContainText('Completed');
  await shot(page, 'backups-verified');

  await row.getByRole('button', { name: `Restore ${id}` }).click();
  const dialog = page.getByRole('dialog', { name: `Restore ${id}?` });
  await dialog.getByLabel('What to restore').selectOption('users');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  const plan = dialog.getByRole('region', { name: 'Dry run' });
  await expect(plan.getByRole('row').filter({ hasText: 'users' })).toBeVisible();
  // The e2e server is not in maintenance mode, so the restore would be refused, and says why.
  await expect(plan.getByRole('alert')).toHaveAttribute('data-reason', 'maintenance_required');
  await expect(dialog.getByRole('button', { name: 'Refused' })).toBeDisabled();
  await shot(page, 'backups-restore-dry-run', false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(backups.locator('tr[data-kind="restore"]')).toHaveCount(0);
});
