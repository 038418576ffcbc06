import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

async function call<T>(
  request: APIRequestContext,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  data?: unknown,
) {
  const res = await request.fetch(`${API}${path}`, { method, headers, ...(data ? { data } : {}) });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** A full-page screenshot as the browser painted it: no script runs to scroll or wait for toasts. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('every console page arrives painted with its data, with JavaScript turned off', async ({
  page,
  browser,
  request,
}) => {
  // Rows of its own, made through the API, so the journey holds alone as well as after the other specs.
  const run = Date.now().toString(36);
  const login = await call<{ accessToken: string; user: { id: string } }>(
    request,
    'POST',
    '/auth/login',
    {},
    E2E_ADMIN,
  );
  const admin = { authorization: `Bearer ${login.accessToken}` };
  const { id: productId } = await call<{ id: string }>(request, 'GET', '/products/current', {});
  const product = { 'x-product-id': productId };

  const tokenName = `prefetch-${run}`;
  await call(request, 'POST', '/tokens', admin, { name: tokenName });
  const item = await call<{ id: string; title: string }>(request, 'POST', '/tracker/items', admin, {
    kind: 'bug',
    title: `Prefetch ${run}: export stalls`,
    body: 'Filed by the prefetch journey.',
  });
  const waiting = `wait.${run}@example.com`;
  await call(request, 'POST', '/waitlist/join', {}, { email: waiting, name: 'Wanda Wait' });
  const subscriber = await call<{ accessToken: string; user: { id: string } }>(
    request,
    'POST',
    '/auth/register',
    product,
    { email: `sub.${run}@example.com`, name: 'Sam Sub', password: 'correct-horse-battery' },
  );
  // Reading it creates the subscription if the registration subscriber has not run yet.
  await call(request, 'GET', '/subscriptions/me', {
    ...product,
    authorization: `Bearer ${subscriber.accessToken}`,
  });
  const clusterTitle = `Prefetch ${run} sync failed for batch <n>`;
  await call(request, 'POST', '/telemetry/ingest', product, {
    events: [
      {
        name: 'sync.failed',
        level: 'error',
        at: new Date().toISOString(),
        platform: 'web',
        appVersion: '1.0.0',
        message: `Prefetch ${run} sync failed for batch 7`,
        stack: `Error: sync\n    at sync${run} (https://app.example.com/main.js:1:1)`,
      },
    ],
  });

  // The same session in a browser that runs no script: whatever shows was rendered by the server.
  await signIn(page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await context.newPage();
  const region = (name: string) => plain.getByRole('region', { name, exact: true });
  const row = (name: string, text: string) => region(name).getByRole('row').filter({ hasText: text });

  // Narrowed by the URL: other journeys register users, which can push the admin off the first page.
  await plain.goto('/users?search=e2e-admin');
  await expect(region('Users').getByRole('link', { name: E2E_ADMIN.email })).toBeVisible();
  // The topbar's user menu is read by the layout.
  await expect(plain.getByRole('banner')).toContainText(E2E_ADMIN.email);
  await shot(plain, 'prefetch-users');

  await plain.goto(`/users/${encodeURIComponent(login.user.id)}`);
  await expect(plain.getByRole('heading', { level: 1 })).toHaveText('Platform admin');
  await expect(plain.getByRole('main')).toContainText(E2E_ADMIN.email);

  await plain.goto('/audit');
  await expect(row('Audit entries', 'tokens.create').first()).toBeVisible();

  await plain.goto('/ops/events');
  await expect(region('Recent events').getByRole('link', { name: 'token.created' }).first()).toBeVisible();
  await plain.goto('/ops/events/catalogue');
  await expect(region('Event types')).toContainText('waitlist.joined');

  await plain.goto('/ops/jobs');
  await expect(row('Scheduled jobs', 'dead-letter-sweep')).toBeVisible();
  await shot(plain, 'prefetch-jobs');

  await plain.goto('/tracker');
  await row('Tracker items', item.title).getByRole('link', { name: item.title }).click();
  await expect(plain).toHaveURL(new RegExp(`/tracker/${item.id}$`));
  await expect(plain.getByRole('heading', { level: 1 })).toHaveText(item.title);
  await expect(plain.getByRole('main')).toContainText('Filed by the prefetch journey.');

  // The filter in the URL is the one the server reads.
  await plain.goto(`/waitlist?search=${encodeURIComponent(waiting)}`);
  await expect(region('Waitlist entries').getByRole('row').filter({ hasText: waiting })).toHaveCount(1);
  await expect(region('Waitlist counts')).toContainText('Waiting');

  await plain.goto('/products');
  await expect(row('Products', productId)).toBeVisible();

  await plain.goto('/tokens');
  await expect(row('API tokens', tokenName)).toBeVisible();

  await plain.goto('/billing/subscriptions');
  await expect(row('Subscriptions', subscriber.user.id)).toBeVisible();
  await shot(plain, 'prefetch-subscriptions');

  await plain.goto('/billing/dunning');
  await expect(plain.getByRole('region', { name: 'Dunning counts' })).toContainText(/In dunning\s*\d+/);
  await expect(plain.getByRole('region', { name: 'Recovered revenue' })).toContainText('last 30 days');

  await plain.goto('/telemetry/clusters');
  await row('Error clusters', clusterTitle).getByRole('link', { name: clusterTitle }).click();
  await expect(plain.getByRole('heading', { level: 1 })).toHaveText(clusterTitle);

  await plain.goto('/settings');
  await expect(plain.getByRole('heading', { name: 'Kill switch' })).toBeVisible();

  await context.close();
});
