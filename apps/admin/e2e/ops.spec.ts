import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/**
 * A token named reject-* makes the e2e API's `e2e-picky` subscriber dead-letter the first delivery of its
 * admin.action event (see apps/api/src/testing/e2e-server.ts); the audit subscriber still succeeds.
 */
async function createRejectedToken(page: Page, name: string) {
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Token name').fill(name);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await expect(dialog).toBeHidden();
}

/** Opens recent admin actions and waits until the newest one (the token just created) is dead-lettered. */
async function newestAdminAction(page: Page) {
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  // The page it came from may have a Type filter too: act only once the events page is there.
  await expect(page).toHaveURL(/\/ops\/events$/);
  await expect(page.getByRole('region', { name: 'Recent events' })).toBeVisible();
  await page.getByLabel('Type').selectOption('admin.action');
  const newest = page.getByRole('region', { name: 'Recent events' }).getByRole('row').nth(1);
  // The list polls while an event is pending, so the dispatcher's verdict shows without a reload.
  await expect(newest).toContainText('Dead-lettered');
  await expect(newest).toContainText('1 dead');
  return newest;
}

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

test('a super admin runs a job now, reads its log, then pauses and resumes it', async ({ page }) => {
  const job = 'stale-session-cleanup';
  await signIn(page);
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobs');

  const jobs = page.getByRole('region', { name: 'Scheduled jobs' });
  const row = jobs.getByRole('row').filter({ hasText: job });
  await expect(row).toContainText('Every 6 hours');
  await expect(jobs.getByRole('row').filter({ hasText: 'dead-letter-sweep' })).toBeVisible();

  await jobs.getByRole('button', { name: `Run ${job} now` }).click();
  await expect(toast(page, `${job} started`)).toBeVisible();
  const run = page
    .getByRole('region', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: job })
    .filter({ hasText: E2E_ADMIN.email })
    .first();
  await expect(run).toContainText('Manual');
  // The run finishes in the background; the history polls until its outcome is in.
  await expect(run).toContainText('Succeeded');
  await expect(row).toContainText('Succeeded');

  const details = jobs.getByRole('button', { name: `Details of ${job}` });
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const nextRuns = jobs.getByRole('heading', { name: 'Next five runs' });
  await expect(nextRuns).toBeVisible();
  // Every 6 hours: five upcoming slots are listed under the heading.
  await expect(nextRuns.locator('xpath=following-sibling::ol[1]').getByRole('listitem')).toHaveCount(5);
  await shot(page, 'ops-jobs');

  await run.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Run of ${job}`);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText(E2E_ADMIN.email);
  await expect(page.getByRole('region', { name: 'Log' })).toContainText(/Deleted \d+ of \d+ ended sessions/);
  await shot(page, 'ops-job-run');

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs' }).click();
  await jobs.getByRole('button', { name: `Pause ${job}` }).click();
  await expect(toast(page, `${job} is paused`)).toBeVisible();
  await expect(row).toContainText('Paused');
  await page.reload();
  await expect(row).toContainText('Paused');
  await expect(row).toContainText('No runs while paused');

  await jobs.getByRole('button', { name: `Resume ${job}` }).click();
  await expect(toast(page, `${job} is resumed`)).toBeVisible();
  await expect(row).toContainText('Enabled');
  await expect(jobs.getByRole('button', { name: `Pause ${job}` })).toBeVisible();
});

test('the jobs of the core modules are scheduled, and each runs to success on demand', async ({ page }) => {
  const schedules: Record<string, string> = {
    'trial-expiration-check': 'Every hour',
    'usage-quota-reset': 'Daily at 00:00',
    'license-expiry-check': 'Daily at 01:00',
    'telemetry-ttl-sweep': 'Daily at 03:00',
    'waitlist-reminder': 'Weekly on Monday at 09:00',
  };
  await signIn(page);
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const jobs = page.getByRole('region', { name: 'Scheduled jobs' });
  const history = page.getByRole('region', { name: 'Run history' });
  for (const [job, schedule] of Object.entries(schedules)) {
    await expect(jobs.getByRole('row').filter({ hasText: job })).toContainText(schedule);
    await jobs.getByRole('button', { name: `Run ${job} now` }).click();
    await expect(toast(page, `${job} started`)).toBeVisible();
    const run = history
      .getByRole('row')
      .filter({ hasText: job })
      .filter({ hasText: E2E_ADMIN.email })
      .first();
    await expect(run).toContainText('Succeeded');
  }
});

test('an admin opens a dead-lettered event, reads its deliveries and replays it', async ({ page }) => {
  const name = `reject-e2e-${Date.now().toString(36)}`;
  await signIn(page);
  await createRejectedToken(page, name);

  const newest = await newestAdminAction(page);
  await shot(page, 'ops-events');
  await newest.getByRole('link', { name: 'admin.action' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('admin.action');
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText(name);
  await expect(page.getByRole('region', { name: 'audit', exact: true })).toContainText('Succeeded');
  const picky = page.getByRole('region', { name: 'e2e-picky' });
  await expect(picky).toContainText('Dead');
  await expect(picky).toContainText(`e2e-picky refuses ${name} on first delivery`);
  await shot(page, 'ops-event-detail');
  const eventUrl = page.url();
  const eventId = decodeURIComponent(new URL(eventUrl).pathname.split('/').pop() ?? '');
  expect(eventId).not.toBe('');

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Events' }).click();
  await page.getByRole('link', { name: 'Dead letters' }).click();
  await expect(page).toHaveURL(/\/ops\/events\/dead-letters$/);
  await page.getByLabel('Subscriber').selectOption('e2e-picky');
  const letter = page
    .getByRole('region', { name: 'Dead letters' })
    .getByRole('row')
    .filter({ hasText: eventId });
  await expect(letter).toContainText('e2e-picky');
  await expect(letter).toContainText(`refuses ${name}`);
  await shot(page, 'ops-dead-letters');

  await letter.getByRole('button', { name: `Replay e2e-picky delivery of ${eventId}` }).click();
  await expect(toast(page, 'Replaying admin.action to e2e-picky')).toBeVisible();
  await expect(letter).toHaveCount(0);

  // The second delivery is accepted: the detail page follows the delivery until it settles.
  await page.goto(eventUrl);
  await expect(page.getByRole('region', { name: 'e2e-picky' })).toContainText('Succeeded');
  await expect(page.getByRole('region', { name: 'Envelope' })).toContainText('Delivered');
});

test('replaying all matching dead letters asks first, then reports what it replayed', async ({ page }) => {
  await signIn(page);
  await createRejectedToken(page, `reject-all-${Date.now().toString(36)}`);
  await newestAdminAction(page);

  await page.getByRole('link', { name: 'Dead letters' }).click();
  // Recent events has a Type filter too: select only once the dead letters page has replaced it.
  await expect(page).toHaveURL(/\/ops\/events\/dead-letters$/);
  await expect(page.getByLabel('Subscriber')).toBeVisible();
  await page.getByLabel('Type').selectOption('admin.action');
  await page.getByLabel('Subscriber').selectOption('e2e-picky');
  const letters = page.getByRole('region', { name: 'Dead letters' });
  await expect(letters.getByRole('button', { name: /^Replay e2e-picky delivery/ }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Replay all matching' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('admin.action');
  await expect(dialog).toContainText('e2e-picky');
  await shot(page, 'ops-replay-all', false);
  await dialog.getByRole('button', { name: 'Replay all' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, /Replaying \d+ deliver(y|ies) of \d+ events?\./)).toBeVisible();
  await expect(letters.getByText('No dead letters match these filters')).toBeVisible();
});

test('the catalogue shows each event type with its subscribers, JSON Schema and example', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await page.getByRole('link', { name: 'Catalogue' }).click();

  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'admin.action', exact: true }) });
  await expect(item).toContainText('Internal');
  await expect(item).toContainText('audit');
  await expect(item).toContainText('e2e-picky');
  const userCreated = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'user.created', exact: true }) });
  await expect(userCreated).toContainText('Public');

  await item.getByText('JSON Schema').click();
  await expect(item.locator('pre')).toContainText('"actorEmail"');
  // A public event shows an example payload beside its schema; an internal one without an example does not.
  await expect(item.getByText('Example', { exact: true })).toHaveCount(0);
  await userCreated.getByText('Example', { exact: true }).click();
  const example = userCreated.locator('details').filter({ has: page.getByText('Example', { exact: true }) });
  await expect(example.locator('pre')).toContainText('"email": "ada@example.com"');
  await expect(page.getByRole('region', { name: 'Subscribers' })).toContainText('e2e-picky');
  await shot(page, 'ops-catalogue');

  await page.getByLabel('Search event types').fill('subscription');
  await expect(item).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'subscription.created', exact: true })).toBeVisible();
});

test('a super admin reads platform events and every product’s events from one page', async ({ page }) => {
  await signIn(page);
  await createRejectedToken(page, `reject-scope-${Date.now().toString(36)}`);
  await newestAdminAction(page);

  // The dead-letter sweep reports the dead letter as a platform event (product '*').
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: 'Run dead-letter-sweep now' }).click();
  const sweep = page
    .getByRole('region', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: 'dead-letter-sweep' })
    .first();
  await expect(sweep).toContainText('Succeeded');
  await expect(sweep).toContainText(/deadLetters [1-9]/);

  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await page.getByLabel('Scope').selectOption('platform');
  await expect(page).toHaveURL(/\/ops\/events\?scope=platform$/);
  const events = page.getByRole('region', { name: 'Recent events' });
  const report = events.getByRole('row').filter({ hasText: 'bus.dead_letters_reported' }).first();
  await expect(report).toContainText('Platform');
  await report.getByRole('link', { name: 'bus.dead_letters_reported' }).click();
  await expect(page).toHaveURL(/\?product=\*$/);
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('"e2e-picky"');

  // Back in the scope the event was read in; then every product at once.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Events' }).click();
  await expect(page).toHaveURL(/scope=platform/);
  await expect(page.getByLabel('Scope')).toHaveValue('platform');
  await page.getByLabel('Scope').selectOption('all');
  await expect(
    events.getByRole('row').filter({ hasText: 'bus.dead_letters_reported' }).first(),
  ).toBeVisible();
  await expect(events.getByRole('row').filter({ hasText: 'admin.action' }).first()).toContainText('bytelyst');
  await page.getByRole('link', { name: 'Dead letters' }).click();
  await expect(page).toHaveURL(/\/ops\/events\/dead-letters\?scope=all$/);
  await expect(page.getByRole('region', { name: 'Dead letters' })).toContainText('e2e-picky');
});
