import { expect, test } from '@playwright/test';
import { startOidcProvider } from '../../../packages/routers/src/testing/oidc-provider';
import { E2E_ADMIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const CLIENT = { clientId: 'bytelyst-console', clientSecret: 'e2e-idp-client-secret' };
const PLAIN_USER = 'sso-plain-user@bytelyst.test';

test('an admin adds an OpenID provider, then signs in through it', async ({ page, baseURL }) => {
  const callback = `${baseURL}/api/sso/callback`;
  const idp = await startOidcProvider({
    clients: [{ ...CLIENT, redirectUris: [callback] }],
    accounts: [
      { sub: 'admin', email: E2E_ADMIN.email, emailVerified: true, name: 'E2E Admin' },
      { sub: 'plain', email: PLAIN_USER, emailVerified: true, name: 'Plain User' },
    ],
  });
  try {
    await signIn(page);
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible();
    await page.getByRole('button', { name: 'New provider' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Display name').fill('Acme SSO');
    await dialog.getByLabel('Issuer URL').fill(idp.issuer);
    await dialog.getByRole('button', { name: 'Test discovery' }).click();
    const metadata = dialog.getByRole('definition').filter({ hasText: `${idp.issuer}/jwks` });
    await expect(metadata).toBeVisible();
    await expect(dialog.getByText('Supported')).toBeVisible();
    await shot(page, 'sso-provider-discovery', false);
    await dialog.getByLabel('Client ID').fill(CLIENT.clientId);
    await dialog.getByLabel('Client secret').fill(CLIENT.clientSecret);
    await dialog.getByLabel('Allowed email domains').fill('bytelyst.test');
    // The console's own callback is offered as the redirect URI.
    await expect(dialog.getByLabel('Redirect URIs')).toHaveValue(callback);
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row').filter({ hasText: 'Acme SSO' });
    await expect(row).toContainText(idp.issuer);
    await expect(row).toContainText('Set');
    await expect(row).toContainText('Enabled');
    // Write-only: editing shows that a secret is set, never the secret.
    await row.getByRole('button', { name: 'Edit Acme SSO' }).click();
    await expect(dialog.getByLabel('Client secret')).toHaveValue('');
    await expect(dialog).toContainText('A secret is set');
    await expect(page.locator('body')).not.toContainText(CLIENT.clientSecret);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await shot(page, 'sso-providers');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const continueWith = page.getByRole('button', { name: 'Continue with Acme SSO' });
    await expect(continueWith).toBeVisible();
    await shot(page, 'sso-sign-in');

    // A user the provider vouches for, without the admin role: the console says it is for admins.
    await continueWith.click();
    await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
    await page.getByLabel('Email at the provider').fill(PLAIN_USER);
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'This account has no console access',
    );

    // The provider remembers who signed in there; forget it so that it asks again.
    await page.context().clearCookies({ name: /^_session/ });
    // The admin: back in the console, signed in.
    await page.getByRole('button', { name: 'Continue with Acme SSO' }).click();
    await page.getByLabel('Email at the provider').fill(E2E_ADMIN.email);
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await expect(page).not.toHaveURL(/sign-in|127\.0\.0\.1:\d+\/interaction/);
    await expect(page.getByTestId('current-user')).toHaveText(E2E_ADMIN.email);

    // Cleanup through the page: the provider's button leaves the sign-in page.
    await page.goto('/settings/sso');
    await page.getByRole('button', { name: 'Delete Acme SSO' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove provider' }).click();
    await expect(page.getByText('No SSO providers')).toBeVisible();
  } finally {
    await idp.close();
  }
});
