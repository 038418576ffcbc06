import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function clientHeaders(request: APIRequestContext) {
  const res = await request.get(`${API}/products/current`);
  expect(res.ok()).toBe(true);
  const { id } = (await res.json()) as { id: string };
  return { 'x-product-id': id };
}

async function adminHeaders(request: APIRequestContext, product: Record<string, string>) {
  const res = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { ...product, authorization: `Bearer ${accessToken}` };
}

type Assigned = { assignments: { experimentKey: string; variationIndex: number; inExperiment: boolean }[] };

/** Anonymous devices ask for their variants, as an app does on start; returns each device's variation. */
async function assignDevices(
  request: APIRequestContext,
  headers: Record<string, string>,
  key: string,
  devices: readonly string[],
) {
  const variation = new Map<string, number>();
  for (let i = 0; i < devices.length; i += 20) {
    await Promise.all(
      devices.slice(i, i + 20).map(async (deviceId) => {
        const res = await request.post(`${API}/experiments/assignments`, {
          headers,
          data: { deviceId, attributes: { platform: 'ios' } },
        });
        expect(res.status(), await res.text()).toBe(200);
        const mine = ((await res.json()) as Assigned).assignments.find((a) => a.experimentKey === key);
        expect(mine?.inExperiment).toBe(true);
        variation.set(deviceId, mine?.variationIndex ?? -1);
      }),
    );
  }
  return variation;
}

/** Closes the toasts (they would wait out their 4.5 s) and takes the screenshot. */
async function snap(page: Page, name: string, fullPage = true) {
  const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
  // A toast may time out between the count and the click: then there is nothing left to close.
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
  await shot(page, name, fullPage);
}

const liftText = (lift: number) =>
  `${lift > 0 ? '+' : lift < 0 ? '−' : ''}${(Math.abs(lift) * 100).toFixed(1)} %`;

test('an experiment backed by a flag is created in the wizard, measured, and concluded into the flag', async ({
  page,
  request,
}) => {
  // About 30 s on an idle machine; the margin is for a machine shared with builds.
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const key = `checkout-${run}`;
  const flagKey = `one-page-checkout-${run}`;
  const metricKey = `purchase-${run}`;
  const event = `checkout.purchase.${run}`;
  const product = await clientHeaders(request);
  const admin = await adminHeaders(request, product);
  const flag = await request.post(`${API}/flags`, { headers: admin, data: { key: flagKey, percentage: 0 } });
  expect(flag.status(), await flag.text()).toBe(200);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Experiments');

  // A conversion metric over a telemetry event.
  await page
    .getByRole('navigation', { name: 'Experiments views' })
    .getByRole('link', { name: 'Metrics' })
    .click();
  await page.getByRole('button', { name: 'New metric' }).click();
  const metricDialog = page.getByRole('dialog', { name: 'New metric' });
  await metricDialog.getByLabel('Key').fill(metricKey);
  await metricDialog.getByLabel('Name').fill(`Purchase ${run}`);
  await metricDialog.getByLabel('Event', { exact: true }).fill('bad event name');
  await metricDialog.getByRole('button', { name: 'Create metric' }).click();
  await expect(metricDialog.getByText(/An event or usage metric name/)).toBeVisible();
  await metricDialog.getByLabel('Event', { exact: true }).fill(event);
  await snap(page, 'experiments-metric-dialog', false);
  await metricDialog.getByRole('button', { name: 'Create metric' }).click();
  await expect(toast(page, `Metric ${metricKey} was created.`)).toBeVisible();
  const metricRow = page
    .getByRole('region', { name: 'Metric definitions' })
    .getByRole('row')
    .filter({ hasText: metricKey });
  await expect(metricRow).toContainText('Conversion');
  await expect(metricRow).toContainText(event);
  await expect(metricRow).toContainText('72 h');
  await snap(page, 'experiments-metrics');

  // The wizard.
  await page
    .getByRole('navigation', { name: 'Experiments views' })
    .getByRole('link', { name: 'Experiments' })
    .click();
  await page.getByRole('button', { name: 'New experiment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New experiment');
  const wizard = page.getByRole('region', { name: 'Basics' });
  await wizard.getByLabel('Key').fill('Not A Key');
  await wizard.getByLabel('Name').fill(`One-page checkout ${run}`);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByText('Use lower-case kebab-case or snake_case (e.g. new-checkout)')).toBeVisible();
  await wizard.getByLabel('Key').fill(key);
  await wizard.getByLabel('Hypothesis').fill('One page instead of three: more buyers finish.');
  await wizard.getByLabel('Feature flag').selectOption(flagKey);
  await snap(page, 'experiments-wizard-basics');
  await wizard.getByRole('button', { name: 'Next' }).click();

  const traffic = page.getByRole('region', { name: 'Variants and traffic' });
  const bar = traffic.getByRole('img', { name: /^Bucket ranges/ });
  await expect(bar).toHaveAttribute(
    'aria-label',
    'Bucket ranges: control 0.000–0.500, treatment 0.500–1.000',
  );
  const treatment = traffic.getByRole('group', { name: 'Variant 2' });
  const control = traffic.getByRole('group', { name: 'Variant 1' });
  await treatment.getByLabel('Weight %').fill('70');
  await expect(traffic.getByText('Weights sum to 120 %')).toBeVisible();
  await traffic.getByRole('button', { name: 'Next' }).click();
  await expect(traffic.getByText('Variant weights must sum to 100 (they sum to 120)')).toBeVisible();
  await control.getByLabel('Weight %').fill('30');
  await expect(bar).toHaveAttribute(
    'aria-label',
    'Bucket ranges: control 0.000–0.300, treatment 0.300–1.000',
  );
  await traffic.getByLabel('Coverage (exact)').fill('80');
  await expect(bar).toHaveAttribute(
    'aria-label',
    'Bucket ranges: control 0.000–0.240, treatment 0.300–0.860',
  );
  await snap(page, 'experiments-wizard-traffic');
  // Back to an even split over everyone, hashed by device (the units below are anonymous devices).
  await control.getByLabel('Weight %').fill('50');
  await treatment.getByLabel('Weight %').fill('50');
  await traffic.getByLabel('Coverage (exact)').fill('100');
  await expect(bar).toHaveAttribute(
    'aria-label',
    'Bucket ranges: control 0.000–0.500, treatment 0.500–1.000',
  );
  await traffic.getByLabel('Hash attribute').selectOption('deviceId');
  await traffic.getByRole('button', { name: 'Next' }).click();

  const targeting = page.getByRole('region', { name: 'Targeting' });
  await expect(targeting.getByLabel('Always targeted user ids')).toBeVisible();
  await targeting.getByRole('button', { name: 'Next' }).click();

  const metrics = page.getByRole('region', { name: 'Metrics' });
  await metrics.getByRole('button', { name: 'Next' }).click();
  await expect(metrics.getByText('Pick the metric that decides the experiment.')).toBeVisible();
  await metrics.getByLabel('Primary metric').selectOption(metricKey);
  await metrics.getByRole('button', { name: 'Next' }).click();

  const review = page.getByRole('region', { name: 'Review' });
  await expect(review).toContainText(flagKey);
  await expect(review).toContainText(`Purchase ${run}`);
  await snap(page, 'experiments-wizard-review');
  await review.getByRole('button', { name: 'Create experiment' }).click();
  await expect(toast(page, `Experiment ${key} was created as a draft.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/experiments/${key}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`One-page checkout ${run}`);

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(toast(page, `${key} is running: clients are assigned.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // 120 devices are assigned; 60 % of treatment devices buy, 20 % of control devices.
  const devices = Array.from({ length: 120 }, (_, i) => `dev-${run}-${i}`);
  const variation = await assignDevices(request, product, key, devices);
  const groups = [0, 1].map((v) => devices.filter((d) => variation.get(d) === v));
  const [controls = [], treatments = []] = groups;
  expect(controls.length + treatments.length).toBe(120);
  const buyers = [...controls.filter((_, i) => i % 5 === 0), ...treatments.filter((_, i) => i % 5 < 3)];
  const at = new Date().toISOString();
  const ingest = await request.post(`${API}/telemetry/ingest`, {
    headers: product,
    data: {
      events: buyers.map((deviceId) => ({
        name: event,
        level: 'info',
        at,
        deviceId,
        platform: 'ios',
        appVersion: '1.0.0',
      })),
    },
  });
  expect(ingest.status(), await ingest.text()).toBe(200);
  expect(await ingest.json()).toEqual({ accepted: buyers.length, sampledOut: 0 });

  await page.getByRole('button', { name: 'Refresh results' }).click();
  await expect(toast(page, 'Results were computed.')).toBeVisible();
  const result = page.getByRole('region', { name: `Purchase ${run}` });
  const controlRate = controls.filter((_, i) => i % 5 === 0).length / controls.length;
  const treatmentRate = treatments.filter((_, i) => i % 5 < 3).length / treatments.length;
  const treatmentRow = result.getByRole('row').filter({ hasText: 'treatment' });
  await expect(treatmentRow.getByRole('cell').nth(1)).toHaveText(String(treatments.length));
  await expect(treatmentRow.getByRole('cell').nth(3)).toHaveText(liftText(treatmentRate / controlRate - 1));
  await expect(treatmentRow).toContainText('Beats control');
  await expect(treatmentRow).toContainText('significant');
  await expect(result.getByRole('row', { name: /^control / })).toContainText('Baseline');
  await expect(result.getByRole('img', { name: /Relative lift of Purchase/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Results' })).toContainText('the split matches the weights');
  await expect(page.getByRole('region', { name: 'Experiment at a glance' })).toContainText('Sample ratioOK');
  await expect(page.getByRole('alert', { name: 'Sample ratio mismatch' })).toHaveCount(0);

  // CUPED off computes again without the covariate.
  await page.getByRole('switch', { name: 'CUPED' }).click();
  await expect(toast(page, 'CUPED is off; results were computed again.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'CUPED' })).toHaveAttribute('aria-checked', 'false');
  await expect(treatmentRow.getByRole('cell').nth(7)).toHaveText('Off');
  await expect(page.getByRole('img', { name: /lift at each computation/ })).toBeVisible();
  await snap(page, 'experiments-results');

  // Someone reweights the running experiment to 90/10 in the console: new devices follow it, the first 120 keep
  // theirs, and the split no longer matches the weights.
  await page.getByRole('button', { name: 'Traffic' }).click();
  const trafficDialog = page.getByRole('dialog', { name: `Traffic of ${key}` });
  await trafficDialog.getByLabel('Weight of control (%)').fill('90');
  await trafficDialog.getByRole('button', { name: 'Save traffic' }).click();
  await expect(trafficDialog.getByRole('alert')).toContainText('Weights must sum to 100 (they sum to 140)');
  await trafficDialog.getByLabel('Weight of treatment (%)').fill('10');
  await expect(trafficDialog.getByRole('img', { name: /^Bucket ranges/ })).toHaveAttribute(
    'aria-label',
    'Bucket ranges: control 0.000–0.900, treatment 0.900–1.000',
  );
  await snap(page, 'experiments-traffic');
  await trafficDialog.getByRole('button', { name: 'Save traffic' }).click();
  await expect(
    toast(page, `Traffic of ${key} was changed; units already assigned keep their variation.`),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Definition' }).getByRole('img', { name: /^Bucket ranges/ }),
  ).toHaveAttribute('aria-label', 'Bucket ranges: control 0.000–0.900, treatment 0.900–1.000');
  await assignDevices(
    request,
    product,
    key,
    Array.from({ length: 100 }, (_, i) => `late-${run}-${i}`),
  );
  await page.getByRole('button', { name: 'Refresh results' }).click();
  await expect(toast(page, 'Results were computed.')).toBeVisible();
  const banner = page.getByRole('alert', { name: 'Sample ratio mismatch' });
  await expect(banner).toContainText('do not trust these results');
  await expect(page.getByRole('region', { name: 'Experiment at a glance' })).toContainText(
    'Sample ratioMismatch',
  );
  await snap(page, 'experiments-srm');

  // The conclusion needs an override reason under the mismatch.
  await page.getByRole('button', { name: 'Conclude' }).click();
  const dialog = page.getByRole('dialog', { name: `Conclude ${key}` });
  await expect(dialog.getByRole('alert').first()).toContainText('Sample ratio mismatch');
  await dialog.getByLabel('Ship treatment').check();
  await expect(dialog).toContainText(`Flag ${flagKey} rolls out to 100 %`);
  await dialog
    .getByLabel('Reason', { exact: true })
    .fill('60 % against 20 %: the one-page checkout sells more.');
  await dialog.getByRole('button', { name: 'Conclude' }).click();
  await expect(dialog.getByText('Say why the results stand despite the mismatch.')).toBeVisible();
  await dialog.getByLabel('SRM override reason').fill('The split moved because we reweighted on purpose.');
  await snap(page, 'experiments-conclude-dialog', false);
  await dialog.getByRole('button', { name: 'Conclude' }).click();
  await expect(toast(page, `Experiment ${key} was concluded: treatment wins.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const conclusion = page.getByRole('region', { name: 'Conclusion' });
  await expect(conclusion).toContainText('treatment wins');
  await expect(conclusion).toContainText('The split moved because we reweighted on purpose.');
  await expect(conclusion).toContainText(`Flag ${flagKey} rolled out to 100 %.`);
  await expect(page.getByRole('switch', { name: 'CUPED' })).toBeDisabled();
  await snap(page, 'experiments-concluded');

  // The list shows it concluded, with its variants and the time of its last results.
  await page.getByRole('link', { name: 'Experiments', exact: true }).first().click();
  const row = page.getByRole('region', { name: 'Experiments' }).getByRole('row').filter({ hasText: key });
  await expect(row).toContainText('Concluded');
  await expect(row).toContainText('treatment 10 % · winner');
  await expect(row).toContainText('< 1 day');
  await snap(page, 'experiments-list');

  // The flag follows the conclusion (a bus subscriber rolls it out right after).
  await expect(async () => {
    await page.goto(`/flags?search=${flagKey}`);
    const flagRow = page
      .getByRole('region', { name: 'Feature flags' })
      .getByRole('row')
      .filter({ hasText: flagKey });
    await expect(flagRow).toContainText('100%', { timeout: 2000 });
    await expect(flagRow.getByRole('switch', { name: `Enable ${flagKey}` })).toHaveAttribute(
      'aria-checked',
      'true',
      {
        timeout: 1000,
      },
    );
  }).toPass({ timeout: 20_000 });
  await snap(page, 'experiments-flag-rolled-out');
});
