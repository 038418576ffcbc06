import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

/** The verification link of the newest `verify-email` mail to `email`, read from the outbox as an operator. */
async function verificationLink(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
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
      ).json()) as {
        text: string | null;
      };
      link = /(http\S+\/verify-email\?token=\S+)/.exec(detail.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain('/verify-email?token=ve_');
  return link;
}

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name, exact: true });

test('an end user signs up on /account, verifies, manages their account and cannot open the console', async ({
  page,
  request,
}) => {
  const email = `portal-${Date.now()}@example.com`;
  const password = 'amber canyon whistle 42';

  // Signed out: the portal sends the visitor to its own sign-in, and from there to sign-up.
  await page.goto('/account/usage');
  await expect(page).toHaveURL(/\/account\/sign-in\?next=%2Faccount%2Fusage/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to your account');
  await expect(page.getByLabel('Email')).toBeVisible();
  await shot(page, 'account-1-sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await page.getByLabel('Name').fill('Ada Portal');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // Signed in through the client package: the portal's own frame, not the console's shell.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your profile');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  const profile = page.getByRole('region', { name: 'Profile' });
  await expect(profile).toContainText(email);
  await expect(profile).toContainText('Not verified');
  await shot(page, 'account-2-profile-unverified');

  // The verification mail from the outbox; its link verifies the address, and the profile says so.
  await page.goto(await verificationLink(request, email));
  await expect(page.getByRole('status')).toContainText(`${email} is verified`);
  await page.getByRole('link', { name: 'Go to your account' }).click();
  await expect(profile).toContainText('Verified');
  await expect(profile).not.toContainText('Not verified');

  // The same user signs in from an app too (a second session) and uses the product there.
  const appLogin = await request.post(`${API}/auth/login`, {
    headers: { 'user-agent': 'PortalTestApp/1.0' },
    data: { email, password },
  });
  expect(appLogin.status(), await appLogin.text()).toBe(200);
  const app = (await appLogin.json()) as { accessToken: string; refreshToken: string };
  const recorded = await request.post(`${API}/usage`, {
    headers: { authorization: `Bearer ${app.accessToken}` },
    data: { metric: 'exports', quantity: 3, idempotencyKey: `portal-${Date.now()}` },
  });
  expect(recorded.status(), await recorded.text()).toBe(200);

  await section(page, 'Usage').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Usage');
  const usage = page.getByRole('list', { name: 'Usage per metric' });
  await expect(usage.getByRole('listitem').filter({ hasText: 'Exports' })).toContainText('3 used');
  await expect(usage.getByRole('meter', { name: 'Api calls against quota' })).toHaveAttribute(
    'aria-valuetext',
    '0 of 1,000',
  );
  await shot(page, 'account-3-usage');

  // Subscription: the plan, and the way to Stripe's billing portal (answered here, never by the real Stripe).
  await section(page, 'Subscription').click();
  const subscription = page.getByRole('region', { name: 'Subscription' });
  await expect(subscription).toContainText('Current period');
  await shot(page, 'account-4-subscription');
  await page.route('https://billing.stripe.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<h1>Stripe billing portal</h1>' }),
  );
  await subscription.getByRole('button', { name: 'Change plan or payment method' }).click();
  await expect(page).toHaveURL(/^https:\/\/billing\.stripe\.test\/p\/session\//);
  await page.goto('/account/sessions');

  // Sessions: this browser and the app; signing the app out ends its refresh token.
  const sessions = page.getByRole('list', { name: 'Your sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
  await shot(page, 'account-5-sessions');
  const appSession = sessions.getByRole('listitem').filter({ hasNotText: 'This device' });
  await appSession.getByRole('button', { name: /^Sign out/ }).click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  const refresh = await request.post(`${API}/auth/refresh`, { data: { refreshToken: app.refreshToken } });
  expect(refresh.status()).toBe(401);

  // Notification preferences: marketing mail off; security mail cannot be turned off.
  await section(page, 'Notifications').click();
  const marketing = page.getByRole('checkbox', { name: 'News and offers by Email' });
  await expect(page.getByRole('checkbox', { name: 'Security by Email' })).toBeDisabled();
  const wasOn = await marketing.isChecked();
  await marketing.click();
  await expect(marketing).toBeChecked({ checked: !wasOn });
  await expect(marketing).toBeEnabled();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'News and offers by Email' })).toBeChecked({
    checked: !wasOn,
  });
  await shot(page, 'account-6-notifications');

  // Settings: a value the product's apps read.
  await section(page, 'Settings').click();
  await page.getByRole('textbox', { name: 'Setting' }).fill('theme');
  await page.getByRole('textbox', { name: 'Value' }).fill('dark');
  await page.getByRole('button', { name: 'Save setting' }).click();
  await expect(page.getByRole('list', { name: 'Your settings' })).toContainText('dark');

  // The console is not theirs: its pages send them to the console's sign-in, which refuses the account.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').first()).toContainText('no console access');
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, 'account-7-console-refused');

  // Back in the portal, still signed in; signing out there ends the portal's session.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Ada Portal' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in/);
});
