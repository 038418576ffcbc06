import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

async function adminHeaders(request: APIRequestContext) {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

/** A sign-in from the product's app (a session of its own), as the REST face sees it. */
async function appSignIn(request: APIRequestContext, email: string, password: string) {
  const res = await request.post(`${API}/auth/login`, {
    headers: { 'user-agent': 'PortalTestApp/1.0' },
    data: { email, password },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { accessToken: string; refreshToken: string; user: { id: string } };
}

/** The link to `page` in the newest `template` mail to `email`, read from the outbox as an operator. */
async function mailLink(request: APIRequestContext, email: string, template: string, page: string) {
  const admin = await adminHeaders(request);
  let link = '';
  await expect
    .poll(async () => {
      const list = await request.get(`${API}/delivery/log`, { headers: admin, params: { email, template } });
      const [item] = ((await list.json()) as { items: { id: string }[] }).items;
      if (!item) return '';
      const detail = (await (
        await request.get(`${API}/delivery/log/${item.id}`, { headers: admin })
      ).json()) as {
        text: string | null;
      };
      link = new RegExp(`(http\\S+/${page}\\?token=\\S+)`).exec(detail.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain(`/${page}?token=`);
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
  const newPassword = 'velvet harbor lantern 77';
  test.setTimeout(120_000);

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
  await shot(page, 'account-1b-sign-up');
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
  await page.goto(await mailLink(request, email, 'verify-email', 'verify-email'));
  await expect(page.getByRole('status')).toContainText(`${email} is verified`);
  await page.getByRole('link', { name: 'Go to your account' }).click();
  await expect(profile).toContainText('Verified');
  await expect(profile).not.toContainText('Not verified');

  // A new name shows on the profile and in the header's user menu.
  await profile.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
  await profile.getByRole('button', { name: 'Save name' }).click();
  await expect(profile.getByRole('status')).toHaveText('Name saved.');
  await expect(page.getByRole('button', { name: 'Ada Lovelace' })).toBeVisible();

  // Signed in from an app as well, then a new password: the app's session ends, the portal's stays.
  const first = await appSignIn(request, email, password);
  await section(page, 'Password and email').click();
  const passwordForm = page.getByRole('form', { name: 'Change your password' });
  await passwordForm.getByLabel('Current password').fill('not-my-password');
  await passwordForm.getByLabel('New password').fill(newPassword);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByLabel('Current password')).toHaveAccessibleDescription(/.+/);
  await passwordForm.getByLabel('Current password').fill(password);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByRole('status')).toContainText('1 other session was signed out');
  await shot(page, 'account-3-password-changed');
  expect(
    (await request.post(`${API}/auth/refresh`, { data: { refreshToken: first.refreshToken } })).status(),
  ).toBe(401);
  expect((await request.post(`${API}/auth/login`, { data: { email, password } })).status()).toBe(401);

  // The app signs in again with the new password (the session revoked below) and uses the product.
  const app = await appSignIn(request, email, newPassword);
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
  await shot(page, 'account-4-usage');

  // Subscription: the plan, and the way to Stripe's billing portal (answered here, never by the real Stripe).
  // A license the user was given, activated on a laptop; the portal frees the laptop's place.
  const admin = await adminHeaders(request);
  const generated = await request.post(`${API}/licenses`, { headers: admin, data: { userId: app.user.id } });
  expect(generated.status(), await generated.text()).toBe(200);
  const { key } = (await generated.json()) as { key: string };
  const activated = await request.post(`${API}/licenses/activate`, {
    data: { key, deviceId: 'ada-laptop-1', deviceName: 'Ada laptop', platform: 'macos' },
  });
  expect(activated.status(), await activated.text()).toBe(200);
  await section(page, 'Licenses').click();
  const licenses = page.getByRole('region', { name: 'Licenses' });
  await expect(licenses).toContainText('1 of');
  await shot(page, 'account-5-license-device');
  await licenses.getByRole('button', { name: 'Deactivate Ada laptop' }).click();
  await expect(licenses).toContainText('Not activated on any device yet.');
  await expect(licenses).toContainText('0 of');

  await section(page, 'Subscription').click();
  const subscription = page.getByRole('region', { name: 'Subscription' });
  await expect(subscription).toContainText('Current period');
  await shot(page, 'account-6-subscription');
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
  await shot(page, 'account-7-sessions');
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
  await shot(page, 'account-7b-notifications');

  // Settings: a value the product's apps read.
  await section(page, 'Settings').click();
  await page.getByRole('textbox', { name: 'Setting' }).fill('theme');
  await page.getByRole('textbox', { name: 'Value' }).fill('dark');
  await page.getByRole('button', { name: 'Save setting' }).click();
  await expect(page.getByRole('list', { name: 'Your settings' })).toContainText('dark');

  // Download my data: the archive is prepared while the user watches, then its signed link is offered.
  await section(page, 'Your data').click();
  const data = page.getByRole('region', { name: 'Download my data' });
  await data.getByRole('button', { name: 'Request my data' }).click();
  const download = data.getByRole('link', { name: 'Download your data' });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await shot(page, 'account-8-data-ready');
  const archive = await request.get((await download.getAttribute('href')) ?? '');
  expect(archive.status()).toBe(200);
  expect(await archive.text()).toContain(email);

  // Delete my account: confirmed with the password, scheduled with a date, then called off.
  const deletion = page.getByRole('region', { name: 'Delete my account' });
  await deletion.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.getByLabel('Your password').fill(newPassword);
  await dialog.getByRole('button', { name: 'Schedule deletion' }).click();
  await expect(deletion.getByRole('status')).toContainText('Your account will be deleted on');
  await shot(page, 'account-9-deletion-scheduled');
  await deletion.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(deletion.getByRole('button', { name: 'Delete my account' })).toBeVisible();

  // A new address: the link goes to it, and following it moves the account there.
  const newEmail = `moved-${email}`;
  await section(page, 'Password and email').click();
  const emailForm = page.getByRole('form', { name: 'Change your email address' });
  await emailForm.getByLabel('New email address').fill(newEmail);
  await emailForm.getByLabel('Password').fill(newPassword);
  await emailForm.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(emailForm.getByRole('status')).toContainText(`We sent a confirmation link to ${newEmail}`);
  await page.goto(await mailLink(request, newEmail, 'account-notice', 'confirm-email-change'));
  await expect(page.getByRole('status')).toContainText(`Your account now uses ${newEmail}`);
  await page.getByRole('link', { name: 'Go to your account' }).click();
  await expect(profile).toContainText(newEmail);
  await expect(profile).toContainText('Verified');

  // The console is not theirs: its pages send them to the console's sign-in, which refuses the account.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers/);
  await page.getByLabel('Email').fill(newEmail);
  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').first()).toContainText('no console access');
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, 'account-10-console-refused');

  // Back in the portal, still signed in; signing out there ends the portal's session.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Ada Lovelace' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in/);
});
