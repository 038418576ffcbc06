import { type APIRequestContext, type Browser, devices, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

/** The console's own session id, read through its tRPC proxy with the page's cookies. */
const sessionIdOf = async (page: Page) => {
  const res = await page.request.get('/trpc/auth.getMine');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { sessionId: string } } }).result.data.sessionId;
};

/** A product user who registered from a Mac, then signed in from Windows and from an iPhone (as apps do). */
async function userWithThreeSessions(request: APIRequestContext) {
  const product = (await (await request.get(`${API}/products/current`)).json()) as { id: string };
  const email = `sessions-${Date.now()}@example.com`;
  const password = 'correct-horse-battery';
  const headers = { 'x-product-id': product.id };
  const registered = await request.post(`${API}/auth/register`, {
    headers,
    data: { email, password, name: 'Grace Sessions' },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  const { user } = (await registered.json()) as { user: { id: string } };
  for (const [userAgent, extra] of [
    [FIREFOX_WIN, {}],
    [SAFARI_IPHONE, { platform: 'ios', deviceId: 'grace-iphone' }],
  ] as const) {
    const login = await request.post(`${API}/auth/login`, {
      headers: { ...headers, 'user-agent': userAgent },
      data: { email, password, ...extra },
    });
    expect(login.status(), await login.text()).toBe(200);
  }
  return { userId: user.id, productId: product.id };
}

/** A second browser, set up as the project's (a context made by hand does not inherit `use`). */
const anotherBrowser = (browser: Browser, baseURL: string | undefined) =>
  browser.newContext({ ...devices['Desktop Chrome'], ...(baseURL ? { baseURL } : {}) });

test('an admin signs out their other browser from My sessions; that browser lands on sign-in', async ({
  browser,
  baseURL,
  page,
}) => {
  await signIn(page);
  const other = await anotherBrowser(browser, baseURL);
  const otherPage = await other.newPage();
  await signIn(otherPage);
  const otherId = await sessionIdOf(otherPage);
  const ownId = await sessionIdOf(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My sessions');
  const own = page.getByTestId(`session-${ownId}`);
  await expect(own.getByText('This session')).toBeVisible();
  await expect(own.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);
  const row = page.getByTestId(`session-${otherId}`);
  await expect(row).toContainText('Chrome on Windows 10');
  await expect(row).toContainText('Web');
  await shot(page, 'sessions-mine');

  await row.getByRole('button', { name: /^Sign out/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this session out?' });
  await expect(dialog).toContainText('Chrome on Windows 10');
  await shot(page, 'sessions-mine-confirm', false);
  await dialog.getByRole('button', { name: 'Sign out session' }).click();
  await expect(toast(page, 'The session was signed out.')).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(own).toBeVisible();

  // The other browser still shows its page; its next navigation finds the session gone.
  await otherPage.goto('/users');
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await expect(otherPage.getByRole('heading', { name: 'Sign in to the console' })).toBeVisible();
  await shot(otherPage, 'sessions-other-signed-out');
  // This browser goes on working.
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await other.close();
});

test("an admin sees a user's sessions on the user page and signs them out, one and then everywhere", async ({
  page,
  request,
}) => {
  const { userId } = await userWithThreeSessions(request);
  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  const card = page.getByRole('region', { name: 'Sessions' });
  await expect(card.getByRole('row')).toHaveCount(4); // header + 3
  const iphone = card.getByRole('row').filter({ hasText: 'grace-iphone' });
  await expect(iphone).toContainText('Safari on iOS 17.4');
  await expect(iphone).toContainText('iOS');
  const firefox = card.getByRole('row').filter({ hasText: 'Firefox on Windows 10' });
  await expect(firefox).toContainText('Active');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'sessions-user-card');

  await firefox.getByRole('button', { name: /^Sign out/ }).click();
  await page
    .getByRole('dialog', { name: 'Sign this session out?' })
    .getByRole('button', { name: 'Sign out session' })
    .click();
  await expect(toast(page, 'The session was signed out.')).toBeVisible();
  await expect(firefox).toContainText('Revoked');
  await expect(firefox.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);

  await card.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this user out everywhere?' });
  await expect(dialog).toContainText('All 2 sessions end');
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(toast(page, '2 sessions signed out.')).toBeVisible();
  await expect(card.getByText('Active', { exact: true })).toHaveCount(0);
  await expect(card.getByText('Revoked', { exact: true })).toHaveCount(3);
  await expect(card.getByRole('button', { name: 'Sign out everywhere' })).toBeDisabled();
  await shot(page, 'sessions-user-card-revoked');
});

test('"this wasn\'t me" from the new sign-in mail signs out that session after a click, not on opening', async ({
  browser,
  baseURL,
  page,
  request,
}) => {
  const { userId } = await userWithThreeSessions(request);
  const login = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  // Windows and the iPhone were new devices after the registration on a Mac: two mails in the outbox.
  let links: string[] = [];
  await expect(async () => {
    const log = await request.get(`${API}/delivery/log?userId=${userId}&template=new-sign-in`, {
      headers: admin,
    });
    const { items } = (await log.json()) as { items: { id: string }[] };
    const texts = await Promise.all(
      items.map(async (item) => {
        const detail = await request.get(`${API}/delivery/log/${item.id}`, { headers: admin });
        return ((await detail.json()) as { text: string | null }).text ?? '';
      }),
    );
    links = texts
      .filter((text) => text.includes('Firefox on Windows'))
      .flatMap((text) => {
        const match = /(http\S+\/session-report\?token=[A-Za-z0-9._-]+)/.exec(text);
        return match?.[1] ? [match[1]] : [];
      });
    expect(items).toHaveLength(2);
    expect(links).toHaveLength(1);
  }).toPass();
  const link = new URL(links[0] ?? '');

  // A stranger's browser (no console session), as the mail's reader would open it.
  const reader = await (await anotherBrowser(browser, baseURL)).newPage();
  await reader.goto(`/session-report${link.search}`);
  await expect(reader.getByRole('heading', { name: 'Was this sign-in not you?' })).toBeVisible();
  await shot(reader, 'sessions-report-page');
  await reader.getByRole('button', { name: 'Sign that session out' }).click();
  await expect(reader.getByRole('heading', { name: 'Session signed out' })).toBeVisible();
  await shot(reader, 'sessions-report-done');

  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(userId)}`);
  const card = page.getByRole('region', { name: 'Sessions' });
  await expect(card.getByRole('row').filter({ hasText: 'Firefox on Windows 10' })).toContainText('Revoked');
  await expect(card.getByText('Active', { exact: true })).toHaveCount(2);

  // The link works once.
  await reader.goto(`/session-report${link.search}`);
  await reader.getByRole('button', { name: 'Sign that session out' }).click();
  await expect(reader.getByText('This link is invalid or was already used')).toBeVisible();
  await reader.context().close();
});
