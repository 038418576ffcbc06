import { expect, test } from '@playwright/test';
import { consoleReady, shot, signIn } from './support';

test('the command palette jumps to a page by name from the keyboard', async ({ page }) => {
  await signIn(page);
  const palette = page.getByRole('dialog', { name: 'Go to page' });
  // The shortcut listener attaches when the page hydrates; until then a key press does nothing.
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible({ timeout: 1000 });
  }).toPass();
  const input = palette.getByRole('combobox', { name: 'Page name' });
  await expect(input).toBeFocused();

  await input.fill('dead');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await expect(palette.getByRole('option', { name: /Dead letters/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await shot(page, 'command-palette', false);
  await input.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/ops\/events\/dead-letters$/);

  // Arrows move the selection; Escape closes without going anywhere.
  await page.keyboard.press('Control+k');
  await input.fill('billing');
  const options = palette.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Escape');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/ops\/events\/dead-letters$/);

  // The topbar button opens it for a mouse; a click on a result goes there.
  await page.getByRole('button', { name: /Go to page/ }).click();
  await input.fill('feature');
  await palette.getByRole('option', { name: /Feature flags/ }).click();
  await expect(page).toHaveURL(/\/flags$/);
  await expect(page.getByRole('heading', { name: 'Feature flags' })).toBeVisible();
});

test('a sidebar group collapses, and stays collapsed after a reload', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const billing = nav.getByRole('button', { name: 'Billing' });
  await expect(billing).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Licenses' })).toBeVisible();

  await billing.click();
  await expect(billing).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Licenses' })).toBeHidden();
  await shot(page, 'sidebar-collapsed', false);

  await page.reload();
  await expect(nav.getByRole('button', { name: 'Billing' })).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Licenses' })).toBeHidden();
  // Other groups keep their own state.
  await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();

  // The palette still reaches a page of a collapsed group.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Page name' }).fill('licenses');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/licenses$/);

  await nav.getByRole('button', { name: 'Billing' }).click();
  await expect(nav.getByRole('link', { name: 'Licenses' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Licenses' })).toHaveAttribute('aria-current', 'page');
});

test('a list keeps its filters in the URL, so a reload or a shared link shows the same rows', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/users');
  // A choice made before the page hydrates is lost: wait for it.
  await consoleReady(page);
  await page.getByLabel('Filter by role').selectOption('super_admin');
  await page.getByLabel('Search', { exact: true }).fill('e2e-admin');
  await expect(page).toHaveURL(/role=super_admin/);
  await expect(page).toHaveURL(/search=e2e-admin/);
  const rows = page.getByRole('region', { name: 'Users' }).getByRole('row');
  await expect(rows.filter({ hasText: 'e2e-admin@bytelyst.test' })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Filter by role')).toHaveValue('super_admin');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('e2e-admin');
  await expect(rows.filter({ hasText: 'e2e-admin@bytelyst.test' })).toBeVisible();

  // The bare link from the sidebar starts over without filters.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByLabel('Filter by role')).toHaveValue('');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');
});

test('a list page arrives with its first page already rendered by the server', async ({ page }) => {
  await signIn(page);
  // The HTML of the first response, before any script runs: the table holds its rows, not its placeholders.
  const tableSkeleton = '<td><span aria-hidden="true" class="skeleton"';
  const users = await (await page.request.get('/users?search=e2e-admin')).text();
  expect(users).toContain('>e2e-admin@bytelyst.test</a>');
  expect(users).not.toContain(tableSkeleton);
  const audit = await (await page.request.get('/audit')).text();
  expect(audit).toContain('aria-label="Audit entries"');
  expect(audit).not.toContain(tableSkeleton);

  await page.goto('/users?search=e2e-admin');
  await expect(page.getByRole('region', { name: 'Users' }).getByRole('row')).not.toHaveCount(0);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('e2e-admin');
});
