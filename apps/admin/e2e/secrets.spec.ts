import { expect, test } from '@playwright/test';
import { consoleReady, shot, signIn } from './support';

test('a super_admin keeps a secret: creates it, sets a new version, disables the old one, reveals it with a reason, deletes and recovers it, and re-encrypts', async ({
  page,
}) => {
  const name = `E2E_API_KEY_${Date.now().toString(36).toUpperCase()}`;
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Secrets' })).toBeVisible();

  await page.getByRole('button', { name: 'New secret' }).click();
  const create = page.getByRole('dialog', { name: 'New secret' });
  await create.getByLabel('Name').fill('not valid');
  await create.getByLabel('Value').fill('first-value-111');
  await create.getByRole('button', { name: 'Create secret' }).click();
  await expect(create.getByText('Upper-case letters, digits and underscores')).toBeVisible();
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Description').fill('Partner API key');
  await create.getByRole('button', { name: 'Create secret' }).click();
  await expect(create).toBeHidden();

  const secrets = page.getByRole('region', { name: 'Secrets' });
  const row = secrets.locator(`tr[data-secret="${name}"]`);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('v1 · 1 version');
  await expect(row).not.toContainText('first-value-111');

  await row.getByRole('button', { name: `New version of ${name}` }).click();
  const version = page.getByRole('dialog', { name: `New version of ${name}` });
  await version.getByLabel('New value').fill('second-value-222');
  await version.getByRole('button', { name: 'Set new version' }).click();
  await expect(row).toContainText('v2 · 2 versions');

  await row.getByRole('button', { name: 'v2 · 2 versions' }).click();
  const versions = secrets.getByRole('list', { name: `Versions of ${name}` });
  await versions.getByRole('button', { name: `Disable version 1 of ${name}` }).click();
  await expect(versions.locator('li[data-version="1"]')).toContainText('Disabled');
  await expect(versions.locator('li[data-version="2"]')).toContainText('Enabled');
  await shot(page, 'secrets-list');

  await row.getByRole('button', { name: `Reveal ${name}` }).click();
  const reveal = page.getByRole('dialog', { name: `Reveal ${name}` });
  await reveal.getByLabel('Reason').fill('short');
  await reveal.getByRole('button', { name: 'Reveal value' }).click();
  await expect(reveal.getByText('say why, in at least 10 characters')).toBeVisible();
  await reveal.getByLabel('Reason').fill('E2E check that the partner key was rotated');
  await reveal.getByRole('button', { name: 'Reveal value' }).click();
  const value = reveal.getByTestId('revealed-secret');
  await expect(value).toHaveText(/^•+$/);
  await shot(page, 'secrets-reveal-masked', false);
  await reveal.getByRole('button', { name: 'Show' }).click();
  await expect(value).toHaveText('second-value-222');
  await reveal.getByRole('button', { name: 'Done' }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByTestId('revealed-secret')).toHaveCount(0);

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Delete ${name}?` })
    .getByRole('button', { name: 'Delete secret' })
    .click();
  await expect(row).toContainText('Deleted');
  await expect(row).toContainText('Purged');
  await row.getByRole('button', { name: `Recover ${name}` }).click();
  await expect(row).toContainText('Active');

  const key = page.getByRole('region', { name: 'Encryption key' });
  await expect(key.getByTestId('stale-values')).toHaveText('0');
  await key.getByRole('button', { name: 'Re-encrypt now' }).click();
  await expect(key.getByTestId('reencryption-state')).toContainText('Done', { timeout: 30_000 });
  await shot(page, 'secrets-reencrypted');

  // A reveal leaves nothing behind once the page is left: the value lived only in the dialog.
  await page.goto('/ops/backups');
  await consoleReady(page);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Secrets' })).toBeVisible();
  await expect(page.getByText('second-value-222')).toHaveCount(0);

  // Every change is in the audit log, and the reveal carries its reason.
  await page.goto('/audit');
  await consoleReady(page);
  await expect(page.getByText('secrets.reveal').first()).toBeVisible();
});
