import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

test('an admin posts an incident and it shows on the public status page', async ({ page, browser }) => {
  await signIn(page);
  // A click that lands while the sidebar is still hydrating does nothing: try again until the page opens.
  await expect(async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status page' }).click();
    await expect(page.getByRole('heading', { name: 'Status page', level: 1 })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  // The platform's own components are there from the start, each with its state.
  const cards = page.getByRole('article');
  await expect(cards.filter({ hasText: 'Database' })).toContainText('Operational');
  await expect(cards).toHaveCount(8);
  await shot(page, 'ops-status');

  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Elevated API error rates');
  await dialog.getByLabel('Public message').fill('Some API calls fail with 502. We are looking into it.');
  await dialog.getByLabel('Impact on API').selectOption('partial_outage');
  await shot(page, 'ops-status-new-incident', false);
  await dialog.getByRole('button', { name: 'Open incident' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: 'Elevated API error rates' });
  await expect(row).toContainText('Investigating');
  await expect(row).toContainText('Partial outage');
  await expect(page.getByRole('article', { name: 'API', exact: true })).toContainText('Partial outage');

  await row.getByRole('button', { name: 'Post an update on Elevated API error rates' }).click();
  await expect(dialog.getByLabel('Status')).toHaveValue('identified');
  await dialog.getByLabel('Public message').fill('A bad deploy; rolling it back now.');
  await dialog.getByRole('button', { name: 'Post update' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Identified');

  // A visitor without a session sees it on the public page.
  const visitor = await browser.newPage();
  const response = await visitor.goto('/status');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['cache-control']).toContain('s-maxage=30');
  await expect(visitor).toHaveURL(/\/status$/);
  await expect(visitor.getByRole('heading', { name: 'Partial outage', level: 1 })).toBeVisible();
  const active = visitor.getByRole('region', { name: 'Active incidents' });
  const incident = active.getByRole('article', { name: 'Elevated API error rates' });
  await expect(incident).toContainText('Identified');
  await expect(incident).toContainText('A bad deploy; rolling it back now.');
  await expect(incident).toContainText('Some API calls fail with 502.');
  await expect(incident).toContainText('Affected: API');
  const api = visitor.locator('[data-component="api"]');
  await expect(api).toContainText('Partial outage');
  const days = api.locator('li[data-day]');
  await expect(days).toHaveCount(90);
  // Today's bar tells the day's uptime and its incident on hover.
  const today = days.last();
  await today.hover();
  await expect(today.getByRole('tooltip')).toBeVisible();
  await expect(today.getByRole('tooltip')).toContainText('Elevated API error rates');
  await expect(today.getByRole('tooltip')).toContainText('uptime');
  await expect(visitor.getByRole('region', { name: 'How uptime is counted' })).toContainText(
    '0.3 × time in partial outage',
  );
  await shot(visitor, 'status-public');

  // Subscribing asks for confirmation by email first.
  await visitor.getByRole('textbox', { name: 'Email' }).fill('watcher@example.com');
  await visitor.getByRole('button', { name: 'Subscribe' }).click();
  await expect(visitor.getByRole('status')).toContainText('Check watcher@example.com');
  await visitor.close();

  // Resolving it takes it off the top of the page into the history.
  await row.getByRole('button', { name: 'Post an update on Elevated API error rates' }).click();
  await dialog.getByLabel('Status').selectOption('resolved');
  await dialog.getByLabel('Public message').fill('Rolled back; errors are gone.');
  await dialog.getByRole('button', { name: 'Resolve incident' }).click();
  await expect(row).toContainText('Resolved');
  await page.goto('/status');
  await expect(page.getByRole('heading', { name: 'All systems operational', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Active incidents' })).toHaveCount(0);
  await expect(
    page
      .getByRole('region', { name: 'Incident history' })
      .getByRole('article', { name: 'Elevated API error rates' }),
  ).toContainText('Resolved');
  await shot(page, 'status-public-resolved');

  // "Check now" runs a monitor at once; its latency joins the component's sparkline.
  await page.goto('/ops/status');
  const store = page.getByRole('row', { name: /^Store ping Database/ });
  for (let i = 0; i < 2; i += 1) {
    await store.getByRole('button', { name: 'Check Store ping now' }).click();
    await expect(page.getByText('Checked: Up')).toBeVisible();
    await expect(page.getByText('Checked: Up')).toBeHidden();
  }
  await expect(store).toContainText('Up');
  await expect(
    page.getByRole('article', { name: 'Database' }).getByRole('img', { name: /Database: latest latencies/ }),
  ).toBeVisible();
  await shot(page, 'ops-status-checked');
});
