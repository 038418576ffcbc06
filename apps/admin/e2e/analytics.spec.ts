import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { shot, signIn } from './support';

/**
 * The e2e server seeds this product with 70 days of synthetic history and rolls it up before it listens
 * (apps/api/src/testing/e2e-analytics.ts), so every chart has data the moment the page opens.
 */
const PRODUCT = 'e2e-analytics';
const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A figure's value in a `<dl>` of the page (label, then value). */
const figure = (list: Locator, label: string) =>
  list
    .locator('div')
    .filter({ has: list.page().getByText(label, { exact: true }) })
    .locator('dd');

const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

test('an admin reads every analytics chart, changes range and breakdown, edits a funnel step, recomputes and downloads a CSV', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page);
  await page.getByLabel('Product', { exact: true }).selectOption(PRODUCT);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analytics');

  // Active users: the latest day's DAU, WAU and MAU are real counts, drawn as three lines.
  const active = card(page, 'Active users');
  const latest = active.getByLabel('Latest day');
  await expect(figure(latest, 'DAU')).toHaveText(/^[1-9]\d*$/);
  await expect(figure(latest, 'MAU (30 days)')).toHaveText(/^[1-9]\d*$/);
  await expect(figure(latest, 'Stickiness')).toHaveText(/^\d+(\.\d)? %$/);
  await expect(active.locator('path.recharts-line-curve')).toHaveCount(3);

  // Retention: weekly sign-up cohorts, each cell the share active in week N, its title the counts.
  const retention = card(page, 'Retention');
  const weekOne = retention.locator('td[title*="week 1:"]').first();
  await expect(weekOne).toHaveText(/^\d+(\.\d)? %$/);
  await expect(weekOne).toHaveAttribute('title', /\(\d+ users\), week 1: \d+ active on it/);
  await expect(figure(retention.getByLabel('Retention summary'), 'D1')).toContainText(/\d+ of [1-9]\d*/);

  // Funnel: the default funnel's steps with their counts, conversion and drop-off.
  const funnel = card(page, 'Funnel');
  const steps = funnel.getByRole('table', { name: 'Funnel steps' });
  const signupRow = steps.getByRole('row', { name: /1\. Sign-up/ });
  await expect(signupRow.getByRole('cell').nth(1)).toHaveText(/^[1-9]\d*$/);
  await expect(steps.getByRole('row', { name: /3\. Fifth dictation/ })).toBeVisible();
  await expect(figure(funnel.getByLabel('Funnel summary'), 'Median time to convert')).toHaveText(/\d/);

  // Adoption and revenue: bars drawn, and the revenue figures carry money and shares.
  const adoption = card(page, 'Feature adoption');
  await expect(adoption.locator('.recharts-legend-item-text', { hasText: 'Export' })).toBeVisible();
  await expect(adoption.locator('path.recharts-rectangle').first()).toBeVisible();
  const figures = page.getByRole('region', { name: /^Revenue figures/ });
  await expect(
    figures
      .locator('.stat')
      .filter({ has: page.getByText('MRR', { exact: true }) })
      .locator('.stat-value'),
  ).toHaveText(/^\$[1-9][\d,.]*$/);
  await expect(
    figures.locator('.stat').filter({ has: page.getByText('LTV', { exact: true }) }),
  ).toHaveAttribute('title', /ARPA ÷ monthly customer churn/);
  await expect(card(page, 'MRR and its movements').locator('path.recharts-rectangle').first()).toBeVisible();
  await shot(page, 'analytics-page');

  // The 90-day preset: the URL keeps it, and the heatmap gains the earlier weeks' cohorts.
  const cohortRows = retention.locator('tbody tr');
  const cohortsBefore = await cohortRows.count();
  await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '90 days' }).click();
  await expect(page).toHaveURL(/range=90d/);
  const from90 = utcDay(Date.now() - 89 * DAY_MS);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(from90);
  await expect.poll(() => cohortRows.count()).toBeGreaterThan(cohortsBefore);

  // A breakdown by platform: one line per platform, and the figures become per segment.
  await page.getByLabel('Breakdown').selectOption('platform');
  await expect(page).toHaveURL(/breakdown=platform/);
  const platforms = ['android', 'ios', 'macos', 'web'];
  for (const platform of platforms) {
    await expect(active.locator('.recharts-legend-item-text', { hasText: platform })).toBeVisible();
  }
  // The latest day's active users are spread over the platforms (which ones depends on the day the seed ends).
  await expect
    .poll(async () => {
      let sum = 0;
      for (const platform of platforms) {
        sum += Number(await figure(active.getByLabel('Latest DAU'), platform).textContent());
      }
      return sum;
    })
    .toBeGreaterThan(0);
  await shot(page, 'analytics-platform');
  await page.getByLabel('Breakdown').selectOption('none');

  // Edit the funnel: the third step becomes the third dictation. Its old rollups no longer count.
  const fifthCount = Number(
    await steps
      .getByRole('row', { name: /3\. Fifth dictation/ })
      .getByRole('cell')
      .nth(1)
      .textContent(),
  );
  await funnel.getByRole('button', { name: 'Edit steps' }).click();
  const editor = page.getByRole('dialog', { name: /Edit funnel/ });
  const third = editor.getByRole('group', { name: 'Step 3', exact: true });
  await third.getByLabel('Step name').fill('Third dictation');
  await third.getByLabel('Occurrence').fill('3');
  // A property filter every seeded event meets (each has a platform), so the counts below stay comparable.
  await third.getByRole('button', { name: 'Add filter' }).click();
  const filter = third.getByRole('group', { name: 'Step 3 filter 1' });
  await filter.getByLabel('Property').fill('platform');
  await filter.getByLabel('Operator').selectOption('exists');
  await expect(filter.getByLabel('Value')).toBeDisabled();
  await shot(page, 'analytics-funnel-editor', false);
  await editor.getByRole('button', { name: 'Save funnel' }).click();
  await expect(editor).toBeHidden();
  await expect(funnel.getByRole('status')).toContainText('earlier version of this funnel');

  // Recompute the range: progress until done, then every chart reads the new rollups and the funnel counts the
  // new step. The recompute starts at the week or month the range's first day falls in (whichever is earlier).
  const rolledUp = page.getByTestId('rolled-up-at');
  const rolledUpBefore = (await rolledUp.getAttribute('datetime')) ?? '';
  await page.getByRole('button', { name: 'Recompute', exact: true }).click();
  const today = utcDay(Date.now());
  const first = new Date(`${from90}T00:00:00Z`);
  const monday = utcDay(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY_MS);
  const monthStart = `${from90.slice(0, 8)}01`;
  const recomputedFrom = monday < monthStart ? monday : monthStart;
  await expect(
    page.getByRole('status').filter({ hasText: `Recompute of ${recomputedFrom} to ${today} finished` }),
  ).toBeVisible({ timeout: 60_000 });
  const progress = page.getByRole('progressbar', { name: 'Recompute progress' });
  await expect(progress).toHaveAttribute(
    'aria-valuenow',
    (await progress.getAttribute('aria-valuemax')) ?? '',
  );
  await expect
    .poll(async () => Date.parse((await rolledUp.getAttribute('datetime')) ?? ''))
    .toBeGreaterThan(Date.parse(rolledUpBefore));
  const thirdRow = steps.getByRole('row', { name: /3\. Third dictation/ });
  await expect(thirdRow.getByRole('cell').nth(1)).toHaveText(/^[1-9]\d*$/);
  expect(Number(await thirdRow.getByRole('cell').nth(1).textContent())).toBeGreaterThanOrEqual(fifthCount);
  await expect(funnel.getByRole('status')).toHaveCount(0);
  await shot(page, 'analytics-recomputed');

  // The active users' data as the API's CSV: its header, then one row per day.
  const downloading = page.waitForEvent('download');
  await active.getByRole('button', { name: 'Download active users as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`analytics-active-users-${PRODUCT}-${from90}-${today}.csv`);
  const lines = (await readFile((await download.path()) ?? '', 'utf8')).trim().split(/\r?\n/);
  expect(lines[0]).toBe('segment,period,window,dau,wau,mau,active,stickiness');
  expect(lines).toHaveLength(91);
  expect(lines.at(-1)).toMatch(new RegExp(`^all,${today},rolling,\\d+,[1-9]\\d*,[1-9]\\d*,,`));
  expect(lines.filter((line) => /^all,[\d-]+,rolling,[1-9]\d*,/.test(line)).length).toBeGreaterThan(50);

  // The saved funnel keeps the step's filter: the editor opens with it.
  await funnel.getByRole('button', { name: 'Edit steps' }).click();
  const saved = page
    .getByRole('dialog', { name: /Edit funnel/ })
    .getByRole('group', { name: 'Step 3 filter 1' });
  await expect(saved.getByLabel('Property')).toHaveValue('platform');
  await expect(saved.getByLabel('Operator')).toHaveValue('exists');
  await page
    .getByRole('dialog', { name: /Edit funnel/ })
    .getByRole('button', { name: 'Cancel' })
    .click();
});
