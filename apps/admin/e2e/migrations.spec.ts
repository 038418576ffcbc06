import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/**
 * The e2e API lists two fixture migrations after the platform's (apps/api/src/testing/e2e-server.ts): 901 is
 * irreversible and waits for approval (backups are declared external in playwright.config.ts), 902 waits
 * behind it and fails on its first run, then succeeds when run again.
 */
const IRREVERSIBLE = '901_e2e_irreversible_step';
const FLAKY = '902_e2e_flaky_step';

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

test('operators see applied migrations, approve an irreversible one, retry a failed one and roll it back', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migrations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Migrations');

  const table = page.getByRole('region', { name: 'Migrations', exact: true });
  // A row is the one whose first cell names the migration (another row may name it as the one it waits for).
  const row = (id: string) => table.getByRole('row').filter({ has: page.getByText(id, { exact: true }) });
  for (const id of ['001_users_email_verified', '002_products_settings']) {
    await expect(row(id)).toContainText('Applied');
    await expect(row(id)).toContainText(/\d+(\.\d)? (ms|s)/);
    await expect(row(id)).toContainText('1 run');
  }
  await expect(row(IRREVERSIBLE)).toContainText('Awaiting approval');
  await expect(row(IRREVERSIBLE)).toContainText('Irreversible');
  await expect(row(FLAKY)).toContainText('Pending');
  await expect(row(FLAKY)).toContainText(`Waits for ${IRREVERSIBLE}`);
  await expect(row(IRREVERSIBLE).getByRole('button', { name: `Roll back ${IRREVERSIBLE}` })).toHaveCount(0);

  // A dry run of an applied backfill finds nothing left to write.
  await row('001_users_email_verified')
    .getByRole('button', { name: 'Dry run 001_users_email_verified' })
    .click();
  const dry = page.getByRole('dialog', { name: 'Dry run of 001_users_email_verified' });
  await expect(dry).toContainText('nothing to write');
  await dry.getByRole('button', { name: 'Close' }).click();
  await expect(dry).toBeHidden();

  // Approving asks first, saying it cannot be undone and how the backup is accounted for.
  await row(IRREVERSIBLE)
    .getByRole('button', { name: `Approve ${IRREVERSIBLE}` })
    .click();
  const approve = page.getByRole('dialog', { name: `Approve ${IRREVERSIBLE}?` });
  await expect(approve).toContainText('cannot be rolled back');
  await expect(approve).toContainText('Backups are taken outside the platform');
  await expect(approve).toContainText('nothing was written');
  await approve.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(IRREVERSIBLE)).toContainText('Awaiting approval');

  await row(IRREVERSIBLE)
    .getByRole('button', { name: `Approve ${IRREVERSIBLE}` })
    .click();
  await approve.getByRole('button', { name: 'Approve and run' }).click();
  await expect(toast(page, `${IRREVERSIBLE} is applied`)).toBeVisible();
  await expect(row(IRREVERSIBLE)).toContainText('Applied');
  await expect(row(IRREVERSIBLE)).toContainText(`Approved by ${E2E_ADMIN.email}`);
  // The one waiting behind it ran at once, and failed: shown red with its error.
  await expect(row(FLAKY)).toContainText('Failed');
  await expect(row(FLAKY).getByRole('note')).toHaveText('e2e fixture: the first run of this step fails');
  await expect(page.getByRole('region', { name: 'Migration counts' })).toContainText('Failed1');
  await shot(page, 'migrations-failed');

  await row(FLAKY)
    .getByRole('button', { name: `Retry ${FLAKY}` })
    .click();
  const retry = page.getByRole('dialog', { name: `Run ${FLAKY} again?` });
  await retry.getByRole('button', { name: 'Run again' }).click();
  await expect(toast(page, `${FLAKY} is applied`)).toBeVisible();
  await expect(row(FLAKY)).toContainText('Applied');
  await expect(row(FLAKY)).toContainText('2 runs');

  await row(FLAKY)
    .getByRole('button', { name: `Roll back ${FLAKY}` })
    .click();
  const rollback = page.getByRole('dialog', { name: `Roll back ${FLAKY}?` });
  await expect(rollback).toContainText('Dry run (down)');
  await rollback.getByRole('button', { name: 'Roll back' }).click();
  await expect(toast(page, `${FLAKY} is rolled back`)).toBeVisible();
  await expect(row(FLAKY)).toContainText('Rolled back');
  await expect(row(FLAKY).getByRole('button', { name: `Retry ${FLAKY}` })).toHaveText('Apply again');

  await page.reload();
  await expect(row(FLAKY)).toContainText('Rolled back');
  await expect(row(IRREVERSIBLE)).toContainText('Applied');
  await shot(page, 'migrations');
});
