import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test('an anonymous visit lands on sign-in', async ({ page }) => {
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'sign-in');
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Scoped to the page: Next.js also renders an (empty) route announcer with role=alert.
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/sign-in/);
});

test('an admin creates a user, changes its role and finds both in the audit log', async ({ page }) => {
  const email = `e2e-${Date.now()}@bytelyst.test`;
  await signIn(page);
  await shot(page, 'overview');

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('E2E Person');
  await dialog.getByLabel('Password').fill('a-strong-password-1');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Search').fill(email);
  const roleSelect = page.getByLabel(`Role for ${email}`);
  await expect(roleSelect).toBeVisible();
  await roleSelect.selectOption('admin');
  await expect(roleSelect).toHaveValue('admin');
  await shot(page, 'users');

  await page.reload();
  await page.getByLabel('Search').fill(email);
  await expect(page.getByLabel(`Role for ${email}`)).toHaveValue('admin');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').fill('users.setRoles');
  const row = page.getByRole('row').filter({ hasText: 'users.setRoles' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(E2E_ADMIN.email);
  await shot(page, 'audit');
});

test('every console page renders for an admin', async ({ page }) => {
  await signIn(page);
  for (const [name, heading] of [
    ['products', 'Products'],
    ['tokens', 'API tokens'],
  ] as const) {
    await page.getByRole('link', { name: heading }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await shot(page, name);
  }
});
