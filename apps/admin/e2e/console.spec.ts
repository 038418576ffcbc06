import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

test('an anonymous visit lands on sign-in', async ({ page }) => {
  await page.goto('/users');
  // The page asked for comes back after sign-in.
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'sign-in');
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Scoped to the page: Next.js also renders an (empty) route announcer with role=alert.
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Invalid email or password');
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

  await page.getByLabel('Search', { exact: true }).fill(email);
  const roleSelect = page.getByLabel(`Role for ${email}`);
  await expect(roleSelect).toBeVisible();
  await roleSelect.selectOption('admin');
  await expect(roleSelect).toHaveValue('admin');
  await shot(page, 'users');

  await page.reload();
  await page.getByLabel('Search', { exact: true }).fill(email);
  await expect(page.getByLabel(`Role for ${email}`)).toHaveValue('admin');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit/);
  await page.getByLabel('Action', { exact: true }).fill('users.setRoles');
  const row = page.getByRole('row').filter({ hasText: 'users.setRoles' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(E2E_ADMIN.email);
  // The filter is exact: the users.create entry of the same user is filtered out.
  await expect(page.getByRole('row').filter({ hasText: 'users.create' })).toHaveCount(0);
  await shot(page, 'audit');
});

test('an admin disables a user from its detail page, then deletes it', async ({ page }) => {
  const email = `detail-${Date.now()}@bytelyst.test`;
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Detail Person');
  await dialog.getByLabel('Password').fill('a-strong-password-2');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Search', { exact: true }).fill(email);
  await page.getByRole('link', { name: email }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Detail Person');
  await page.getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('button', { name: 'Enable user' })).toBeVisible();
  // The subscription history sits in half the page: every column fits inside its card.
  const history = page.getByRole('table', { name: 'Subscription history' });
  await expect(history.getByRole('columnheader', { name: 'By' })).toBeVisible();
  const overflow = await history.evaluate((table) => {
    const wrap = table.parentElement;
    return wrap ? wrap.scrollWidth - wrap.clientWidth : 0;
  });
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, 'user-detail');

  await page.getByRole('button', { name: 'Delete user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.getByLabel('Search', { exact: true }).fill(email);
  await expect(page.getByRole('link', { name: email })).toHaveCount(0);
});

test('a super admin creates a product and moves it through its lifecycle', async ({ page }) => {
  const id = `e2e-${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('button', { name: 'New product' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(`E2E ${id}`);
  await dialog.getByLabel('Product ID').fill(id);
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: id });
  await expect(row).toContainText('Draft');
  await page.getByRole('button', { name: `Move E2E ${id} to Pre-launch` }).click();
  await expect(row).toContainText('Pre-launch');
  // Only legal next states are offered: a pre-launch product cannot jump to active.
  await expect(page.getByRole('button', { name: `Move E2E ${id} to Active` })).toHaveCount(0);
  await shot(page, 'products');

  // Its mail branding: a colour that is not #rrggbb is refused on its field, a good one is kept.
  await page.getByRole('button', { name: `Edit E2E ${id}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit E2E ${id}` });
  await edit.getByLabel('Accent colour', { exact: true }).fill('purple');
  await edit.getByLabel('Sender name').fill('E2E Mail');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Expected a colour such as #4f46e5')).toBeVisible();
  await edit.getByLabel('Accent colour', { exact: true }).fill('#0f766e');
  await expect(edit.getByLabel('Accent colour picker')).toHaveValue('#0f766e');
  await shot(page, 'product-branding', false);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('button', { name: `Edit E2E ${id}` }).click();
  await expect(edit.getByLabel('Accent colour', { exact: true })).toHaveValue('#0f766e');
  await expect(edit.getByLabel('Sender name')).toHaveValue('E2E Mail');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // Switching product scopes every page to it: the new product has no users, the default one has.
  await page.getByLabel('Product', { exact: true }).selectOption(id);
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByText('No users yet')).toBeVisible();
  await page.getByLabel('Product', { exact: true }).selectOption('bytelyst');
  await expect(page.getByLabel(`Role for ${E2E_ADMIN.email}`)).toBeVisible();
});

test('an API token is shown once, then only its prefix, and can be revoked', async ({ page }) => {
  const name = `e2e-token-${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Token name').fill(name);
  await dialog.getByLabel('Token role').selectOption('admin');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText(/^blt_/)).toBeVisible();
  const token = (await dialog.getByText(/^blt_/).textContent())?.trim() ?? '';
  expect(token).toMatch(/^blt_[A-Za-z0-9_-]{40,}$/);
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 8));
  await expect(page.getByText(token)).toHaveCount(0);
  await shot(page, 'tokens');

  // The token works as a bearer against the REST face, until it is revoked.
  const apiUrl = `${E2E_API_ORIGIN}/v1/system/overview`;
  expect((await page.request.get(apiUrl, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(
    200,
  );
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toHaveCount(0);
  expect((await page.request.get(apiUrl, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(
    401,
  );
});

test('the console links to the API reference, which renders the OpenAPI document', async ({ page }) => {
  await signIn(page);
  const docs = page.getByRole('link', { name: 'API docs' });
  const href = await docs.getAttribute('href');
  expect(href).toBe(`${E2E_API_ORIGIN}/documentation/`);
  await page.goto(href ?? '');
  await expect(page.getByText('/auth/login').first()).toBeVisible({ timeout: 20_000 });
  await shot(page, 'api-docs', false);
});
