import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

test('an admin who forgot their password gets a link by mail, sets a new one and signs in with it', async ({
  page,
  request,
}) => {
  // An admin account to recover, made by the bootstrap admin through the REST face.
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const admin = { authorization: `Bearer ${accessToken}` };
  const email = `forgetful-${Date.now()}@example.com`;
  const created = await request.post(`${API}/users`, {
    headers: admin,
    data: { email, name: 'Forgetful Admin', password: 'the-old-password-1', roles: ['admin'] },
  });
  expect(created.status(), await created.text()).toBe(200);

  await page.goto('/sign-in');
  await shot(page, 'recovery-1-sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
  await page.getByLabel('Email').fill(email);
  await shot(page, 'recovery-2-forgot-password');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses this address');
  await shot(page, 'recovery-3-link-sent');

  // The mail in the outbox (the delivery log of EMAIL_DRIVER=outbox), as an operator reads it.
  let link = '';
  await expect
    .poll(async () => {
      const list = await request.get(`${API}/delivery/log`, {
        headers: admin,
        params: { email, template: 'password-reset' },
      });
      const [item] = ((await list.json()) as { items: { id: string }[] }).items;
      if (!item) return '';
      const detail = (await (
        await request.get(`${API}/delivery/log/${item.id}`, { headers: admin })
      ).json()) as {
        text: string | null;
      };
      link = /(http\S+\/reset-password\?token=\S+)/.exec(detail.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain('/reset-password?token=rp_');
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  const password = page.getByLabel('New password');
  const strength = page.getByRole('meter', { name: 'Password strength' });
  // The meter advises; the server's policy decides. A common password is refused on its field.
  await password.fill('password123');
  await expect(strength).toHaveAttribute('aria-valuetext', /Very weak|Weak/);
  await expect(page.getByText(/Very weak|Weak/).first()).toBeVisible();
  await shot(page, 'recovery-4-reset-weak');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(password).toHaveAccessibleDescription(/This password is too common/);
  await password.fill('orbit lantern maple quietly');
  await expect(strength).toHaveAttribute('aria-valuetext', /Strong|Very strong/);
  await shot(page, 'recovery-5-reset-strong');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password was changed');
  await shot(page, 'recovery-6-reset-done');

  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('the-old-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.alert-error')).toHaveText('Invalid email or password');
  await page.getByLabel('Password', { exact: true }).fill('orbit lantern maple quietly');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'recovery-7-signed-in');
});

test('where the product requires a verified address, an unverified admin resends the link, verifies and signs in', async ({
  page,
  browser,
  request,
}) => {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const admin = { authorization: `Bearer ${accessToken}` };
  const product = (await (await request.get(`${API}/products/current`)).json()) as {
    id: string;
    name: string;
  };
  const email = `unverified-${Date.now()}@example.com`;
  const password = 'an-unverified-admin-pass';
  const created = await request.post(`${API}/users`, {
    headers: admin,
    data: { email, name: 'Unverified Admin', password, roles: ['admin'] },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { id: userId } = (await created.json()) as { id: string };

  try {
    // The super admin turns the setting on where products are edited.
    await signIn(page);
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('button', { name: `Edit ${product.name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${product.name}` });
    await edit.getByLabel('Require a verified email address').check();
    await shot(page, 'verify-1-product-setting', false);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();

    // The user's page shows the address unverified, with the admin's actions.
    await page.goto(`/users/${userId}`);
    const card = page.getByRole('region', { name: 'Email address' });
    await expect(card.getByText('Unverified', { exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Mark verified' })).toBeVisible();
    await shot(page, 'verify-2-user-detail');

    // The unverified admin is refused with a way forward.
    const theirs = await browser.newContext();
    const them = await theirs.newPage();
    await them.goto('/sign-in');
    await them.getByLabel('Email').fill(email);
    await them.getByLabel('Password', { exact: true }).fill(password);
    await them.getByRole('button', { name: 'Sign in' }).click();
    await expect(them.locator('.alert-error')).toContainText('Verify your email address to sign in');
    await them.getByRole('button', { name: 'Resend verification email' }).click();
    await expect(them.getByRole('status')).toContainText('a new link is on its way');
    await shot(them, 'verify-3-sign-in-refused');

    let link = '';
    await expect
      .poll(async () => {
        const list = await request.get(`${API}/delivery/log`, {
          headers: admin,
          params: { email, template: 'verify-email' },
        });
        const [item] = ((await list.json()) as { items: { id: string }[] }).items;
        if (!item) return '';
        const detail = (await (
          await request.get(`${API}/delivery/log/${item.id}`, { headers: admin })
        ).json()) as { text: string | null };
        link = /(http\S+\/verify-email\?token=\S+)/.exec(detail.text ?? '')?.[1] ?? '';
        return link;
      })
      .toContain('/verify-email?token=ve_');
    await them.goto(link);
    await expect(them.getByRole('status')).toContainText(`${email} is verified`);
    await shot(them, 'verify-4-verified');
    await them.getByRole('link', { name: 'Continue to sign in' }).click();
    await them.getByLabel('Email').fill(email);
    await them.getByLabel('Password', { exact: true }).fill(password);
    await them.getByRole('button', { name: 'Sign in' }).click();
    await expect(them).not.toHaveURL(/sign-in/);
    await theirs.close();

    await page.reload();
    await expect(card.getByText('Verified', { exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Mark verified' })).toHaveCount(0);
  } finally {
    // The other journeys register users in this product: leave it as it was.
    await request.patch(`${API}/products/${product.id}`, {
      headers: admin,
      data: { requireVerifiedEmail: false },
    });
  }
});
